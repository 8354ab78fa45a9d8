import { serve } from '@hono/node-server';
import type { AddressInfo, Socket } from 'node:net';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hono } from 'hono';
import { socketFaultOf, type SocketFault } from './faults/socket-fault.js';
import { transportRefusal, type Refusal } from './http/transport-refusal.js';
import { mountOpenapiRoutes } from './openapi/routes.js';
import { mountDashboard } from './dashboard/mount-page.js';
import { VENDORS } from './vendors.js';
import { createSandbox, type Sandbox } from './sandbox.js';
import { operations } from './operations.js';
import { schemas } from './schema/registry.js';
import type { SandboxOptions } from './options.js';
import { CHECKPOINT_EVERY, openDataDir } from './journal/open-data-dir.js';
import { captureWorld, restoreWorld } from './journal/checkpoint-state.js';
import { takeLock } from './journal/file-lock.js';
import { replay } from './journal/replay.js';
import { openSharedSandbox } from './redis/open-shared.js';
import { DataDirError } from './journal/data-dir-error.js';

/** Where and how to serve a sandbox over HTTP. */
export interface ServeOptions extends SandboxOptions {
  /** Port to listen on; 0 picks a free one. Default 4010. */
  port?: number;
  /** Address to bind. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Time a client has to send its request headers. Default 10 s (Node's 60 s suits the Internet, not a local tool). */
  headersTimeoutMs?: number;
  /** Time a client has to send its whole request. Default 30 s. */
  requestTimeoutMs?: number;
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
  const { port: _port, host: _host, headersTimeoutMs: _h, requestTimeoutMs: _r, ...sandboxOptions } = options;
  return serveCreated(createSandbox(sandboxOptions), options);
}

/** {@link openSandbox}'s options: a served sandbox, kept in `dataDir` when given. */
export interface OpenOptions extends ServeOptions {
  /** Keep the journal in this directory and replay it at start (memory only when absent). */
  dataDir?: string;
  /** With `dataDir`: write a checkpoint of the world after this many entries and on close. Default 50,000; 0 never does (the whole journal is replayed at start). */
  checkpointEvery?: number;
  /**
   * `redis://[user:pass@]host:port/db`: several instances serve one shared state kept in Redis
   * (src/redis/). Not together with `dataDir`.
   */
  store?: string;
  /** Where a shared store's lines go (outage, recovery); default console.error. */
  log?: (line: string) => void;
}

/**
 * Opens a sandbox: with `dataDir`, takes the directory's lock, rebuilds the world its journal
 * started from and replays every entry, then appends each new change there (on disk before it is
 * answered); without it, the same as {@link serveSandbox}. Rejects with a `DataDirError` for a
 * directory it must not start on (in use, corrupt, another layout).
 *
 * @example
 * const running = await openSandbox({ port: 0, dataDir: '.sandbox-data' });
 * await running.close(); // releases the lock
 */
export async function openSandbox(options: OpenOptions = {}): Promise<RunningSandbox & { torn?: string }> {
  const {
    dataDir,
    checkpointEvery = CHECKPOINT_EVERY,
    store,
    log,
    port: _port,
    host: _host,
    headersTimeoutMs: _h,
    requestTimeoutMs: _r,
    ...sandboxOptions
  } = options;
  if (store !== undefined) {
    if (dataDir) throw new DataDirError('--store and --data-dir exclude each other: with a shared store, Redis holds the state (turn on its persistence)');
    const say = log ?? ((line: string) => console.error(`[coupon-sandbox] ${line}`));
    const { sandbox, shared } = await openSharedSandbox(store, sandboxOptions, say);
    try {
      const running = await serveCreated(sandbox, options);
      return { ...running, close: () => running.close().then(() => shared.close()) };
    } catch (error) {
      await shared.close();
      throw error;
    }
  }
  if (!dataDir) return serveSandbox(options);
  const opened = openDataDir(dataDir, takeLock);
  try {
    const sandbox = createSandbox(sandboxOptions, opened.genesis);
    const world = sandbox.world;
    const base = opened.checkpoint === undefined ? undefined : restoreWorld(world, opened.checkpoint);
    await replay(world, VENDORS, opened.entries, base?.clock);
    world.journal.attach(
      opened.start(world.journal.genesis, { every: checkpointEvery, position: () => world.journal.position, capture: () => compacting(world) }),
    );
    const running = await serveCreated(sandbox, options);
    return { ...running, torn: opened.torn, close: () => running.close().then(() => opened.close()) };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

/** A checkpoint's state; the journal in memory keeps only its tail from then on (the checkpoint holds the rest). */
function compacting(world: Sandbox['world']): unknown {
  const state = captureWorld(world);
  world.journal.compact();
  return state;
}

function serveCreated(sandbox: Sandbox, options: ServeOptions): Promise<RunningSandbox> {
  const { port = 4010, host = '127.0.0.1', headersTimeoutMs = 10_000, requestTimeoutMs = 30_000 } = options;
  // The OpenAPI documents (and the example bodies they embed) are served by the Node server only,
  // so the msw bundle for browsers does not carry them.
  mountOpenapiRoutes(sandbox.app as unknown as Hono);
  // The dashboard likewise (page and JSON API).
  mountDashboard(sandbox.app);
  return new Promise((resolve, reject) => {
    // The raw request target goes to the app as it was on the request line: WeChat Pay clients
    // sign it, and the Fetch Request's URL has been normalised.
    // The listener info makes the control surface check Host and Origin (src/http/control-guard.ts).
    const listener = { boundHost: host };
    // Not async: an answer that is ready goes straight to @hono/node-server, and one that is not
    // costs one `then` here, not an async function's promises. Node's HTTP parser delivers exactly
    // Content-Length bytes (more is the next request; fewer never end the body): `exactLength`.
    const fetch = (request: Request, env: { incoming?: TransportIncoming }) => {
      const answer = sandbox.app.fetch(request, { rawTarget: env.incoming?.url, listener, exactLength: true });
      return answer instanceof Promise ? answer.then((response) => faultOnSocket(response, env.incoming)) : faultOnSocket(answer, env.incoming);
    };
    const serverOptions = {
      headersTimeout: headersTimeoutMs,
      requestTimeout: Math.max(requestTimeoutMs, headersTimeoutMs),
      // Node checks the timeouts this often (default 30 s, which would triple a 10 s timeout).
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
    };
    const server = serve({ fetch, port, hostname: host, serverOptions }, (info: AddressInfo) => {
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
    answerNodeRefusals(server, sandbox);
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
function faultOnSocket(response: Response, incoming: TransportIncoming | undefined): Response | Promise<Response> {
  const fault = socketFaultOf(response);
  const socket = incoming?.socket;
  if (!fault || fault.kind === 'malformed_body' || !socket) return response;
  return damageSocket(response, fault, socket);
}

async function damageSocket(response: Response, fault: SocketFault, socket: Socket): Promise<Response> {
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

/** Node's parse errors, by the answer they get (anything else is a bad request). */
const REFUSALS: Readonly<Record<string, Refusal>> = { HPE_HEADER_OVERFLOW: 'too-large', ERR_HTTP_REQUEST_TIMEOUT: 'timeout' };

/**
 * What Node would answer bare (431, 408, 400 without a body; CONNECT: a closed socket) gets a body:
 * the envelope of the vendor whose path the request line named, or the sandbox's JSON error.
 */
function answerNodeRefusals(server: Server, sandbox: Sandbox): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // Node's own caution: never write into a socket that already carries (part of) a response.
    if (error.code === 'ECONNRESET' || !socket.writable || (socket as Socket).bytesWritten > 0) {
      socket.destroy();
      return;
    }
    const line = /^([A-Z]+) (\S+)/.exec(error.rawPacket?.subarray(0, 64 * 1024).toString('latin1') ?? '');
    const refusal = REFUSALS[error.code ?? ''] ?? 'bad-request';
    void transportRefusal(VENDORS, sandbox.world, (e, r) => sandbox.reportUnexpected(e, r), refusal, line?.[1], line?.[2])
      .then((response) => writeRaw(socket, response))
      .catch(() => socket.destroy());
  });
  server.on('connect', (_request, socket: Duplex) => {
    const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message: 'CONNECT is not supported: coupon-sandbox is an API server, not a proxy' } });
    void writeRaw(
      socket,
      new Response(body, { status: 405, headers: { 'content-type': 'application/json; charset=utf-8', allow: 'GET, HEAD, POST, PUT, PATCH, DELETE' } }),
    );
  });
}

/** Writes a Fetch Response as raw HTTP/1.1 onto a socket Node has given up on, and closes it. */
async function writeRaw(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  let head = `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n`;
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'connection') head += `${name}: ${value}\r\n`;
  });
  head += `content-length: ${body.byteLength}\r\nconnection: close\r\n\r\n`;
  if (socket.writable) socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  else socket.destroy();
}

// `coupon-sandbox/node` is the Node entry: the HTTP transport plus the sandbox itself, so code that
// starts a server and code that drives `sandbox.app.fetch` in-process import from one place.
export { createSandbox, type Sandbox } from './sandbox.js';
export type { SandboxOptions } from './options.js';
export { DataDirError } from './journal/data-dir-error.js';
export { SharedStoreError } from './redis/open-shared.js';
