import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, survivesUtf8, TextChunks, utf8Bound } from '../../src/journal/text-chunks.js';

/** Writes one text as its own group; returns where it went. */
function put(texts: TextChunks, text: string) {
  const chunk = texts.open(utf8Bound(text));
  const start = chunk.used;
  const length = texts.write(chunk, text);
  return { chunk, start, length };
}

describe('the ring text chunks', () => {
  it('fills one chunk, then the next; a chunk whose groups are all released is written again from its start', () => {
    const texts = new TextChunks();
    // 3,000 bytes reserved and 1,000 written each: a group fits while 3,000 are left, so 260 fit in a chunk.
    const text = 'a'.repeat(1_000);
    const first = Array.from({ length: 260 }, () => put(texts, text));
    expect(new Set(first.map((p) => p.chunk)).size).toBe(1);
    const second = put(texts, text);
    expect(second.chunk).not.toBe(first[0]!.chunk);
    expect(second.start).toBe(0);
    for (const p of first) texts.release(p.chunk);
    // The second chunk fills; the one after it is the first chunk again, from byte 0.
    const rest = Array.from({ length: 260 }, () => put(texts, text));
    expect(rest.filter((p) => p.chunk === second.chunk)).toHaveLength(259);
    const reused = rest.find((p) => p.chunk !== second.chunk)!;
    expect(reused.chunk).toBe(first[0]!.chunk);
    expect(reused.start).toBe(0);
    expect(texts.read(reused.chunk, reused.start, reused.length)).toBe(text);
  });

  it('gives a group larger than a chunk its own chunk, which is never reused once it is replaced', () => {
    const texts = new TextChunks();
    const small = put(texts, 'x');
    const big = put(texts, 'b'.repeat(CHUNK_BYTES));
    expect(big.chunk.bytes.length).toBe(3 * CHUNK_BYTES);
    expect(texts.read(big.chunk, big.start, big.length)).toBe('b'.repeat(CHUNK_BYTES));
    // The big chunk is current: a small group goes in after the big text.
    const after = put(texts, 'y');
    expect(after.chunk).toBe(big.chunk);
    expect(after.start).toBe(CHUNK_BYTES);
    texts.release(small.chunk); // emptied, not current: kept for reuse
    texts.release(big.chunk);
    texts.release(after.chunk); // emptied and current: written again from 0
    const z = put(texts, 'z');
    expect(z.chunk).toBe(big.chunk);
    expect(z.start).toBe(0);
    // A still larger group replaces it; the big chunk (emptied) is dropped, not kept.
    const huge = put(texts, 'h'.repeat(CHUNK_BYTES + 1));
    expect(huge.chunk).not.toBe(big.chunk);
    texts.release(big.chunk);
    // Filling the huge chunk with 80,000-byte texts (240,000 bytes reserved each: 4 more fit in it,
    // then 1 per ordinary chunk) moves on to the kept small chunk, then to fresh ones: never the big chunk.
    const groups = Array.from({ length: 10 }, () => put(texts, 'v'.repeat(80_000)).chunk);
    const order = groups.filter((chunk, i) => chunk !== groups[i - 1]);
    expect(order).toHaveLength(7);
    expect(order[0]).toBe(huge.chunk);
    expect(order[1]).toBe(small.chunk);
    expect(order.slice(2).filter((chunk) => chunk === big.chunk || chunk.bytes.length !== CHUNK_BYTES)).toEqual([]);
  });

  it('reads back multi-byte UTF-8 and a leading BOM as written; a lone surrogate does not survive UTF-8', () => {
    const texts = new TextChunks();
    for (const text of ['满100减10 卡券', '😀', '\ufeff{"a":1}', '']) {
      const p = put(texts, text);
      expect(p.length).toBe(new TextEncoder().encode(text).length);
      expect(texts.read(p.chunk, p.start, p.length)).toBe(text);
    }
    expect(survivesUtf8('😀 ok')).toBe(true);
    expect(survivesUtf8('half \ud800 of a pair')).toBe(false);
  });
});
