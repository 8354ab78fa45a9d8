import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirError } from './data-dir-error.js';
import { frame, readRecords } from './file-records.js';
import { FileJournal } from './file-journal.js';
import type { Genesis, JournalEntry } from './journal-entry.js';
import { DATA_DIR_FORMAT, STATE_LAYOUT } from './state-layout.js';

/** The segment every entry is appended to, after the genesis record. */
const SEGMENT = 'journal-000001.log';

/** An opened data dir: what it held, and where new entries go. */
export interface OpenedDataDir {
  readonly dir: string;
  /** Undefined for a new data dir: the caller writes the world's genesis with {@link OpenedDataDir.start}. */
  readonly genesis: Genesis | undefined;
  readonly entries: JournalEntry[];
  /** One line for the log when a torn last record was dropped. */
  readonly torn: string | undefined;
  /** Starts appending (writes the genesis first for a new dir) and returns the sink. */
  start(genesis: Genesis): FileJournal;
  close(): Promise<void>;
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
 * Opens (or creates) a data dir: takes its lock, checks its format, reads the journal. A torn last
 * record (a write the crash interrupted, never answered) is cut off and reported in one line;
 * damage anywhere before it, or another layout, refuses to start: never silently empty.
 */
export function openDataDir(dir: string, takeLock: (dir: string) => () => void): OpenedDataDir {
  mkdirSync(dir, { recursive: true });
  const release = takeLock(dir);
  try {
    const fresh = checkFormat(dir);
    const segment = join(dir, SEGMENT);
    let genesis: Genesis | undefined;
    const entries: JournalEntry[] = [];
    let torn: string | undefined;
    if (!fresh && existsSync(segment)) {
      const data = readFileSync(segment);
      const read = readRecords(data);
      if (read.corrupt) {
        throw new DataDirError(
          `data dir ${dir}: ${SEGMENT} is corrupt at byte ${read.corrupt.offset} (${read.corrupt.why}, with records after it); refusing to start. Move the directory away to start afresh`,
        );
      }
      read.payloads.forEach((payload, i) => {
        let value: unknown;
        try {
          value = JSON.parse(payload);
        } catch {
          throw new DataDirError(`data dir ${dir}: record ${i + 1} of ${SEGMENT} is not JSON although its checksum holds; refusing to start`);
        }
        if (i === 0) genesis = (value as { genesis?: Genesis }).genesis;
        else entries.push(value as JournalEntry);
      });
      if (read.payloads.length > 0 && !genesis) throw new DataDirError(`data dir ${dir}: ${SEGMENT} does not start with a genesis record; refusing to start`);
      if (read.torn) {
        const fd = openSync(segment, 'r+');
        try {
          ftruncateSync(fd, read.goodBytes);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        torn = `coupon-sandbox: data dir ${dir}: dropped a torn last journal record (${read.torn.bytes} bytes at byte ${read.torn.offset}; its write was never answered)`;
      }
    }
    let sink: FileJournal | undefined;
    let fd: number | undefined;
    return {
      dir,
      genesis,
      entries,
      torn,
      start(first) {
        fd = openSync(segment, 'a');
        if (!genesis) {
          writeSync(fd, frame(JSON.stringify({ genesis: first })));
          fsyncSync(fd);
          fsyncDir(dir);
        }
        sink = new FileJournal(fd);
        return sink;
      },
      async close() {
        await sink?.close();
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
