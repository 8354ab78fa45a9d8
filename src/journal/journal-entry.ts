import type { ClockState } from '../engine/clock.js';
import type { Vendor } from '../engine/vendor-error.js';

/** `sandbox` for the sandbox's own actions (control surface, clock, reset, snapshots). */
export type JournalVendor = Vendor | 'sandbox';

/**
 * Where a world starts: what it was seeded with and the instant its stores were built (seeded
 * worlds are dated from the clock), the id nonce (so replay mints the same ids) and the clock.
 */
export interface Genesis {
  readonly seed: number;
  readonly empty: boolean;
  readonly nonce: number | undefined;
  /** Sandbox time when the stores were built. */
  readonly builtAt: number;
  readonly clock: ClockState;
}

/** What a world-wide action left behind, so replay puts the world exactly there. */
export interface WorldAfter {
  readonly clock: ClockState;
  readonly nonce: number | undefined;
  readonly builtAt: number;
}

/** How a control action is found again on replay: its table, method, route and path parameters. */
export interface ControlRef {
  readonly table: Vendor | 'world';
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * One state change: a vendor call that writes (refused ones too: the outcome is the vendor's
 * code; they changed nothing), or a control action. Reads are never journaled.
 */
export interface JournalEntry {
  seq: number;
  /** Sandbox time (ms) the change ran at; replay runs it at this instant. */
  at: number;
  vendor: JournalVendor;
  operation: string;
  input: unknown;
  /** `ok`, or the error code as sent on the wire. */
  outcome: string;
  /** Ids the input and the answer named (codes, card ids, coupon ids, stock ids...). */
  refs: string[];
  /** Vendor calls: who called (appid, mchid, tenant). */
  caller?: string;
  /** Control actions: how to find the action again. */
  control?: ControlRef;
  /** World-wide control actions: the world after them. */
  world?: WorldAfter;
}
