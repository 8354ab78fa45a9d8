import { setupServer, type SetupServer } from 'msw/node';
import { createSandboxHandlers, type SandboxHandlers, type SandboxHandlersOptions } from './handlers.js';

/** What {@link setupSandboxServer} gives back: the handlers, their sandbox, and an msw server. */
export interface SandboxServer extends SandboxHandlers {
  /** The msw server (not started): call `listen()` / `resetHandlers()` / `close()` / `use()`. */
  server: SetupServer;
}

/**
 * Node (vitest, jest, plain scripts; also jsdom / happy-dom environments): an msw `setupServer`
 * wired to a fresh sandbox. msw patches Node's `http`/`https`, `fetch` and `XMLHttpRequest`, so
 * SDKs that hard-code `https://api.weixin.qq.com` reach the sandbox unmodified.
 *
 * @example
 * import { afterAll, afterEach, beforeAll } from 'vitest';
 * import { setupSandboxServer } from 'coupon-sandbox/msw/node';
 *
 * export const { server, sandbox } = setupSandboxServer({ seed: 1 });
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => { server.resetHandlers(); sandbox.reset(); });
 * afterAll(() => server.close());
 */
export function setupSandboxServer(options: SandboxHandlersOptions = {}): SandboxServer {
  const created = createSandboxHandlers(options);
  return { ...created, server: setupServer(...created.handlers) };
}

export { createSandboxHandlers, type SandboxHandlers, type SandboxHandlersOptions } from './handlers.js';
export { VENDOR_ORIGINS } from './origins.js';
