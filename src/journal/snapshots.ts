import type { ClockState } from '../engine/clock.js';
import type { Vendor } from '../engine/vendor-error.js';
import type { World } from '../pipeline/world.js';
import { deepCopy } from './deep-copy.js';
import { isoShanghai } from './journal-view.js';

/** A whole world at one moment: every vendor's state, the clock, seed and id nonce. */
export interface Snapshot {
  readonly name: string;
  readonly createdAt: number;
  readonly states: ReadonlyMap<Vendor, unknown>;
  readonly clock: ClockState;
  readonly seed: number;
  readonly empty: boolean;
  readonly nonce: number | undefined;
  readonly builtAt: number;
}

/**
 * Named snapshots of one world, in memory: taking one copies every store, restoring one copies
 * them back (so the snapshot survives being restored twice). Both are journaled control actions,
 * so a replayed journal takes and restores the same snapshots at the same points.
 */
export class Snapshots {
  private readonly byName = new Map<string, Snapshot>();

  take(world: World, name: string): { name: string; created_at: string } {
    const states = new Map<Vendor, unknown>();
    for (const vendor of world.vendors) states.set(vendor, deepCopy(world.store(vendor).peek()));
    const snapshot: Snapshot = {
      name,
      createdAt: world.clock.now(),
      states,
      clock: world.clock.state(),
      seed: world.ctx.seed,
      empty: world.ctx.empty,
      nonce: world.ctx.idNonce,
      builtAt: world.builtAt,
    };
    this.byName.set(name, snapshot);
    return view(snapshot);
  }

  /** False when there is no snapshot of that name. */
  restore(world: World, name: string): boolean {
    const snapshot = this.byName.get(name);
    if (!snapshot) return false;
    for (const [vendor, state] of snapshot.states) world.store(vendor).replace(deepCopy(state));
    world.options.seed = world.ctx.seed = snapshot.seed;
    world.options.empty = world.ctx.empty = snapshot.empty;
    world.ctx.idNonce = snapshot.nonce;
    world.builtAt = snapshot.builtAt;
    world.clock.restore(snapshot.clock);
    return true;
  }

  /** Every snapshot, for a checkpoint (src/journal/checkpoint-state.ts). */
  exportState(): Snapshot[] {
    return [...this.byName.values()];
  }

  /** Puts back what {@link Snapshots.exportState} returned. */
  importState(snapshots: readonly Snapshot[]): void {
    this.byName.clear();
    for (const s of snapshots) this.byName.set(s.name, s);
  }

  delete(name: string): boolean {
    return this.byName.delete(name);
  }

  list(): { name: string; created_at: string }[] {
    return [...this.byName.values()].map(view);
  }
}

function view(snapshot: Snapshot): { name: string; created_at: string } {
  return { name: snapshot.name, created_at: isoShanghai(snapshot.createdAt) };
}
