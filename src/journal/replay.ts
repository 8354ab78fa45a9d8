/* eslint-disable @typescript-eslint/no-explicit-any -- control tables hold actions of different input types. */
import type { ClockState } from '../engine/clock.js';
import type { Vendor } from '../engine/vendor-error.js';
import type { ControlAction } from '../pipeline/control-action.js';
import { runControl } from '../pipeline/run-control.js';
import type { VendorModule } from '../pipeline/vendor-module.js';
import { worldControls } from '../pipeline/world-controls.js';
import type { World } from '../pipeline/world.js';
import { DataDirError } from './data-dir-error.js';
import type { JournalEntry } from './journal-entry.js';
import { isOutboxEntry, replayOutbox } from './outbox-entries.js';

/** Raised when an entry cannot be replayed: the journal and this version of the sandbox disagree. */
export class ReplayError extends DataDirError {
  override readonly name: string = 'ReplayError';
}

/**
 * Replays journal entries on a world built from the journal's genesis: each change re-runs at its
 * own sandbox instant (the clock held there), so it mints the same ids and dates as the first
 * time. Vendor rules run straight on the state, without the undo log (three times faster; an entry
 * that fails to replay refuses the start anyway). Refusals changed nothing and are only put back in the journal. Afterwards the clock is
 * where the last clock-changing entry left it: frozen at the same instant, or at the same offset
 * from real time.
 */
export async function replay(
  world: World,
  vendors: readonly VendorModule[],
  entries: Iterable<JournalEntry>,
  // After a checkpoint: the clock it left (src/journal/checkpoint-state.ts).
  from: ClockState = world.journal.genesis.clock,
): Promise<void> {
  const journal = world.journal;
  let clock: ClockState = from;
  journal.replaying = world.notifications.replaying = true;
  try {
    for (const entry of entries) {
      if (entry.outcome === 'ok') {
        world.clock.restore({ offsetMs: 0, frozenAt: entry.at });
        if (isOutboxEntry(entry)) replayOutbox(world, entry);
        else if (entry.control) await replayControl(world, vendors, entry);
        else replayCall(world, vendors, entry);
        if (entry.world) {
          clock = entry.world.clock;
          world.ctx.idNonce = entry.world.nonce;
        }
      }
      journal.load(entry);
    }
  } finally {
    journal.replaying = world.notifications.replaying = false;
    world.clock.restore(clock);
    journal.compact();
  }
  // What became due while the sandbox was down is delivered now, on the vendor's schedule.
  world.notifications.kick();
}

function replayCall(world: World, vendors: readonly VendorModule[], entry: JournalEntry): void {
  const vendor = vendors.find((v) => v.vendor === entry.vendor);
  const rule = vendor?.rules[entry.operation];
  if (!vendor || !rule) throw new ReplayError(`entry ${entry.seq}: no rule ${entry.operation}`);
  const ctx = { caller: entry.caller ?? '', now: entry.at, world };
  try {
    const result = rule.run(world.store<unknown>(vendor.vendor).peek() as never, entry.input as never, ctx);
    if (result instanceof Promise) result.catch(() => undefined);
  } catch (error) {
    throw new ReplayError(`entry ${entry.seq} (${entry.operation}) answered ok but fails on replay: ${(error as Error).message}`);
  }
}

async function replayControl(world: World, vendors: readonly VendorModule[], entry: JournalEntry): Promise<void> {
  const ref = entry.control!;
  const input = (entry.input ?? {}) as Record<string, unknown>;
  if (ref.table === 'world') {
    // A reset and a clock move are put back as they left the world (a reset draws a fresh nonce,
    // a clock move may read real time): the recorded result, not a re-run.
    if (ref.path === worldControls.reset.path) return world.reset(input, entry.world);
    if (ref.path === worldControls.moveClock.path && ref.method === 'POST') return;
  }
  const table: Readonly<Record<string, ControlAction<any>>> =
    ref.table === 'world' ? worldControls : (vendors.find((v) => v.vendor === ref.table)?.controls ?? {});
  const act = Object.values(table).find((a) => a.method === ref.method && a.path === ref.path);
  if (!act) throw new ReplayError(`entry ${entry.seq}: no control action ${ref.method} ${ref.path}`);
  const target = ref.table === 'world' ? { world, vendors } : undefined;
  try {
    await runControl(world, ref.table === 'world' ? undefined : (ref.table as Vendor), act, target, input, { ...ref.params });
  } catch (error) {
    throw new ReplayError(`entry ${entry.seq} (${entry.operation}) answered ok but fails on replay: ${(error as Error).message}`);
  }
}
