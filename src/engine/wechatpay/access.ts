import { VendorError } from '../vendor-error.js';
import { APPIDS, isKnownUser, KNOWN_MERCHANTS, SERVED_MERCHANTS } from './identities.js';
import type { Stock, WechatPayState } from './model.js';

/** Merchants the caller may act for: itself and, for the sandbox merchant, its sub-merchants. */
export function servedBy(mchid: string): readonly string[] {
  return SERVED_MERCHANTS.includes(mchid) ? SERVED_MERCHANTS : [mchid];
}

/** APPID_MCHID_NOT_MATCH unless the appid is bound to the sandbox merchant. */
export function requireAppid(appid: string): void {
  if (!(APPIDS as readonly string[]).includes(appid)) throw new VendorError('wechatpay', 'APPID_MCHID_NOT_MATCH');
}

/** USER_NOT_EXISTS unless the openid is a user of the sandbox. */
export function requireUser(openid: string): void {
  if (!isKnownUser(openid)) throw new VendorError('wechatpay', 'USER_NOT_EXISTS');
}

/** A merchant named in a filter: MCH_NOT_EXISTS when unknown, NO_AUTH when the caller may not act for it. */
export function requireMerchantFilter(mchid: string, caller: string): void {
  if (!KNOWN_MERCHANTS.includes(mchid)) throw new VendorError('wechatpay', 'MCH_NOT_EXISTS');
  if (!servedBy(caller).includes(mchid)) throw new VendorError('wechatpay', 'NO_AUTH');
}

/** The stock, or STOCK_NOT_EXISTS; NO_AUTH when the caller neither created it nor serves its owner. */
export function requireStock(state: Readonly<WechatPayState>, stockId: string, caller: string): Stock {
  const stock = state.stocks.get(stockId);
  if (!stock) throw new VendorError('wechatpay', 'STOCK_NOT_EXISTS');
  if (stock.creator_merchant !== caller && !servedBy(caller).includes(stock.spec.belong_merchant)) {
    throw new VendorError('wechatpay', 'NO_AUTH');
  }
  return stock;
}
