import type { Operation } from '../../src/operations.js';
import type { Exchange, SentRequest } from '../transport.js';
import type { Violation } from '../violation.js';

/**
 * How a case asks for one call. Auth is applied by the vendor client; `auth` deliberately breaks
 * it for the error probes, and `rawBody` sends exact text (a malformed JSON probe).
 */
export interface CallInput {
  body?: unknown;
  rawBody?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Path parameters of the operation's path template (`{openid}` ...). */
  params?: Record<string, string>;
  /**
   * 'valid' (default), 'none' (no credential at all), 'invalid' (a wrong token / signature /
   * digest), 'stale' (an old timestamp), 'unknown-account' (an openid / mchid the vendor does not know).
   */
  auth?: 'valid' | 'none' | 'invalid' | 'stale' | 'unknown-account';
}

/** What a response means in the vendor's own terms: success, or a vendor error code. */
export interface Outcome {
  ok: boolean;
  /** The vendor's error code as a string ('40001', 'SIGN_ERROR', '1'...); undefined on success. */
  code?: string;
  message?: string;
  /** The success body to validate against the operation's response schema. */
  body?: unknown;
}

/**
 * One vendor's wire conventions: building authenticated requests, reading outcomes, and the
 * transport-level checks the schemas cannot express (v3 response signatures, waiqin msg_id echo).
 */
export interface VendorClient {
  /** Builds the exact request; `fields` are the values the safety guard inspects. */
  build(op: Operation, input: CallInput): Promise<{ request: SentRequest; fields: Record<string, unknown> }>;
  outcome(op: Operation, exchange: Exchange): Outcome;
  /** Transport-level contract checks of a success (signature headers, echoes). */
  verify(op: Operation, exchange: Exchange): Violation[];
}

/** Fills `{name}` placeholders of a path template, URL-encoding each value. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}

/** `?a=1&b=2` for the defined values, '' when there are none. */
export function queryString(query: CallInput['query'] = {}): string {
  const entries = Object.entries(query).filter(([, v]) => v !== undefined) as [string, string | number | boolean][];
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

export const USER_AGENT = 'coupon-sandbox-contracts/0.1 (+https://github.com/coupon-sandbox)';
