import { errorEntry } from '../../errors/catalogue.js';
import { seededStream } from '../../engine/random.js';
import { textResponse } from '../../journal/body-text.js';
import type { WechatErrorKey } from '../../types/error-key.js';

/** WeChat's own header style: JSON with an explicit charset (some SDKs key on it). */
export const JSON_UTF8 = 'application/json; charset=utf-8';

/** Nearly every WeChat answer's init (read, never written, by Response and @hono/node-server). */
const OK_INIT: ResponseInit = Object.freeze({ status: 200, headers: Object.freeze({ 'content-type': JSON_UTF8 }) });

/** A JSON answer with WeChat's content type (business errors are HTTP 200 too); no body for HEAD. */
export function wechatJson(body: unknown, status = 200): Response {
  const init = status === 200 ? OK_INIT : { status, headers: { 'content-type': JSON_UTF8 } };
  if (body === undefined) return new Response(null, init);
  const text = JSON.stringify(body);
  // JSON.stringify returns a rope (cons) string; reading it as a number flattens it once here,
  // instead of Node flattening it again on the socket write (a measurable share of code/get).
  void Number(text);
  return textResponse(text, init);
}

/**
 * Makes WeChat's per-request trace suffix, ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx` (three groups of
 * eight hex digits, the current style; VENDOR-BEHAVIOUR.md A.1). Seeded, so runs are reproducible.
 */
export function ridMaker(seed: number): () => string {
  const random = seededStream(seed, 'wechatRid');
  return () => `${random.hex(8)}-${random.hex(8)}-${random.hex(8)}`;
}

/** The error body for a catalogue key: `{"errcode": N, "errmsg": "<message> rid: ..."}`. */
export function errorBody(key: WechatErrorKey, rid: string): { errcode: number; errmsg: string } {
  const entry = errorEntry('wechat', key);
  return { errcode: Number(entry.code), errmsg: `${entry.message} rid: ${rid}` };
}
