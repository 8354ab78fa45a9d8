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
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new BodyTooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new BodyTooLarge();
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

const decoder = new TextDecoder('utf-8');

/** The raw body as UTF-8 text. */
export async function readTextBody(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  return decoder.decode(await readRawBody(request, limit));
}

/** Parses JSON text; `undefined` when it is not JSON (the caller answers with its vendor's code). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
