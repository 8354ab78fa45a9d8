/* eslint-disable @typescript-eslint/no-explicit-any -- one table holds rules and actions of different input types: `any` in these type parameters is what lets it (with `unknown`, parameter contravariance rejects every entry). */
import type { World } from './world.js';

/** What a control action sees besides its target and input. */
export interface ControlContext {
  /** Sandbox time, milliseconds since the epoch. */
  readonly now: number;
  readonly world: World;
  /** Path parameters of the route (`:stock_id`...). */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * One action of the sandbox's own surface (`/_sandbox/...`): what a vendor's staff, a user's
 * wallet or the test harness does, which no vendor API can. `T` is what it acts on: a vendor's
 * state (run inside that vendor's store, in one transaction when it `writes`) or the whole world.
 */
export interface ControlAction<T = any, I = any, R = any> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Hono route pattern, e.g. `/_sandbox/wechatpay/stocks/:stock_id/state`. */
  readonly path: string;
  readonly summary: string;
  /** Schema `$id` of the JSON body (an empty body counts as `{}`). */
  readonly request?: string;
  /** Schema `$id` of the answer, for the OpenAPI export. */
  readonly response?: string;
  /** True when the action changes state. */
  readonly writes: boolean;
  /**
   * In a sandbox shared by several instances, runs on the instance that received it instead of
   * through the shared log: the action only sends (a redelivery), and what it records is shared.
   */
  readonly runsHere?: boolean;
  run(target: T, input: I, ctx: ControlContext): R | Promise<R>;
}

/** A vendor's (or the world's) control actions, keyed by the method name they get on `sandbox.<vendor>`. */
export type ControlTable<T> = Readonly<Record<string, ControlAction<T>>>;

/** Builds a typed control action (types inferred from `run`). */
export function action<T, I, R>(spec: Omit<ControlAction<T, I, R>, 'run'>, run: (target: T, input: I, ctx: ControlContext) => R): ControlAction<T, I, R> {
  return { ...spec, run };
}

/** The typed methods a control table gives `sandbox.<vendor>`: input in, result out. */
export type BoundControls<C> = {
  [K in keyof C]: C[K] extends ControlAction<any, infer I, infer R> ? (input?: I, params?: Record<string, string>) => R : never;
};
