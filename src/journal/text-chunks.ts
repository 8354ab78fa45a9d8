/**
 * Where the request ring keeps its texts (paths, request and answer bodies): UTF-8 bytes in large
 * byte chunks that are reused, not strings.
 *
 * Why: the ring holds every request's texts for thousands of requests, so each one outlives the
 * young generation. As strings, the garbage collector copied every one of them out of the young
 * generation and then traced them in the old one (code/get under load, by --trace-gc: 1.7–2.3 µs
 * of GC per request with the ring on, 0.9–1.1 µs with these chunks, about what it is with the
 * ring off; encoding the three texts here costs about 0.2 µs). Bytes in a chunk are one object
 * the collector never looks into.
 *
 * Texts are freed in the order they were written (the ring evicts its oldest first), so a chunk is
 * released when the last text group in it goes and is then written again from its start.
 */

/** Size of an ordinary chunk; a text group larger than this gets a chunk of its own. */
export const CHUNK_BYTES = 256 * 1024;

/** Released chunks kept for reuse (the ring frees them one at a time, as it turns over). */
const SPARES = 2;

const encoder = new TextEncoder();
// ignoreBOM: a body that starts with a BOM is shown with it, as it was sent.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** One chunk: its bytes, how far they are written, and how many text groups in it are still held. */
export class TextChunk {
  used = 0;
  live = 0;
  constructor(readonly bytes: Uint8Array) {}
}

/**
 * Whether a text survives UTF-8 unchanged: a lone surrogate would come back as U+FFFD. (Texts the
 * sandbox answers and decodes never have one; a direct call could.) Without `isWellFormed` (an
 * older browser) every text is kept as a string, as before.
 */
export function survivesUtf8(text: string): boolean {
  const check = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return check !== undefined && check.call(text);
}

export class TextChunks {
  private current: TextChunk | undefined;
  private readonly spares: TextChunk[] = [];

  /**
   * A chunk with room for `maxBytes` more, counting one more text group held in it. The caller
   * writes the group with {@link write} straight away and frees it with {@link release}.
   */
  open(maxBytes: number): TextChunk {
    let chunk = this.current;
    if (chunk === undefined || chunk.bytes.length - chunk.used < maxBytes) {
      // The chunk being replaced is reused at once when nothing in it is held; else its last release does that.
      if (chunk !== undefined && chunk.live === 0) this.keep(chunk);
      chunk = this.current =
        maxBytes > CHUNK_BYTES ? new TextChunk(new Uint8Array(maxBytes)) : (this.spares.pop() ?? new TextChunk(new Uint8Array(CHUNK_BYTES)));
    }
    chunk.live++;
    return chunk;
  }

  /** Writes `text` at the chunk's end (room was reserved by {@link open}); returns its byte length. */
  write(chunk: TextChunk, text: string): number {
    if (text.length === 0) return 0;
    const written = encoder.encodeInto(text, chunk.bytes.subarray(chunk.used)).written;
    chunk.used += written;
    return written;
  }

  /** The text of `length` bytes at `start` in the chunk. */
  read(chunk: TextChunk, start: number, length: number): string {
    return length === 0 ? '' : decoder.decode(chunk.bytes.subarray(start, start + length));
  }

  /** One group in the chunk is no longer held: an emptied chunk is reused (written from its start). */
  release(chunk: TextChunk): void {
    if (--chunk.live > 0) return;
    if (chunk === this.current) chunk.used = 0;
    else this.keep(chunk);
  }

  /** Drops every chunk (a cleared ring). */
  clear(): void {
    this.current = undefined;
    this.spares.length = 0;
  }

  private keep(chunk: TextChunk): void {
    chunk.used = 0;
    if (chunk.bytes.length === CHUNK_BYTES && this.spares.length < SPARES) this.spares.push(chunk);
  }
}

/** Most bytes `text` can take in UTF-8 (three per UTF-16 code unit). */
export const utf8Bound = (text: string) => 3 * text.length;
