import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The string WeChat Pay's APIv2 signing rules sign: every parameter with a non-empty value
 * except `sign`, sorted by name (ASCII), as `k=v` joined by `&`, then `&key=<APIv2 key>`
 * (https://pay.weixin.qq.com/wiki/doc/api/H5.php?chapter=4_3).
 */
export function v2SignString(params: Readonly<Record<string, string | undefined>>, apiv2Key: string): string {
  const pairs = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[0] !== 'sign' && entry[1] !== undefined && entry[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  return `${pairs.join('&')}&key=${apiv2Key}`;
}

/**
 * An APIv2 HMAC-SHA256 signature: HMAC-SHA256 of v2SignString keyed with the APIv2 key, in
 * uppercase hex. Synchronous and pure JS (@noble/hashes): the engine checks H5 links inside a
 * store transaction, and the same code runs in a browser.
 *
 * @example
 * v2Sign({ stock_id: '98065001', out_request_no: 'h5001', send_coupon_merchant: '1230000109', open_id: 'oUpF8u...' }, apiv2Key)
 * // '9A0A8659F005D6984697E2CA0A9CF3B7...' (64 hex digits)
 */
export function v2Sign(params: Readonly<Record<string, string | undefined>>, apiv2Key: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(apiv2Key), utf8ToBytes(v2SignString(params, apiv2Key)))).toUpperCase();
}
