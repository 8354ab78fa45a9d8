import { setupWorker, type SetupWorker } from 'msw/browser';
import { createSandboxHandlers, type SandboxHandlers, type SandboxHandlersOptions } from './handlers.js';

/** What {@link setupSandboxWorker} gives back: the handlers, their sandbox, and an msw worker. */
export interface SandboxWorker extends SandboxHandlers {
  /** The msw worker (not started): `await worker.start()` before the first request. */
  worker: SetupWorker;
}

/**
 * Browser: an msw `setupWorker` wired to a fresh sandbox. The sandbox runs in the page itself (the
 * service worker only forwards requests to it), so its control actions are plain calls in the page.
 * One setup step: copy msw's worker script into the directory your dev server serves at `/`
 * (`npx msw init public/`).
 *
 * @example
 * import { setupSandboxWorker } from 'coupon-sandbox/msw/browser';
 *
 * const { worker, sandbox } = setupSandboxWorker({ seed: 1 });
 * await worker.start({ onUnhandledRequest: 'bypass' });
 * sandbox.clock.freeze();
 * await fetch('https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=...&secret=...');
 */
export function setupSandboxWorker(options: SandboxHandlersOptions = {}): SandboxWorker {
  const created = createSandboxHandlers(options);
  return { ...created, worker: setupWorker(...created.handlers) };
}

export { createSandboxHandlers, type SandboxHandlers, type SandboxHandlersOptions } from './handlers.js';
export { VENDOR_ORIGINS } from './origins.js';
