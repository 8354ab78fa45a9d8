import type { Vendor } from '../engine/vendor-error.js';
import type { OutboxChange } from '../notifications/outbox.js';
import type { World } from '../pipeline/world.js';
import type { JournalEntry } from './journal-entry.js';

/** Operation ids of the outbox's changes in the journal (`notifications.created`...). */
const PREFIX = 'notifications.';

/**
 * Deliveries are state: every change of a world's outbox (a notification created, an attempt and
 * its answer, a held one released, a reset) is journaled as it happens, a copy of the change as
 * the entry's input. Replay applies the same changes instead of re-running deliveries, so after a
 * restart the delivery log, ids and retry schedule are as they were and nothing is sent twice.
 */
export function journalOutbox(world: World): void {
  world.notifications.onChange((change) => {
    if (world.journal.replaying) return;
    const id = change.kind === 'created' ? change.notification.id : change.kind === 'reset' ? undefined : change.id;
    const vendor: Vendor | 'sandbox' =
      change.kind === 'created' ? change.notification.vendor : ((id === undefined ? undefined : world.notifications.get(id)?.vendor) ?? 'sandbox');
    // A copy: the notification object lives on and is changed by later attempts.
    world.journal.record({
      at: world.clock.now(),
      vendor,
      operation: PREFIX + change.kind,
      input: structuredClone(change),
      outcome: 'ok',
      refs: id ? [id] : [],
    });
  });
}

/** Whether an entry is an outbox change (replayed by {@link replayOutbox}, not by a rule). */
export function isOutboxEntry(entry: JournalEntry): boolean {
  return entry.control === undefined && entry.operation.startsWith(PREFIX);
}

/** Applies a journaled outbox change again. */
export function replayOutbox(world: World, entry: JournalEntry): void {
  world.notifications.apply(structuredClone(entry.input) as OutboxChange);
}
