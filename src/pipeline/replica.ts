/* eslint-disable @typescript-eslint/no-explicit-any -- control actions of different input types go through one seam. */
import type { Vendor } from '../engine/vendor-error.js';
import type { JournalEntry } from '../journal/journal-entry.js';
import type { ControlAction } from './control-action.js';
import type { Exchange } from './exchange.js';
import type { VendorModule } from './vendor-module.js';
import type { World } from './world.js';

/**
 * What a world needs of a shared store (src/redis/): several sandbox processes keep one state by
 * applying one ordered log of changes. A change is not run where it arrives: it is proposed to
 * the log, and every instance (this one included) applies it in log order with the same
 * synchronous rules; the proposer answers with what its own apply gave. Absent in a sandbox of
 * one process (memory or data dir), where every hook below costs one property check.
 */
export interface Replica {
  /** True while this instance applies an entry of the shared log: the change runs here, for real. */
  readonly applying: boolean;
  /** Resolves once this instance has applied everything the log held when asked (read-your-writes across instances). */
  sync(): Promise<void>;
  /** A vendor write: ordered through the log; resolves to the success body of its apply here, or rejects with its VendorError. */
  proposeCall(vendor: VendorModule<unknown, any>, exchange: Exchange<any>): Promise<unknown>;
  /** A control action that writes: ordered through the log; resolves to its result as applied here. */
  proposeControl(
    world: World,
    vendor: Vendor | undefined,
    act: ControlAction<any, any, any>,
    input: Record<string, unknown>,
    params: Record<string, string>,
  ): Promise<unknown>;
  /**
   * A journal entry made outside any applied change (a write refused before its rule, a delivery
   * attempt): shared through the log, so every instance's journal holds it. True when taken.
   */
  note(world: World, entry: Omit<JournalEntry, 'seq'>): boolean;
  /** What `GET /_sandbox/health` and the banner show of the store. */
  describe(): Record<string, unknown>;
}

/**
 * The shared store cannot be reached (or is behind this instance): the call is answered with the
 * vendor's system error (`/_sandbox/` routes: 503 STORE_UNAVAILABLE), never a hang or a crash.
 * Not a bug: the runner does not report it as one.
 */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
}
