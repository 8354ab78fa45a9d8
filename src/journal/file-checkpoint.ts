import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';

/** First bytes of a checkpoint file, then a format version, the body's length and its CRC-32 (u32 LE each). */
const MAGIC = 'CSCK';
const VERSION = 1;
const HEADER_BYTES = 16;

/** `checkpoint-<seq>.bin`: the world after journal entry `seq`. */
export function checkpointName(seq: number): string {
  return `checkpoint-${String(seq).padStart(6, '0')}.bin`;
}

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a checkpoint durably: `<name>.tmp`, fsync, rename, fsync of the directory. A crash before
 * the rename leaves only the .tmp (ignored and removed at the next start); one after it leaves a
 * whole file. Returns its size in bytes.
 */
export function writeCheckpoint(dir: string, seq: number, state: unknown): number {
  const body = serialize(state);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(VERSION, 4);
  header.writeUInt32LE(body.length, 8);
  header.writeUInt32LE(crc32(body), 12);
  const name = checkpointName(seq);
  const tmp = join(dir, `${name}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    for (let n = 0; n < HEADER_BYTES;) n += writeSync(fd, header, n);
    for (let n = 0; n < body.length;) n += writeSync(fd, body, n);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, name));
  fsyncDir(dir);
  return HEADER_BYTES + body.length;
}

/** A checkpoint's state, or why it cannot be used (cut short, checksum, not a checkpoint). */
export function readCheckpoint(path: string): { state: unknown } | { damaged: string } {
  const data = readFileSync(path);
  if (data.length < HEADER_BYTES || data.toString('latin1', 0, 4) !== MAGIC) return { damaged: 'not a checkpoint (bad header)' };
  if (data.readUInt32LE(4) !== VERSION) return { damaged: `checkpoint format ${data.readUInt32LE(4)}, this version reads ${VERSION}` };
  const length = data.readUInt32LE(8);
  const body = data.subarray(HEADER_BYTES);
  if (body.length !== length) return { damaged: `${body.length} bytes where the header says ${length} (cut short)` };
  if (crc32(body) !== data.readUInt32LE(12)) return { damaged: 'checksum mismatch' };
  try {
    return { state: deserialize(body) };
  } catch (error) {
    return { damaged: `unreadable (${(error as Error).message})` };
  }
}
