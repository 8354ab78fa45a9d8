import { serve } from '@hono/node-server';
import type { AddressInfo, Socket } from 'node:net';
import type { Server } from 'node:http';
import type { Hono } from 'hono';
import { socketFaultOf } from './faults/socket-fault.js';
import { mountOpenapiRoutes } from './openapi/routes.js';
import { createSandbox, type Sandbox } from './sandbox.js';
import { operations } from './operations.js';
import { schemas } from './schema/registry.js';
import type { SandboxOptions } from './options.js';

/** Where and how to serve a sandbox over HTTP. */
export interface ServeOptions extends SandboxOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Address to bind. Default 127.0.0.1 (loopback only). */
  host?: string;
}

export interface RunningSandbox {
  sandbox: Sandbox;
  /** Base URL, e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves a sandbox over Node HTTP (the only Node-specific transport; the CLI and the socket tests
 * use it).
 *
 * @example
 * const running = await serveSandbox({ port: 0 });
 * await fetch(`${running.url}/_sandbox/credentials`);
 * await running.close();
 */
export function serveSandbox(options: ServeOptions = {}): Promise<RunningSandbox> {
  const { port = 4010, host = '127.0.0.1', ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);
  // The OpenAPI documents (and the example bodies they embed) are served by the Node server only,
  // so the msw bundle for browsers does not carry them.
  mountOpenapiRoutes(sandbox.app as unknown as Hono);
  return new Promise((resolve, reject) => {
    // The raw request target goes to the app as it was on the request line: WeChat Pay clients
    // sign it, and the Fetch Request's URL has been normalised.
    const fetch = async (request: Request, env: { incoming?: TransportIncoming }) => faultOnSocket(await sandbox.app.fetch(request, { rawTarget: env.incoming?.url }), env.incoming);
    const server = serve({ fetch, port, hostname: host }, (info: AddressInfo) => {
      // Validators are compiled once per process. Do it in the background, starting a second after
      // listening, so start-up is not delayed and later requests do not pay for compilation.
      void schemas().warmInBackground(
        operations.flatMap((op) => [op.request, op.response, op.responseData].filter((id): id is string => id !== undefined)),
        operations.flatMap((op) => (op.query ? [op.query] : [])),
        1000,
      );
      const shownHost = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        sandbox,
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            (server as Server).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    }) as Server;
    server.once('error', reject);
  });
}

/** What the fault handling needs of Node's request: its raw target and its socket. */
type TransportIncoming = { url?: string; socket?: Socket };

/**
 * Applies an injected socket fault (src/faults/socket-fault.ts): hold the answer and drop the
 * connection (timeout_after_commit), RST (connection_reset) or close without a byte
 * (empty_response). Anything written after that goes to a destroyed socket and is discarded.
 */
async function faultOnSocket(response: Response, incoming: TransportIncoming | undefined): Promise<Response> {
  const fault = socketFaultOf(response);
  const socket = incoming?.socket;
  if (!fault || fault.kind === 'malformed_body' || !socket) return response;
  if (fault.kind === 'timeout_after_commit' && fault.holdMs > 0) {
    await new Promise<void>((done) => {
      const timer = setTimeout(done, fault.holdMs);
      // The client gave up (or the server closes): stop holding.
      socket.once('close', () => {
        clearTimeout(timer);
        done();
      });
    });
  }
  if (fault.kind === 'connection_reset') socket.resetAndDestroy();
  else socket.destroy();
  return response;
}

// `coupon-sandbox/node` is the Node entry: the HTTP transport plus the sandbox itself, so code that
// starts a server and code that drives `sandbox.app.fetch` in-process import from one place.
export { createSandbox, type Sandbox } from './sandbox.js';
export type { SandboxOptions } from './options.js';
