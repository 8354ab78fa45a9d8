import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirError } from './data-dir-error.js';
import { frame, readRecords } from './file-records.js';
import { FileJournal } from './file-journal.js';
import { fsyncDir, readCheckpoint, writeCheckpoint } from './file-checkpoint.js';
import type { JournalSink } from './journal.js';
import type { Genesis, JournalEntry } from './journal-entry.js';
import { DATA_DIR_FORMAT, STATE_LAYOUT } from './state-layout.js';

/** `journal-<first seq>.log`: the segment whose first entry is that seq (the first one starts with the genesis record). */
function segmentName(first: number): string {
  return `journal-${String(first).padStart(6, '0')}.log`;
}

/** Files of a kind in DIR, by the number in their name, ascending. */
function numbered(dir: string, pattern: RegExp): { n: number; name: string }[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const m = pattern.exec(name);
      return m ? [{ n: Number(m[1]), name }] : [];
    })
    .sort((a, b) => a.n - b.n);
}
const SEGMENTS = /^journal-(\d+)\.log$/;
const CHECKPOINTS = /^checkpoint-(\d+)\.bin$/;

/** Default of `checkpointEvery`: entries between two checkpoints. */
export const CHECKPOINT_EVERY = 50_000;

/** When checkpoints are written and what they hold. */
export interface CheckpointSource {
  /** Entries between two checkpoints; 0: none, not even on close. */
  readonly every: number;
  /** The journal position (last seq). */
  position(): number;
  /** The world's state for a checkpoint (src/journal/checkpoint-state.ts). */
  capture(): unknown;
}

/** An opened data dir: what it held, and where new entries go. */
export interface OpenedDataDir {
  readonly dir: string;
  /** Undefined for a new data dir: the caller writes the world's genesis with {@link OpenedDataDir.start}. */
  readonly genesis: Genesis | undefined;
  /** The newest whole checkpoint's state (src/journal/checkpoint-state.ts restores it), if any. */
  readonly checkpoint: unknown;
  /** The entries after the checkpoint (all of them without one). */
  readonly entries: JournalEntry[];
  /** Lines for the log: a torn last record dropped, a damaged checkpoint passed over. */
  readonly torn: string | undefined;
  /** Starts appending (writes the genesis first for a new dir) and returns the sink, which writes the checkpoints. */
  start(genesis: Genesis, checkpoints: CheckpointSource): JournalSink;
  close(): Promise<void>;
}

/** Writes a small file atomically: temp file, fsync, rename, fsync of the directory. */
function writeAtomic(dir: string, name: string, text: string): void {
  const tmp = join(dir, `${name}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, name));
  fsyncDir(dir);
}

/** Checks DIR/FORMAT (or makes a new DIR one); refuses a stranger's directory and other layouts. */
function checkFormat(dir: string): boolean {
  const path = join(dir, 'FORMAT');
  if (!existsSync(path)) {
    const others = readdirSync(dir).filter((name) => name !== 'LOCK');
    if (others.length > 0)
      throw new DataDirError(
        `data dir ${dir} is not empty and has no FORMAT file: not a coupon-sandbox data dir (refusing to start; pick an empty or new directory)`,
      );
    writeAtomic(dir, 'FORMAT', `${JSON.stringify({ format: DATA_DIR_FORMAT, layout: STATE_LAYOUT })}\n`);
    return true;
  }
  let format: { format?: unknown; layout?: unknown };
  try {
    format = JSON.parse(readFileSync(path, 'utf8')) as typeof format;
  } catch {
    throw new DataDirError(`data dir ${dir}: FORMAT is unreadable (corrupt data dir; refusing to start)`);
  }
  if (format.format !== DATA_DIR_FORMAT)
    throw new DataDirError(`data dir ${dir}: FORMAT names "${String(format.format)}", not a coupon-sandbox data dir (refusing to start)`);
  if (format.layout !== STATE_LAYOUT) {
    throw new DataDirError(
      `data dir ${dir} was written with state layout ${String(format.layout)}; this coupon-sandbox reads layout ${STATE_LAYOUT} (refusing to start: use the version that wrote it, or a new --data-dir)`,
    );
  }
  return false;
}

/**
 * Opens (or creates) a data dir: takes its lock, checks its format, reads the newest checkpoint
 * that is whole (a damaged newest one falls back to the one before; damaged with none to fall back
 * on refuses to start) and the segments after it. A torn last record (a write the crash
 * interrupted, never answered) is cut off and reported in one line; damage anywhere before it, or
 * another layout, refuses to start: never silently empty. A `.tmp` left by a crash during a
 * checkpoint is removed.
 */
export function openDataDir(dir: string, takeLock: (dir: string) => () => void): OpenedDataDir {
  mkdirSync(dir, { recursive: true });
  const release = takeLock(dir);
  try {
    const fresh = checkFormat(dir);
    for (const name of readdirSync(dir)) if (/^checkpoint-\d+\.bin\.tmp$/.test(name)) unlinkSync(join(dir, name));
    const notes: string[] = [];
    const base = newestCheckpoint(dir, notes);
    const from = base ? base.seq + 1 : 1;
    const segments = numbered(dir, SEGMENTS).filter((s) => (base ? s.n >= from : s.n === 1));
    let genesis: Genesis | undefined = base?.state.genesis;
    const entries: JournalEntry[] = [];
    segments.forEach((segment, k) => {
      const path = join(dir, segment.name);
      const read = readRecords(readFileSync(path));
      if (read.corrupt || (read.torn && k < segments.length - 1)) {
        throw new DataDirError(
          `data dir ${dir}: ${segment.name} is corrupt at byte ${read.corrupt?.offset ?? read.torn!.offset} (${read.corrupt?.why ?? 'cut short'}, with records after it); refusing to start. Move the directory away to start afresh`,
        );
      }
      read.payloads.forEach((payload, i) => {
        let value: unknown;
        try {
          value = JSON.parse(payload);
        } catch {
          throw new DataDirError(`data dir ${dir}: record ${i + 1} of ${segment.name} is not JSON although its checksum holds; refusing to start`);
        }
        if (segment.n === 1 && i === 0) {
          const first = (value as { genesis?: Genesis }).genesis;
          if (!first) throw new DataDirError(`data dir ${dir}: ${segment.name} does not start with a genesis record; refusing to start`);
          genesis ??= first;
          return;
        }
        const entry = value as JournalEntry;
        const expected = from + entries.length;
        if (entry.seq !== expected) {
          throw new DataDirError(
            `data dir ${dir}: ${segment.name} holds entry ${entry.seq} where ${expected} was expected (entries missing); refusing to start`,
          );
        }
        entries.push(entry);
      });
      if (read.torn) {
        const fd = openSync(path, 'r+');
        try {
          ftruncateSync(fd, read.goodBytes);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        notes.push(
          `coupon-sandbox: data dir ${dir}: dropped a torn last journal record (${read.torn.bytes} bytes at byte ${read.torn.offset}; its write was never answered)`,
        );
      }
    });
    if (fresh) genesis = undefined;
    const appendTo = segments.at(-1)?.name ?? segmentName(from);
    let sink: CheckpointingSink | undefined;
    return {
      dir,
      genesis,
      checkpoint: base?.state,
      entries,
      torn: notes.length ? notes.join('\n') : undefined,
      start(first, checkpoints) {
        const fd = openSync(join(dir, appendTo), 'a');
        if (!genesis) {
          writeSync(fd, frame(JSON.stringify({ genesis: first })));
          fsyncSync(fd);
        }
        fsyncDir(dir);
        sink = new CheckpointingSink(dir, fd, checkpoints);
        return sink;
      },
      async close() {
        await sink?.close();
        sink = undefined;
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** What a checkpoint file holds: at least the genesis (the rest is for src/journal/checkpoint-state.ts). */
interface CheckpointFile {
  genesis: Genesis;
}

/** The newest whole checkpoint; a damaged one is passed over (noted) when an older one is whole, else refused. */
function newestCheckpoint(dir: string, notes: string[]): { seq: number; state: CheckpointFile } | undefined {
  const checkpoints = numbered(dir, CHECKPOINTS).reverse();
  let damaged: string | undefined;
  for (const cp of checkpoints) {
    const read = readCheckpoint(join(dir, cp.name));
    if ('state' in read) return { seq: cp.n, state: read.state as CheckpointFile };
    damaged ??= `${cp.name} is damaged (${read.damaged})`;
    notes.push(`coupon-sandbox: data dir ${dir}: ${cp.name} is damaged (${read.damaged}); using the checkpoint before it`);
  }
  if (damaged) {
    throw new DataDirError(
      `data dir ${dir}: ${damaged} and there is no older whole checkpoint to fall back on; refusing to start. Move the directory away to start afresh`,
    );
  }
  return undefined;
}

/**
 * The data dir's sink: appends to the current segment (group commit, src/journal/file-journal.ts)
 * and, every `every` entries, writes a checkpoint between requests, starts the next segment and
 * deletes what no checkpoint needs any more. The two newest checkpoints and the segments after the
 * older one are kept, so a damaged newest checkpoint still has one to fall back on.
 */
class CheckpointingSink implements JournalSink {
  private current: FileJournal;
  private readonly closing: Promise<void>[] = [];
  private since = 0;
  private scheduled = false;
  private last: number;

  constructor(
    private readonly dir: string,
    fd: number,
    private readonly source: CheckpointSource,
  ) {
    this.current = new FileJournal(fd);
    this.last = source.position();
  }

  append(entry: JournalEntry): void {
    this.current.append(entry);
    if (++this.since >= this.source.every && this.source.every > 0 && !this.scheduled) {
      this.scheduled = true;
      // Between requests: the state is the journal position's there (a rule and its entry are one synchronous step).
      setImmediate(() => {
        this.scheduled = false;
        this.checkpoint();
      });
    }
  }

  durable(): Promise<void> {
    return this.current.durable();
  }

  /**
   * Writes a checkpoint of the world now and moves on to a new segment (nothing when nothing
   * changed since the last one). Entries still being synced in the old segment are in the
   * checkpoint too, which is on disk before anything is deleted.
   */
  checkpoint(): void {
    const seq = this.source.position();
    this.since = 0;
    if (seq === this.last) return;
    try {
      writeCheckpoint(this.dir, seq, this.source.capture());
    } catch (error) {
      // The segments still hold every entry: the next checkpoint tries again.
      console.error(`coupon-sandbox: data dir ${this.dir}: checkpoint at entry ${seq} failed (${(error as Error).message}); the journal keeps every entry`);
      return;
    }
    const previous = this.current;
    const fd = openSync(join(this.dir, segmentName(seq + 1)), 'a');
    fsyncDir(this.dir);
    this.current = new FileJournal(fd);
    this.closing.push(previous.close().then(() => previous.closeFd()));
    this.last = seq;
    this.prune();
  }

  /** Deletes the checkpoints older than the second newest and the segments that precede it. */
  private prune(): void {
    const checkpoints = numbered(this.dir, CHECKPOINTS);
    if (checkpoints.length < 2) return;
    const keep = checkpoints[checkpoints.length - 2]!.n;
    for (const cp of checkpoints) if (cp.n < keep) unlinkSync(join(this.dir, cp.name));
    for (const s of numbered(this.dir, SEGMENTS)) if (s.n <= keep) unlinkSync(join(this.dir, s.name));
    fsyncDir(this.dir);
  }

  /** A clean close: what is pending reaches the disk, then a last checkpoint. */
  async close(): Promise<void> {
    await this.current.close();
    if (this.source.every > 0) this.checkpoint();
    await this.current.close();
    await Promise.all(this.closing);
    this.current.closeFd();
  }
}
