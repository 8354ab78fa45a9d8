import type { Genesis, JournalEntry } from './journal-entry.js';
import { selectEntries, type JournalFilter } from './journal-view.js';
import { Snapshots } from './snapshots.js';

/** Where a journal's entries go besides memory (the data dir's segment files, src/journal/file-journal.ts). */
export interface JournalSink {
  append(entry: JournalEntry): void;
  /** Resolves once everything appended so far is on disk (fsynced). */
  durable(): Promise<void>;
}

/**
 * The journal of one world: one entry per state change, in order, from the world's genesis. The
 * world's state is a function of (genesis, entries): src/journal/replay.ts rebuilds it. Always on,
 * in memory; a data dir adds a sink that makes each entry durable before its answer is sent.
 */
/** Entries kept in memory for `GET /_sandbox/journal` once a checkpoint has compacted the history. */
export const JOURNAL_TAIL = 100_000;

export class Journal {
  private list: JournalEntry[] = [];
  private nextSeq = 1;
  private sink: JournalSink | undefined;
  /** Set while replaying: the actions re-run do not journal themselves again. */
  replaying = false;
  /** Named snapshots of this world (in memory). */
  readonly snapshots = new Snapshots();

  constructor(public genesis: Genesis) {}

  /**
   * Set in a shared sandbox (src/redis/): takes an entry made outside an applied change, which then
   * comes back through the shared log and is recorded by every instance in the log's order.
   */
  forward: ((entry: Omit<JournalEntry, 'seq'>) => boolean) | undefined;

  /** Appends one entry (seq assigned here) and hands it to the sink; `local`: never forwarded. */
  record(entry: Omit<JournalEntry, 'seq'>, local = false): JournalEntry | undefined {
    if (this.replaying) return undefined;
    if (!local && this.forward?.(entry)) return undefined;
    const full = { seq: this.nextSeq++, ...entry } as JournalEntry;
    this.list.push(full);
    this.sink?.append(full);
    return full;
  }

  /** How many entries were put back from disk when the world started. */
  replayed = 0;

  /** Puts back an entry read from disk (replay), keeping its seq. */
  load(entry: JournalEntry): void {
    this.replayed++;
    this.list.push(entry);
    this.nextSeq = entry.seq + 1;
  }

  /** Continues after a checkpoint that holds everything up to `seq` (its entries are not in memory). */
  resume(seq: number): void {
    this.nextSeq = seq + 1;
  }

  /** Keeps only the newest {@link JOURNAL_TAIL} entries (a checkpoint holds what came before). */
  compact(): void {
    if (this.list.length > JOURNAL_TAIL) this.list = this.list.slice(-JOURNAL_TAIL);
  }

  /** The last entry's seq. */
  get position(): number {
    return this.nextSeq - 1;
  }

  /** Undefined in memory mode; with a data dir, resolves once every entry so far is on disk. */
  durable(): Promise<void> | undefined {
    return this.sink?.durable();
  }

  attach(sink: JournalSink | undefined): void {
    this.sink = sink;
  }

  entries(): readonly JournalEntry[] {
    return this.list;
  }

  /** Newest first, as `GET /_sandbox/journal` answers. */
  select(filter: JournalFilter): Record<string, unknown>[] {
    return selectEntries(this.list, filter);
  }
}
