import type { ClockState } from '../engine/clock.js';
import type { Vendor } from '../engine/vendor-error.js';
import type { OutboxState } from '../notifications/outbox.js';
import type { World } from '../pipeline/world.js';
import { decodeState, encodeState } from './checkpoint-codec.js';
import type { Genesis } from './journal-entry.js';
import type { Snapshot } from './snapshots.js';

/**
 * Everything replaying the journal up to `seq` would rebuild: a checkpoint (src/journal/
 * file-checkpoint.ts writes it). Restoring it and replaying the entries after `seq` gives the
 * world replaying the whole journal gives.
 */
export interface CheckpointState {
  /** The journal position: the last entry this state includes. */
  readonly seq: number;
  /** The genesis of the journal (kept so the first segment can be deleted). */
  readonly genesis: Genesis;
  readonly stores: [Vendor, unknown][];
  readonly clock: ClockState;
  readonly seed: number;
  readonly empty: boolean;
  readonly nonce: number | undefined;
  readonly builtAt: number;
  readonly outbox: OutboxState;
  readonly snapshots: Snapshot[];
}

/** The world now, encoded for `v8.serialize` (class instances tagged, src/journal/checkpoint-codec.ts). */
export function captureWorld(world: World): unknown {
  const state: CheckpointState = {
    seq: world.journal.position,
    genesis: world.journal.genesis,
    stores: world.vendors.map((v) => [v, world.store(v).peek()]),
    clock: world.clock.state(),
    seed: world.ctx.seed,
    empty: world.ctx.empty,
    nonce: world.ctx.idNonce,
    builtAt: world.builtAt,
    outbox: world.notifications.exportState(),
    snapshots: world.journal.snapshots.exportState(),
  };
  return encodeState(state);
}

/** Puts a world (just built from the checkpoint's genesis) where a checkpoint left it; returns its position. */
export function restoreWorld(world: World, encoded: unknown): CheckpointState {
  const state = decodeState(encoded) as CheckpointState;
  for (const [vendor, s] of state.stores) {
    world.store(vendor).dispose();
    world.store(vendor).replace(s);
  }
  world.options.seed = world.ctx.seed = state.seed;
  world.options.empty = world.ctx.empty = state.empty;
  world.ctx.idNonce = state.nonce;
  world.builtAt = state.builtAt;
  world.clock.restore(state.clock);
  world.notifications.importState(state.outbox);
  world.journal.snapshots.importState(state.snapshots);
  world.journal.resume(state.seq);
  return state;
}
