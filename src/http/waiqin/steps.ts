import { parseCompactTimestamp } from '../../engine/shanghai-time.js';
import { withoutEmpty } from '../../engine/waiqin/input.js';
import { VendorError } from '../../engine/vendor-error.js';
import { operationsOf, type Operation } from '../../operations.js';
import type { WaiqinErrorKey } from '../../types/error-key.js';
import type { Exchange, Step } from '../../pipeline/exchange.js';
import { issueError } from '../../pipeline/issue-error.js';
import type { InputPolicy } from '../../pipeline/vendor-module.js';
import { parseJson } from '../../pipeline/bounded-json.js';
import { quoteUnsafeIntegers } from './big-json.js';
import { sameDigest, waiqinDigest } from './digest.js';
import { parseWaiqinPath, rawPathname, type WaiqinPath } from './path.js';
import { tenantOf } from './identity.js';

/** What the waiqin365 steps learn from the path. */
export interface WaiqinMeta {
  path?: WaiqinPath;
  appkey?: string;
}

type WaiqinStep = Step<WaiqinMeta>;

/** How far a request's path timestamp may be from the sandbox clock, either way. */
export const WAIQIN_TIMESTAMP_WINDOW_SECONDS = 600;

const fail = (key: WaiqinErrorKey): never => {
  throw new VendorError('waiqin', key);
};

const byMethod = new Map<string, Operation>(operationsOf('waiqin').map((op) => [op.id.slice('waiqin.'.length), op]));

/** The msg_id to echo in an answer: the path's, when the path can be read. */
export function msgIdOf(exchange: Exchange<WaiqinMeta>): string | null {
  if (exchange.meta.path) return exchange.meta.path.msgId;
  return exchange.request ? (parseWaiqinPath(rawPathname(exchange.request.url))?.msgId ?? null) : null;
}

/** `/api/voucher/v1/{method}/{openid}/{timestamp}/{digest}/{msg_id}`, five non-empty segments (BAD_PATH). */
export const pathStep: WaiqinStep = (exchange) => {
  exchange.meta.path = parseWaiqinPath(rawPathname(exchange.request!.url)) ?? fail('BAD_PATH');
};

/** Every voucher method is a POST. */
export const methodStep: WaiqinStep = (exchange) => {
  if (exchange.request!.method !== 'POST') fail('METHOD_NOT_ALLOWED');
};

/** The method segment names the operation. */
export const operationStep: WaiqinStep = (exchange) => {
  exchange.op = byMethod.get(exchange.meta.path!.method) ?? fail('UNKNOWN_METHOD');
};

/**
 * The tenant: timestamp format (BAD_TIMESTAMP), then openid (UNKNOWN_OPENID), then the
 * timestamp window against the sandbox clock (STALE_TIMESTAMP), in the vendor's order.
 */
export const tenantStep: WaiqinStep = (exchange) => {
  const path = exchange.meta.path!;
  const stamped = parseCompactTimestamp(path.timestamp) ?? fail('BAD_TIMESTAMP');
  // The openid names the world too (identity.ts): a created world's tenant signs with its own appkey.
  const tenant = tenantOf(exchange, path.openid) ?? fail('UNKNOWN_OPENID');
  exchange.meta.appkey = tenant.appkey;
  exchange.caller = tenant.caller;
  if (Math.abs(exchange.world.clock.now() - stamped) > WAIQIN_TIMESTAMP_WINDOW_SECONDS * 1000) fail('STALE_TIMESTAMP');
};

/** md5(`<raw body>|<appkey>|<timestamp>`) must equal the path's digest (BAD_DIGEST). */
export const digestStep: WaiqinStep = (exchange) => {
  const path = exchange.meta.path!;
  if (!sameDigest(path.digest, waiqinDigest(exchange.raw ?? new Uint8Array(0), exchange.meta.appkey!, path.timestamp))) fail('BAD_DIGEST');
};

/**
 * Strict UTF-8 (invalid bytes are BAD_JSON, not U+FFFD). A decode() call without `stream` keeps no
 * state between calls, so one decoder serves every request.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * waiqin365 bodies: strict UTF-8 JSON with integer literals beyond 2^53 kept exact (BAD_JSON
 * otherwise, PARAM_ERROR when nested deeper than MAX_JSON_DEPTH); blank values count as absent;
 * the first schema failure that names a key decides, else PARAM_ERROR.
 */
export const waiqinInput: InputPolicy = {
  parseBody(exchange) {
    let text: string;
    try {
      text = utf8.decode(exchange.raw ?? new Uint8Array(0));
    } catch {
      return fail('BAD_JSON');
    }
    const parsed = parseJson(text, quoteUnsafeIntegers);
    if (!parsed.ok && parsed.reason === 'depth') return fail('PARAM_ERROR');
    return parsed.ok ? parsed.value : fail('BAD_JSON');
  },
  prepare: withoutEmpty,
  reject: (issues, location) => issueError('waiqin', issues, location, { missing: 'PARAM_ERROR', invalid: 'PARAM_ERROR', firstNamed: true }),
};
