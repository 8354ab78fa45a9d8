import type { Vendor } from '../engine/vendor-error.js';
import wechat from '../../schemas/wechat/errors.json' with { type: 'json' };
import wechatpay from '../../schemas/wechatpay/errors.json' with { type: 'json' };
import waiqin from '../../schemas/waiqin/errors.json' with { type: 'json' };

/** One catalogued vendor error (see schemas/error-catalogue.schema.json). */
export interface ErrorEntry {
  key: string;
  code: number | string;
  message: string;
  status: number;
  when: string;
  source: string;
}

const raw: Record<Vendor, { errors: ErrorEntry[] }> = {
  wechat: wechat as { errors: ErrorEntry[] },
  wechatpay: wechatpay as { errors: ErrorEntry[] },
  waiqin: waiqin as { errors: ErrorEntry[] },
};

const index = new Map<string, ErrorEntry>();
for (const [vendor, catalogue] of Object.entries(raw)) {
  for (const entry of catalogue.errors) index.set(`${vendor}:${entry.key}`, entry);
}

/**
 * The catalogue entry for a vendor error key. Tests use this too, so an expected message is never
 * retyped by hand.
 *
 * @example
 * errorEntry('wechat', '40099').message // 'invalid code, this code has consumed.'
 */
export function errorEntry(vendor: Vendor, key: string): ErrorEntry {
  const entry = index.get(`${vendor}:${key}`);
  if (!entry) throw new Error(`error ${key} is not in the ${vendor} catalogue`);
  return entry;
}

/** Every entry of one vendor's catalogue. */
export function errorCatalogue(vendor: Vendor): readonly ErrorEntry[] {
  return raw[vendor].errors;
}
