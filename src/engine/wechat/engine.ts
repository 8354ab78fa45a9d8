import type { EngineContext } from '../context.js';

/** The wechat engine: state and rules, no HTTP. (Skeleton: the wechat issue fills it in.) */
export class WechatEngine {
  constructor(readonly ctx: EngineContext) {}

  /** Restores the seeded world. */
  reset(): void {}

  /** Credentials and test identities a client needs, for GET /_sandbox/credentials. */
  credentials(): Record<string, unknown> {
    return {};
  }
}
