/**
 * Version of what a data dir holds: the record framing, the journal entry fields and the meaning
 * of each operation's input. A data dir written with another value is refused (never read as if it
 * were this one). Bump it when any of those change; test/journal/state-layout.test.ts fails when the
 * shape of a vendor's state changes without a bump. 2: push settings and notify URLs (notifications)
 * joined the vendor states, and the outbox is journaled. 3: checkpoint files and numbered segments
 * (a build reading layout 2 would miss a dir's compacted history and start from a later segment).
 */
export const STATE_LAYOUT = 3;

/** The name a data dir's FORMAT file carries, so a stranger's directory is never taken for one. */
export const DATA_DIR_FORMAT = 'coupon-sandbox-data';
