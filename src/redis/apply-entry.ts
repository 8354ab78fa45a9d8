/* eslint-disable @typescript-eslint/no-explicit-any -- control tables hold actions of different input types. */
import type { Vendor } from '../engine/vendor-error.js';
import type { JournalEntry } from '../journal/journal-entry.js';
import { isOutboxEntry, replayOutbox } from '../journal/outbox-entries.js';
import { operation } from '../operations.js';
import type { ControlAction, ControlTable } from '../pipeline/control-action.js';
import { ControlError } from '../pipeline/control-error.js';
import type { Exchange } from '../pipeline/exchange.js';
import { runControl } from '../pipeline/run-control.js';
import { execute } from '../pipeline/runner.js';
import { worldControls } from '../pipeline/world-controls.js';
import type { Sandbox } from '../sandbox.js';
import { VENDOR_MODULES, VENDORS, type OperationId } from '../vendors.js';
import { worldsControls } from '../worlds/controls.js';
import type { ControlTableName, LogEntry } from './log-entry.js';

/** A control table by the name a log entry gives it. */
function tableOf(name: ControlTableName): ControlTable<any> {
  if (name === 'world') return worldControls;
  if (name === 'worlds') return worldsControls;
  return VENDOR_MODULES[name].controls;
}

/** The name of the table an action belongs to (the inverse of {@link tableOf}). */
export function tableNameOf(vendor: Vendor | undefined, act: ControlAction<any, any, any>): ControlTableName {
  if (vendor) return vendor;
  return Object.values(worldsControls).includes(act) ? 'worlds' : 'world';
}

/**
 * Applies one entry of the shared log to this instance's sandbox, with the same code a single
 * process runs: a vendor write through the runner's `execute` (its rule in one transaction,
 * journaled, its success body), a control action through `runControl`, a note into the journal.
 * The caller holds real time at the entry's instant and pins the entropy, so every instance gets
 * the same state, ids and answers. `own`: this instance proposed the call and answers with it.
 * Returns what the change answered (a promise for an action that finishes later); throws its refusal.
 */
export function applyEntry(sandbox: Sandbox, entry: LogEntry, own: Exchange | undefined, fromElsewhere: boolean): unknown {
  const world = sandbox.worlds.peek(entry.w);
  if (!world) throw new ControlError(404, 'NOT_FOUND', `no world ${JSON.stringify(entry.w)} (deleted before this change reached it)`);
  if (entry.k === 'call') {
    const vendor = VENDOR_MODULES[entry.v];
    const op = operation(entry.op as OperationId);
    // The proposer's own exchange (so its answer is built as over HTTP), with the input as logged:
    // every instance runs the rule on exactly the same value.
    const exchange: Exchange = own ?? { world, target: '', params: {}, op, caller: entry.c, meta: vendor.meta() };
    exchange.input = entry.in;
    return execute(vendor as never, exchange);
  }
  if (entry.k === 'control') {
    const act = Object.values(tableOf(entry.t)).find((a) => a.method === entry.m && a.path === entry.p);
    if (!act) throw new Error(`no control action ${entry.m} ${entry.p} in table ${entry.t}: instances of different versions share one log`);
    const target = entry.t === 'world' ? { world, vendors: VENDORS } : entry.t === 'worlds' ? { registry: sandbox.worlds, vendors: VENDORS } : undefined;
    const vendor = entry.t === 'world' || entry.t === 'worlds' ? undefined : entry.t;
    return runControl(world, vendor, act, target, entry.in, entry.pa);
  }
  // A note: another instance's delivery attempt changes this outbox too (the proposer's already has).
  if (fromElsewhere && isOutboxEntry(entry.e as JournalEntry)) {
    world.journal.replaying = true;
    try {
      replayOutbox(world, entry.e as JournalEntry);
    } finally {
      world.journal.replaying = false;
    }
  }
  world.journal.record(entry.e, true);
  return undefined;
}
