import { crc32 } from 'node:zlib';

/** Bytes before each record's payload: its length and its CRC-32, both little-endian u32. */
export const HEADER_BYTES = 8;

/** One record: length, CRC-32 of the payload, the payload (UTF-8 JSON). */
export function frame(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const out = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  out.writeUInt32LE(body.length, 0);
  out.writeUInt32LE(crc32(body), 4);
  body.copy(out, HEADER_BYTES);
  return out;
}

/** What reading a segment found: every whole record, and what ended it. */
export interface SegmentRead {
  payloads: string[];
  /** Offset just past the last whole record. */
  goodBytes: number;
  /** A record at the very end that is cut short or fails its checksum (a write the crash interrupted). */
  torn?: { offset: number; bytes: number };
  /** A damaged record with whole records after it: the file is corrupt, not torn. */
  corrupt?: { offset: number; why: string };
}

/**
 * Reads length-prefixed, checksummed records. Only the LAST record may be damaged (a crash in the
 * middle of a write): anything damaged before it is corruption.
 */
export function readRecords(data: Buffer): SegmentRead {
  const payloads: string[] = [];
  let offset = 0;
  while (offset < data.length) {
    const rest = data.length - offset;
    if (rest < HEADER_BYTES) return { payloads, goodBytes: offset, torn: { offset, bytes: rest } };
    const length = data.readUInt32LE(offset);
    const end = offset + HEADER_BYTES + length;
    if (end > data.length) return { payloads, goodBytes: offset, torn: { offset, bytes: rest } };
    const body = data.subarray(offset + HEADER_BYTES, end);
    if (crc32(body) !== data.readUInt32LE(offset + 4)) {
      if (end === data.length) return { payloads, goodBytes: offset, torn: { offset, bytes: rest } };
      return { payloads, goodBytes: offset, corrupt: { offset, why: 'checksum mismatch' } };
    }
    payloads.push(body.toString('utf8'));
    offset = end;
  }
  return { payloads, goodBytes: offset };
}
