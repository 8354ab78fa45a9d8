import type { Hono } from 'hono';
import { SandboxClock } from './engine/clock.js';
import type { EngineContext } from './engine/context.js';
import { WechatEngine } from './engine/wechat/engine.js';
import { WechatPayEngine } from './engine/wechatpay/engine.js';
import { WaiqinEngine } from './engine/waiqin/engine.js';
import { createApp } from './http/app.js';
import { resolveOptions, type ResolvedOptions, type SandboxOptions } from './options.js';

/**
 * One sandbox: the clock, the three vendor engines (whose methods are the typed control actions)
 * and the Hono app that serves them. Every transport (Node server, msw, `app.request()`) wraps
 * `sandbox.app.fetch`.
 *
 * @example
 * const sandbox = createSandbox({ seed: 42 });
 * const res = await sandbox.app.request('/_sandbox/credentials');
 */
export interface Sandbox {
  readonly app: Hono;
  readonly clock: SandboxClock;
  readonly options: ResolvedOptions;
  readonly wechat: WechatEngine;
  readonly wechatpay: WechatPayEngine;
  readonly waiqin: WaiqinEngine;
  /** Restores the seeded world (optionally with another seed or empty) and the start-up clock. */
  reset(change?: { seed?: number; empty?: boolean }): void;
  /** Every default credential and seeded test identity, per vendor. */
  credentials(): Record<string, unknown>;
  /** Reports an unexpected error (a bug); the HTTP layer still answers in the vendor's envelope. */
  reportUnexpected(error: unknown, request: Request): void;
}

export function createSandbox(input: SandboxOptions = {}): Sandbox {
  const options = resolveOptions(input);
  const clock = new SandboxClock();
  const startClock = () => {
    clock.resetToReal();
    if (options.startAt !== undefined) clock.set(options.startAt);
    // Freeze AT startAt: freezing at "now" would read the real clock again, a millisecond or so later.
    if (options.frozen) clock.freeze(options.startAt);
  };
  startClock();

  // The engines read seed/empty through this object, so reset can change them in place.
  const ctx: EngineContext = { clock, seed: options.seed, empty: options.empty };
  const wechat = new WechatEngine(ctx);
  const wechatpay = new WechatPayEngine(ctx);
  const waiqin = new WaiqinEngine(ctx);

  const sandbox: Sandbox = {
    app: undefined as unknown as Hono,
    clock,
    options,
    wechat,
    wechatpay,
    waiqin,
    reset(change = {}) {
      if (change.seed !== undefined) options.seed = ctx.seed = change.seed;
      if (change.empty !== undefined) options.empty = ctx.empty = change.empty;
      startClock();
      wechat.reset();
      wechatpay.reset();
      waiqin.reset();
    },
    credentials() {
      return {
        wechat: wechat.credentials(),
        wechatpay: wechatpay.credentials(),
        waiqin: waiqin.credentials(),
      };
    },
    reportUnexpected(error, request) {
      if (options.onUnexpectedError) options.onUnexpectedError(error, request);
      else console.error(`[coupon-sandbox] unexpected error on ${request.method} ${request.url}:`, error);
    },
  };
  (sandbox as { app: Hono }).app = createApp(sandbox);
  return sandbox;
}
