import { formatCompactTimestamp } from '../../engine/shanghai-time.js';
import { waiqinDigest } from './digest.js';

/** What a waiqin365 client needs to sign one call. */
export interface WaiqinSignInput {
  /** Voucher method, e.g. 'addVoucherInfo'. */
  method: string;
  /** The exact body to send (sign what you send: the digest covers these bytes). */
  body: string | Uint8Array;
  openid: string;
  appkey: string;
  /** `yyyyMMddHHmmss` to use as is; default: `now` formatted in Asia/Shanghai. */
  timestamp?: string;
  /** Instant to stamp (ms); default Date.now(). Pass the sandbox clock's now when it is not real time. */
  now?: number;
  /** Default: a random UUID. */
  msgId?: string;
  /** Default '/api/voucher/v1'. */
  basePath?: string;
}

export interface SignedWaiqinRequest {
  /** `/api/voucher/v1/{method}/{openid}/{timestamp}/{digest}/{msg_id}` */
  path: string;
  body: string | Uint8Array;
  timestamp: string;
  digest: string;
  msgId: string;
}

/**
 * Builds the signed path for a body, exactly as a waiqin365 client does (MD5 over the raw body).
 * Used by the tests, the contract kit and the benchmarks; handy for any client of the sandbox.
 *
 * @example
 * const body = JSON.stringify({ voucherId: '708742168422351694', voucherStatus: '0' });
 * const signed = signWaiqinRequest({ method: 'queryVoucherUsedInfo', body, openid, appkey });
 * await fetch(base + signed.path, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
 */
export function signWaiqinRequest(input: WaiqinSignInput): SignedWaiqinRequest {
  const timestamp = input.timestamp ?? formatCompactTimestamp(input.now ?? Date.now());
  const digest = waiqinDigest(input.body, input.appkey, timestamp);
  const msgId = input.msgId ?? globalThis.crypto.randomUUID();
  const base = input.basePath ?? '/api/voucher/v1';
  const path = `${base}/${input.method}/${encodeURIComponent(input.openid)}/${timestamp}/${digest}/${encodeURIComponent(msgId)}`;
  return { path, body: input.body, timestamp, digest, msgId };
}
