import type { Vendor } from '../engine/vendor-error.js';
import type { ErrorKey } from '../types/error-key.js';
import wechat from '../../schemas/wechat/errors.json' with { type: 'json' };
import wechatpay from '../../schemas/wechatpay/errors.json' with { type: 'json' };
import waiqin from '../../schemas/waiqin/errors.json' with { type: 'json' };

/** One catalogued vendor error (see schemas/error-catalogue.schema.json). */
export interface ErrorEntry<K extends string = string> {
  key: K;
  code: number | string;
  message: string;
  status: number;
  when: string;
  source: string;
}

type Catalogue<V extends Vendor> = { errors: ErrorEntry<ErrorKey<V>>[] };

// The JSON imports type `key` as string; the generated ErrorKey unions are read from these same
// files (and the generated-files test keeps them in step), so the cast only restores what is known.
const raw: { [V in Vendor]: Catalogue<V> } = {
  wechat: wechat as Catalogue<'wechat'>,
  wechatpay: wechatpay as Catalogue<'wechatpay'>,
  waiqin: waiqin as Catalogue<'waiqin'>,
};

const index = new Map<string, ErrorEntry>();
for (const [vendor, catalogue] of Object.entries(raw)) {
  for (const entry of catalogue.errors) index.set(`${vendor}:${entry.key}`, entry);
}

/**
 * The catalogue entry for a vendor error key. The key is typed by the vendor, so a misspelt key
 * is a compile error; the run-time throw is for keys that went through a cast. Tests use this
 * too, so an expected message is never retyped by hand.
 *
 * @example
 * errorEntry('wechat', '40099').message // 'invalid code, this code has consumed.'
 */
export function errorEntry<V extends Vendor>(vendor: V, key: ErrorKey<V>): ErrorEntry<ErrorKey<V>> {
  const entry = index.get(`${vendor}:${key}`);
  if (!entry) throw new Error(`error ${key} is not in the ${vendor} catalogue`);
  return entry as ErrorEntry<ErrorKey<V>>;
}

/**
 * True when `key` is in the vendor's catalogue: the guard for keys only known at run time (a
 * schema's `x-errors`, a control request, an operation's `errors` list), which are plain strings.
 */
export function isErrorKey<V extends Vendor>(vendor: V, key: string): key is ErrorKey<V> {
  return index.has(`${vendor}:${key}`);
}

/**
 * Narrows a run-time key to the vendor's ErrorKey, throwing (a sandbox bug or a bad control
 * request, never a vendor answer) when the catalogue does not have it.
 */
export function assertErrorKey<V extends Vendor>(vendor: V, key: string): asserts key is ErrorKey<V> {
  if (!isErrorKey(vendor, key)) throw new Error(`error ${key} is not in the ${vendor} catalogue`);
}

/** `assertErrorKey` as an expression: the key, typed, or a throw. */
export function errorKey<V extends Vendor>(vendor: V, key: string): ErrorKey<V> {
  assertErrorKey(vendor, key);
  return key;
}

/** Every entry of one vendor's catalogue. */
export function errorCatalogue<V extends Vendor>(vendor: V): readonly ErrorEntry<ErrorKey<V>>[] {
  return raw[vendor].errors;
}
