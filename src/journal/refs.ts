/** Keys whose string values name an object a history view can link to. */
const ID_KEY = /(^|_)(id|code|no|ids|codes)$|^(openid|card_id|coupon_id|stock_id|out_request_no)$/i;
/** Id-shaped keys that name no object: envelopes' codes, per-request message ids. */
const NOT_REFS = new Set(['msg_id', 'return_code', 'errcode', 'code_type']);
const MAX_REFS = 16;

/**
 * The ids an input and an answer name (code, card_id, coupon_id, stock_id, voucher ids...), each
 * once, at most 16: what the journal keeps so a history view can find every change of an object.
 *
 * @example
 * refsOf({ code: '123' }, { card_id: 'p1' }) // ['123', 'p1']
 */
export function refsOf(...values: unknown[]): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key: string, depth: number) => {
    if (found.size >= MAX_REFS || depth > 4) return;
    if (NOT_REFS.has(key)) return;
    // waiqin365 answers carry their payload as JSON text.
    if (key === 'response_data' && typeof value === 'string') {
      try {
        walk(JSON.parse(value), '', depth + 1);
      } catch {
        // not JSON: nothing to name
      }
      return;
    }
    if (typeof value === 'string' || typeof value === 'number') {
      if (ID_KEY.test(key) && String(value) !== '') found.add(String(value));
    } else if (Array.isArray(value)) {
      for (const v of value.slice(0, MAX_REFS)) walk(v, key, depth + 1);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k, depth + 1);
    }
  };
  for (const value of values) walk(value, '', 0);
  return [...found];
}
