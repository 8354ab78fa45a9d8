import { MERCHANTS } from '../../engine/wechatpay/identities.js';
import { responseKey, type SigningKey } from '../../engine/wechatpay/key-modes.js';
import type { WechatPayState } from '../../engine/wechatpay/model.js';
import type { Exchange } from '../../pipeline/exchange.js';
import { parseAuthorization } from './auth.js';

/** The request header a v3 client names the platform key it trusts with (a PUB_KEY_ID_... in public-key mode). */
export const REQUEST_SERIAL_HEADER = 'wechatpay-serial';

/**
 * The key that signs the answer to this exchange: the calling merchant's, chosen by its key mode
 * and the request's `Wechatpay-Serial` (engine/wechatpay/key-modes.ts). A call refused before
 * its signature verified is answered for the merchant its Authorization names, if that merchant
 * has keys, else for the sandbox merchant.
 */
export function answerKey(exchange: Exchange<unknown>): SigningKey {
  const headers = exchange.request?.headers;
  const mchid = exchange.caller ?? parseAuthorization(headers?.get('authorization'))?.mchid;
  const requestSerial = headers?.get(REQUEST_SERIAL_HEADER) ?? undefined;
  return exchange.world.store<WechatPayState>('wechatpay').read((state) => {
    const keys = (mchid !== undefined && state.keys.get(mchid)) || state.keys.get(MERCHANTS.main)!;
    return responseKey(keys, requestSerial);
  });
}
