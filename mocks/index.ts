// `coupon-sandbox/msw`: platform-neutral handlers (re-exports only). Node and browser setups live in
// `coupon-sandbox/msw/node` and `coupon-sandbox/msw/browser`.
export { createSandboxHandlers, type SandboxHandlers, type SandboxHandlersOptions, type RemoteSandboxHandlers } from './handlers.js';
export type { RemoteWorldTarget } from './remote.js';
export { createWorld, type CreateWorldOptions, type RemoteWorld } from '../src/worlds/client.js';
export { VENDOR_ORIGINS, toOrigin } from './origins.js';
export { createSandbox, type Sandbox } from '../src/sandbox.js';
export type { SandboxOptions } from '../src/options.js';
