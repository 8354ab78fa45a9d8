import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox } from '../../src/sandbox.js';
import type { SandboxOptions } from '../../src/options.js';

/** A request as the server saw it. */
export interface Received {
  method: string;
  path: string;
}

/**
 * A sandbox served on 127.0.0.1 port 0 behind a hook: every request is recorded, and `mutate` may
 * rewrite the sandbox's answer (a target that breaks the contract) before it goes out.
 */
export async function serveWrapped(
  mutate: (request: Request, response: Response) => Promise<Response> | Response = (_q, r) => r,
  options: SandboxOptions = {},
): Promise<{ url: string; sandbox: Sandbox; received: Received[]; close(): Promise<void> }> {
  const sandbox = createSandbox(options);
  const received: Received[] = [];
  const fetchHandler = async (request: Request) => {
    const url = new URL(request.url);
    received.push({ method: request.method, path: url.pathname });
    return mutate(request, await sandbox.app.fetch(request));
  };
  return new Promise((resolve) => {
    const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        sandbox,
        received,
        close: () =>
          new Promise<void>((done) => {
            (server as Server).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    }) as Server;
  });
}

/** A JSON response with the same status and headers as `original` and a new body. */
export function withJson(original: Response, body: unknown): Response {
  const headers = new Headers(original.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: original.status, headers });
}
