import { createHash, randomUUID } from 'node:crypto';
import type { Operation } from '../../src/operations.js';
import type { WaiqinTargetConfig } from '../config.js';
import type { Exchange } from '../transport.js';
import { show, type Violation } from '../violation.js';
import { fillPath, USER_AGENT, type CallInput, type Outcome, type VendorClient } from './client.js';

/**
 * waiqin365 digest: lowercase hex MD5 of `<raw body>|<appkey>|<timestamp>` (VENDOR-BEHAVIOUR.md D).
 *
 * @example
 * waiqinDigest('{"org_id":"ORG001","org_name":"南京掌控网络","org_parent_id":"","org_sequence":001}', 'BFCO0PAgIUgd50c0l6', '20150806142836')
 * // '74267bf0cae0998a719879ec9b3c7780'
 */
export function waiqinDigest(body: string, appkey: string, timestamp: string): string {
  return createHash('md5').update(`${body}|${appkey}|${timestamp}`, 'utf8').digest('hex');
}

/**
 * The path timestamp `yyyyMMddHHmmss` in the tenant's time zone (minutes east of UTC).
 *
 * @example
 * waiqinTimestamp(Date.UTC(2015, 7, 6, 6, 28, 36), 480) // '20150806142836'
 */
export function waiqinTimestamp(ms: number, utcOffsetMinutes = 480): string {
  const d = new Date(ms + utcOffsetMinutes * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * waiqin365 OpenAPI calls: openid, timestamp, digest and msg_id in the path, HTTP 200 with
 * `{return_code, return_msg, msg_id, response_data}` where response_data is a JSON string.
 */
export class WaiqinClient implements VendorClient {
  /** Added to the local clock for the path timestamp: follows the sandbox clock. */
  clockOffsetMs = 0;

  constructor(private readonly config: WaiqinTargetConfig) {}

  async build(op: Operation, input: CallInput) {
    const body = input.rawBody ?? JSON.stringify(input.body ?? {});
    const auth = input.auth ?? 'valid';
    const now = Date.now() + this.clockOffsetMs - (auth === 'stale' ? 24 * 3600_000 : 0);
    const timestamp = waiqinTimestamp(now, this.config.utcOffsetMinutes ?? 480);
    const openid = auth === 'unknown-account' ? 'contractkitunknown1' : this.config.openid;
    let digest = waiqinDigest(body, this.config.appkey, timestamp);
    // A digest computed with the wrong appkey: well-formed, just not ours.
    if (auth === 'invalid' || auth === 'none') digest = waiqinDigest(body, `${this.config.appkey}-wrong`, timestamp);
    const path = fillPath(op.path, { openid, timestamp, digest, msg_id: randomUUID(), ...input.params });
    return {
      request: {
        method: op.method,
        url: this.config.baseUrl.replace(/\/$/, '') + path,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': USER_AGENT },
        body,
      },
      fields: (input.body ?? {}) as Record<string, unknown>,
    };
  }

  outcome(_op: Operation, exchange: Exchange): Outcome {
    const body = exchange.json as { return_code?: unknown; return_msg?: unknown } | undefined;
    if (exchange.status !== 200 || !body || typeof body !== 'object') {
      return { ok: false, code: `HTTP ${exchange.status}`, message: exchange.text.slice(0, 200) };
    }
    // The docs show return_code both as "0" and as 0 (VENDOR-BEHAVIOUR.md D): either means success.
    if (String(body.return_code) === '0') return { ok: true, body };
    return { ok: false, code: String(body.return_code), message: typeof body.return_msg === 'string' ? body.return_msg : undefined };
  }

  /** The server echoes the caller's msg_id (VENDOR-BEHAVIOUR.md D). */
  verify(op: Operation, exchange: Exchange): Violation[] {
    const sent = decodeURIComponent(new URL(exchange.request.url).pathname.split('/').pop() ?? '');
    const echoed = (exchange.json as { msg_id?: unknown } | undefined)?.msg_id;
    if (echoed === sent) return [];
    return [{ operation: op.id, path: '/msg_id', expected: show(sent), actual: show(echoed), message: 'msg_id must echo the path msg_id' }];
  }
}
