import { http, HttpResponse, type HttpHandler } from 'msw';
import { socketFaultOf } from '../src/faults/socket-fault.js';
import { createSandbox, type Sandbox } from '../src/sandbox.js';
import type { SandboxOptions } from '../src/options.js';
import { toOrigin, VENDOR_ORIGINS } from './origins.js';
import { remoteHandlers, type RemoteWorldTarget } from './remote.js';

/** Options of {@link createSandboxHandlers}: the sandbox's own options plus where to answer. */
export interface SandboxHandlersOptions extends SandboxOptions {
  /**
   * Serve this existing sandbox instead of creating one (e.g. one sandbox shared by several handler
   * sets). Its own options win; the other sandbox options given here are then ignored.
   */
  sandbox?: Sandbox;
  /**
   * Extra waiqin365 tenant origins: tenants on another cloud call the "OpenAPI地址" their console
   * shows instead of `https://openapi.waiqin365.com`. A bare host is taken as https.
   */
  waiqinOrigins?: readonly string[];
  /**
   * The base URL your app uses for a local `npm start` sandbox (e.g. `http://localhost:4010`).
   * Everything under it, the `/_sandbox/` control routes included, is answered in-process exactly
   * as the server would, so code written against the running server needs no change under msw.
   * Default: none.
   */
  sandboxOrigin?: string;
}

/** What {@link createSandboxHandlers} gives back with `remote`: the handlers and the world they answer from. */
export interface RemoteSandboxHandlers {
  handlers: HttpHandler[];
  /** The remote world (state lives in the running sandbox: drive it with the world's `control`, `clock`, `reset`). */
  world: RemoteWorldTarget;
  origins: string[];
}

/** What {@link createSandboxHandlers} gives back. */
export interface SandboxHandlers {
  /** msw request handlers, one per origin; pass them to `setupServer(...)` or `setupWorker(...)`. */
  handlers: HttpHandler[];
  /**
   * The sandbox behind the handlers: arrange and inspect state with plain calls
   * (`sandbox.reset()`, `sandbox.clock.advance(ms)`, `sandbox.wechat.*`, `sandbox.wechatpay.*`,
   * `sandbox.waiqin.*`, `sandbox.credentials()`).
   */
  sandbox: Sandbox;
  /** Every origin the handlers answer for, vendor origins first. */
  origins: string[];
}

/**
 * msw 2.x handlers that answer every request for the real vendor origins
 * (`https://api.weixin.qq.com`, `https://api.mch.weixin.qq.com`, `https://openapi.waiqin365.com`
 * and any `waiqinOrigins`) with the same Hono app the HTTP server runs. The handlers hold no vendor
 * logic: each one is `sandbox.app.fetch(request)`, so msw and the server cannot disagree.
 *
 * Every path under those origins is handled (unknown paths get the vendor's own not-found
 * answer), so `onUnhandledRequest` only ever concerns other hosts. The sandbox's `/_sandbox/`
 * routes are reachable on every handled origin, as on the server.
 *
 * Platform-neutral: usable with `msw/node` and `msw/browser` alike (see `coupon-sandbox/msw/node`
 * and `coupon-sandbox/msw/browser` for ready-made setups).
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createSandboxHandlers } from 'coupon-sandbox/msw';
 *
 * const { handlers, sandbox } = createSandboxHandlers({ seed: 7 });
 * const server = setupServer(...handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * const { appid, secret } = sandbox.wechat.credentials();
 * const res = await fetch(`https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
 *
 * // Or answer from a world of a shared `npm start` (one per test file), forwarding every request:
 * const world = await createWorld('http://127.0.0.1:4010');
 * const remote = createSandboxHandlers({ remote: world });
 */
export function createSandboxHandlers(options: SandboxHandlersOptions & { remote: RemoteWorldTarget }): RemoteSandboxHandlers;
export function createSandboxHandlers(options?: SandboxHandlersOptions): SandboxHandlers;
export function createSandboxHandlers(options: SandboxHandlersOptions & { remote?: RemoteWorldTarget } = {}): SandboxHandlers | RemoteSandboxHandlers {
  const { sandbox: given, waiqinOrigins = [], sandboxOrigin, remote, ...sandboxOptions } = options;
  const origins = [
    ...new Set([
      VENDOR_ORIGINS.wechat,
      VENDOR_ORIGINS.wechatpay,
      VENDOR_ORIGINS.waiqin,
      ...waiqinOrigins.map(toOrigin),
      ...(sandboxOrigin === undefined ? [] : [toOrigin(sandboxOrigin)]),
    ]),
  ];
  // A world of a running sandbox (createWorld) instead of a private in-process one.
  if (remote) return { handlers: remoteHandlers(remote, origins), world: remote, origins };
  const sandbox = given ?? createSandbox(sandboxOptions);
  // The whole transport: hand the Fetch Request to the one app, return its Response untouched.
  // A socket fault becomes a rejected fetch (HttpResponse.error()); malformed_body is its truncated body.
  const handlers = origins.map((origin) =>
    http.all(`${origin}/*`, async ({ request }) => {
      const response = await sandbox.app.fetch(request);
      const fault = socketFaultOf(response);
      if (!fault || fault.kind === 'malformed_body') return response;
      if (fault.kind === 'timeout_after_commit' && fault.holdMs > 0) await new Promise((done) => setTimeout(done, fault.holdMs));
      return HttpResponse.error();
    }),
  );
  return { handlers, sandbox, origins };
}
