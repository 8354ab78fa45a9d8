import { offsetWindow } from '../paging.js';
import type { BusifavorCoupon } from '../../types/wechatpay/coupon.js';
import type { BusifavorListUserCouponsQuery } from '../../types/wechatpay/list-user-coupons.query.js';
import type { BusifavorListUserCouponsResponse } from '../../types/wechatpay/list-user-coupons.response.js';
import type { BusifavorQueryCouponQuery } from '../../types/wechatpay/query-coupon.query.js';
import { VendorError } from '../vendor-error.js';
import { requireAppid, requireMerchantFilter, requireStock, requireUser } from './access.js';
import { couponView } from './coupon-view.js';
import type { Coupon, WechatPayState } from './model.js';
import { effectiveState } from './validity.js';

/** Default page size and the largest accepted (VENDOR-BEHAVIOUR.md C.4 [I]; the schema enforces the maximum). */
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;

/**
 * 根据过滤条件查询用户券: the user's coupons under one appid, filtered by stock, state and the
 * merchant roles, newest receipt first, `limit` items after skipping `offset`. At least one of
 * creator_merchant / belong_merchant / sender_merchant is required (PARAM_ERROR otherwise);
 * a merchant filter the caller may not act for is NO_AUTH, an unknown one MCH_NOT_EXISTS.
 */
export function listUserCoupons(
  state: Readonly<WechatPayState>,
  caller: string,
  query: BusifavorListUserCouponsQuery,
  nowMs: number,
): BusifavorListUserCouponsResponse {
  requireAppid(query.appid);
  requireUser(query.openid);
  const merchants = [query.creator_merchant, query.belong_merchant, query.sender_merchant].filter((m) => m !== undefined);
  if (merchants.length === 0) {
    throw new VendorError('wechatpay', 'PARAM_ERROR', {
      field: 'creator_merchant',
      location: 'query',
      issue: 'one of creator_merchant, belong_merchant, sender_merchant is required',
    });
  }
  for (const mchid of merchants) requireMerchantFilter(mchid, caller);
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_LIMIT;

  const matches: Coupon[] = [];
  for (const key of state.byUser.get(query.openid) ?? []) {
    const coupon = state.coupons.get(key)!;
    const stock = state.stocks.get(coupon.stock_id)!;
    if (coupon.appid !== query.appid) continue;
    if (query.stock_id !== undefined && coupon.stock_id !== query.stock_id) continue;
    if (query.creator_merchant !== undefined && stock.creator_merchant !== query.creator_merchant) continue;
    if (query.belong_merchant !== undefined && stock.spec.belong_merchant !== query.belong_merchant) continue;
    if (query.sender_merchant !== undefined && coupon.sender_merchant !== query.sender_merchant) continue;
    if (query.coupon_state !== undefined && effectiveState(coupon, nowMs) !== query.coupon_state) continue;
    matches.push(coupon);
  }
  matches.sort((a, b) => b.receive_time - a.receive_time || b.seq - a.seq);
  const data: BusifavorCoupon[] = offsetWindow(matches, offset, limit).map((coupon) => couponView(coupon, state.stocks.get(coupon.stock_id)!, nowMs, true));
  return { data, total_count: matches.length, offset, limit };
}

/** 查询用户单张券详情: the coupon with this code in this user's wallet under this appid. */
export function queryCoupon(state: Readonly<WechatPayState>, caller: string, query: BusifavorQueryCouponQuery, nowMs: number): BusifavorCoupon {
  requireAppid(query.appid);
  requireUser(query.openid);
  for (const key of state.byCode.get(query.coupon_code) ?? []) {
    const coupon = state.coupons.get(key)!;
    if (coupon.openid !== query.openid || coupon.appid !== query.appid) continue;
    const stock = requireStock(state, coupon.stock_id, caller);
    return couponView(coupon, stock, nowMs, false);
  }
  throw new VendorError('wechatpay', 'COUPON_NOT_EXISTS');
}
