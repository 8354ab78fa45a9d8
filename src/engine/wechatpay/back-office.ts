import type { BusifavorCoupon } from '../../types/wechatpay/coupon.js';
import type { BusifavorStock } from '../../types/wechatpay/stock.js';
import { VendorError } from '../vendor-error.js';
import { couponKey, deleteCoupon, findCoupon } from './coupons.js';
import { MERCHANTS } from './identities.js';
import type { StockState, WechatPayState } from './model.js';
import { queryCoupon } from './queries.js';
import { setStockState, stockView } from './stocks.js';

/*
 * What WeChat Pay's back office or a user's wallet does, which no busifavor API can: the rules of
 * the `/_sandbox/wechatpay/` control actions. (Code upload is a busifavor API: code-pool.ts.)
 */

/** Moves a stock's status (review passed, paused, stopped...); STOPED is final (StockStateError). */
export function moveStock(state: WechatPayState, stockId: string, to: StockState, nowMs: number): BusifavorStock {
  const stock = state.stocks.get(stockId);
  if (!stock) throw new VendorError('wechatpay', 'STOCK_NOT_EXISTS');
  setStockState(stock, to);
  return stockView(stock, nowMs);
}

/** The user deletes a coupon from the wallet (SENDED or EXPIRED -> DELETED). */
export function deleteByUser(state: WechatPayState, couponCode: string, stockId: string | undefined, nowMs: number): BusifavorCoupon {
  const { coupon, stock } = findCoupon(state, couponCode, stockId, MERCHANTS.main);
  deleteCoupon(state, coupon, nowMs);
  const stored = state.coupons.get(couponKey(stock.stock_id, coupon.coupon_code))!;
  return queryCoupon(state, MERCHANTS.main, { openid: stored.openid, coupon_code: stored.coupon_code, appid: stored.appid }, nowMs);
}

/** Stock ids of the seeded world by role, for tests and docs. */
export function stockRoles(
  state: Readonly<WechatPayState>,
): { stock_id: string; stock_state: StockState; coupon_code_mode: string; belong_merchant: string; creator_merchant: string }[] {
  return [...state.stocks.values()].map((st) => ({
    stock_id: st.stock_id,
    stock_state: st.state,
    coupon_code_mode: st.spec.coupon_code_mode,
    belong_merchant: st.spec.belong_merchant,
    creator_merchant: st.creator_merchant,
  }));
}
