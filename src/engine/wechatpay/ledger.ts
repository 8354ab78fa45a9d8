import { VendorError } from '../vendor-error.js';
import type { WechatPayState } from './model.js';

/** Kinds of merchant request numbers; each is its own namespace per merchant. */
export type RequestKind =
  'create-stock' | 'modify-stock' | 'budget' | 'send' | 'use' | 'deactivate' | 'return' | 'associate' | 'disassociate' | 'upload' | 'delete-code';

/** JSON with object keys sorted, so two bodies with the same fields in another order compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * WeChat Pay idempotency: the first answer for a (merchant, kind, request number) is remembered.
 * A repeat with the same parameters gets that answer again, without touching state; a repeat with
 * different parameters is RESOURCE_ALREADY_EXISTS. Only successes are remembered, so a request that
 * failed (say, outside the validity window) can be retried with the same number later.
 */
export function replay<R>(state: WechatPayState, kind: RequestKind, mchid: string, requestNo: string, params: unknown): R | undefined {
  const entry = state.ledger.get(`${kind}:${mchid}:${requestNo}`);
  if (!entry) return undefined;
  if (entry.fingerprint !== canonicalJson(params)) throw new VendorError('wechatpay', 'RESOURCE_ALREADY_EXISTS');
  return entry.result as R;
}

/** Remembers the answer of a successful request (call last, after every check passed). */
export function remember(state: WechatPayState, kind: RequestKind, mchid: string, requestNo: string, params: unknown, result: unknown): void {
  state.ledger.set(`${kind}:${mchid}:${requestNo}`, { fingerprint: canonicalJson(params), result });
}
