import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Stateless, so one instance serves every request. */
const encoder = new TextEncoder();

/**
 * waiqin365's request digest: lowercase hex MD5 over `<raw body bytes>|<appkey>|<timestamp>`
 * (VENDOR-BEHAVIOUR.md D). The body part is the exact bytes on the wire, never re-serialised JSON: clients
 * sign the string they send, whitespace, key order, `\u` escapes and all. MD5 is not in Web
 * Crypto, so @noble/hashes keeps this runnable in a browser under msw.
 *
 * @example
 * waiqinDigest('{"org_id":"ORG001","org_name":"南京掌控网络","org_parent_id":"","org_sequence":001}', 'BFCO0PAgIUgd50c0l6', '20150806142836')
 * // '74267bf0cae0998a719879ec9b3c7780'
 */
export function waiqinDigest(body: string | Uint8Array, appkey: string, timestamp: string): string {
  // Hashed in two updates: no copy of the body into a joined buffer.
  const head = typeof body === 'string' ? encoder.encode(body) : body;
  return bytesToHex(
    md5
      .create()
      .update(head)
      .update(encoder.encode(`|${appkey}|${timestamp}`))
      .digest(),
  );
}

/** Constant-time comparison of two digests, so response timing says nothing about the right one. */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
