import { closeSync, fdatasync, writeSync } from 'node:fs';
import type { JournalEntry } from './journal-entry.js';
import type { JournalSink } from './journal.js';
import { frame } from './file-records.js';

interface Batch {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function batch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((y, n) => ((resolve = y), (reject = n)));
  // An fsync failure is answered through the writes that wait on it; nobody else must crash on it.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * The journal's segment file as a sink, with group commit: entries appended while one fdatasync
 * runs are written together and synced by the next one, so many concurrent writes share one
 * sync. `durable()` resolves once everything appended before it is on disk; the runner awaits it
 * before a write's answer is sent.
 */
export class FileJournal implements JournalSink {
  private pending: Buffer[] = [];
  private next: Batch | undefined;
  private inflight: Promise<void> | undefined;
  private syncing = false;
  private failed: unknown;

  constructor(private readonly fd: number) {}

  append(entry: JournalEntry): void {
    this.pending.push(frame(JSON.stringify(entry)));
    this.next ??= batch();
    if (!this.syncing) this.flush();
  }

  durable(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed as Error);
    return this.next?.promise ?? this.inflight ?? Promise.resolve();
  }

  private flush(): void {
    const done = this.next;
    if (!done || this.pending.length === 0) return;
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.next = undefined;
    this.syncing = true;
    this.inflight = done.promise;
    try {
      // To the page cache at once (in order); the sync below is what makes it durable.
      for (let written = 0; written < bytes.length;) written += writeSync(this.fd, bytes, written);
    } catch (error) {
      this.fail(done, error);
      return;
    }
    fdatasync(this.fd, (error) => {
      this.syncing = false;
      this.inflight = undefined;
      if (error) return this.fail(done, error);
      done.resolve();
      this.flush();
    });
  }

  /** A write or sync that failed: this and every later write is refused (the disk no longer follows memory). */
  private fail(done: Batch, error: unknown): void {
    this.failed = error;
    this.syncing = false;
    done.reject(error);
    this.next?.reject(error);
  }

  private closed = false;

  /** Closes the segment file (once, after {@link FileJournal.close}). */
  closeFd(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  /** Waits for what is pending (a clean shutdown). */
  async close(): Promise<void> {
    await this.durable().catch(() => undefined);
  }
}
