import type { Exchange, Step } from './exchange.js';

/** Largest request body the sandbox reads; the vendors' own limits are far below this. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {
  constructor() {
    super('request body too large');
  }
}

/**
 * Reads the raw request body as bytes, refusing more than `limit` bytes without buffering them all.
 * Vendors that sign bodies (WeChat Pay, waiqin365) must see these exact bytes, never re-serialised JSON.
 */
export async function readRawBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  return bodyBytes(request, limit, () => new BodyTooLarge());
}

/** No body (zero bytes, so nothing in it can be changed). */
const EMPTY = new Uint8Array(0);

/**
 * {@link readRawBody} without a promise of its own: the bytes at once when there can be none, else
 * one promise straight from the transport (the body step of every vendor call reads through here).
 * `tooLarge` makes the error for an oversized body (thrown at once for a declared length over the
 * limit).
 */
function bodyBytes(request: Request, limit: number, tooLarge: () => Error): Uint8Array | Promise<Uint8Array> {
  const header = request.headers.get('content-length');
  const declared = Number(header ?? '0');
  if (declared > limit) throw tooLarge();
  // A GET or HEAD request has no body in Fetch (its `body` is always null); asking for it would
  // make @hono/node-server build a full web Request for nothing.
  if (request.method === 'GET' || request.method === 'HEAD') return EMPTY;
  // Touching `request.body` makes @hono/node-server build a full web Request: only do it when
  // the length is unknown.
  if (header !== null) {
    // A declared length within the limit bounds what can arrive, so the body can be read in one
    // go: @hono/node-server answers arrayBuffer() straight from the socket, several times
    // cheaper than a web stream.
    return request.arrayBuffer().then((buffer) => {
      if (buffer.byteLength > limit) throw tooLarge();
      return new Uint8Array(buffer);
    });
  }
  return streamedBody(request, limit, tooLarge);
}

/** Chunked (no length): stream it and stop at the limit without buffering the rest. */
async function streamedBody(request: Request, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await drain(reader);
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** How much of an oversized chunked body is read and dropped before giving up on the client. */
const DRAIN_BYTES = 8 * MAX_BODY_BYTES;

/**
 * Reads and drops the rest of an oversized body (up to DRAIN_BYTES), then cancels. Cancelling at
 * once closes the socket while the client is still sending: it then gets EPIPE / a reset instead
 * of the vendor's error answer (seen over loopback for ~1 in 3 chunked 300 KiB uploads).
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let dropped = 0;
  while (dropped <= DRAIN_BYTES) {
    const { done, value } = await reader.read();
    if (done) return;
    dropped += value.byteLength;
  }
  await reader.cancel();
}

const decoder = new TextDecoder('utf-8');

/** The raw body as UTF-8 text. */
export async function readTextBody(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  return decoder.decode(await readRawBody(request, limit));
}

/**
 * The body-reading step every vendor uses: reads at most `limit` bytes into `exchange.raw` and
 * answers an oversized body with the vendor's own error. `asText`: the vendor reads the body as
 * text only (bodyText), so where the transport delivers exactly the declared length the text is
 * read straight from it, with no byte copy.
 */
export function readBodyStep<M>(limit: number, tooLarge: () => Error, options: { asText?: boolean } = {}): Step<M> {
  return (exchange) => {
    const request = exchange.request;
    if (!request) return;
    // One promise (the transport's read) for a body of declared length, the common case.
    const header = request.headers.get('content-length');
    if (header !== null && Number(header) <= limit && request.method !== 'GET' && request.method !== 'HEAD') {
      // The declared length is exact, so it is the body's: within the limit, nothing to count.
      if (options.asText && exchange.exactLength)
        return request.text().then((text) => {
          exchange.rawText = { of: undefined, text };
        });
      return request.arrayBuffer().then((buffer) => {
        if (buffer.byteLength > limit) throw tooLarge();
        exchange.raw = new Uint8Array(buffer);
      });
    }
    const bytes = bodyBytes(request, limit, tooLarge);
    if (bytes instanceof Promise)
      return bytes.then((value) => {
        exchange.raw = value;
      });
    exchange.raw = bytes;
  };
}

const utf8 = new TextDecoder('utf-8');

/**
 * The body read by readBodyStep, as UTF-8 text ('' when there was none). Decoded once: the vendor's
 * parser and the request ring read the same text (a step that replaces `raw` gets its text anew).
 */
export function bodyText(exchange: Exchange<unknown>): string {
  const raw = exchange.raw;
  const known = exchange.rawText;
  if (known !== undefined && known.of === raw) return known.text;
  if (!raw) return '';
  const text = utf8.decode(raw);
  exchange.rawText = { of: raw, text };
  return text;
}
