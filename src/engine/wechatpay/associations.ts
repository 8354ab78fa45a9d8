import type { BusifavorAssociateCouponRequest } from '../../types/wechatpay/associate-coupon.request.js';
import type { BusifavorAssociateCouponResponse } from '../../types/wechatpay/associate-coupon.response.js';
import type { BusifavorDisassociateCouponRequest } from '../../types/wechatpay/disassociate-coupon.request.js';
import type { BusifavorDisassociateCouponResponse } from '../../types/wechatpay/disassociate-coupon.response.js';
import { formatRfc3339 } from '../shanghai-time.js';
import { VendorError } from '../vendor-error.js';
import { findCoupon } from './coupons.js';
import { remember, replay } from './ledger.js';
import type { WechatPayState } from './model.js';
import { effectiveState } from './validity.js';

/*
 * 关联订单信息 / 取消关联订单信息: a merchant ties a usable coupon to one of its orders
 * (out_trade_no) for WeChat Pay's statistics, and unties it (wechatpay-apiv3/wechatpay-go
 * AssociateTradeInfo / DisassociateTradeInfo; "将有效态（未核销）的商家券与订单信息关联").
 */

/**
 * Associates a SENDED, unexpired coupon with an order (INVALID_REQUEST for any other state). A
 * coupon carries one order at a time: another order is COUPON_ASSOCIATED [I]; the same order again
 * succeeds and changes nothing.
 */
export function associateCoupon(state: WechatPayState, caller: string, body: BusifavorAssociateCouponRequest, nowMs: number): BusifavorAssociateCouponResponse {
  const first = replay<BusifavorAssociateCouponResponse>(state, 'associate', caller, body.out_request_no, body);
  if (first) return first;
  const { coupon } = findCoupon(state, body.coupon_code, body.stock_id, caller);
  if (effectiveState(coupon, nowMs) !== 'SENDED') throw new VendorError('wechatpay', 'INVALID_REQUEST');
  if (coupon.associated_trade_no !== undefined && coupon.associated_trade_no !== body.out_trade_no) throw new VendorError('wechatpay', 'COUPON_ASSOCIATED');
  coupon.associated_trade_no = body.out_trade_no;
  const result = { wechatpay_associate_time: formatRfc3339(nowMs) };
  remember(state, 'associate', caller, body.out_request_no, body, result);
  return result;
}

/** Unties a coupon from the order it is associated with (COUPON_NOT_ASSOCIATED for any other order, or none). */
export function disassociateCoupon(
  state: WechatPayState,
  caller: string,
  body: BusifavorDisassociateCouponRequest,
  nowMs: number,
): BusifavorDisassociateCouponResponse {
  const first = replay<BusifavorDisassociateCouponResponse>(state, 'disassociate', caller, body.out_request_no, body);
  if (first) return first;
  const { coupon } = findCoupon(state, body.coupon_code, body.stock_id, caller);
  if (coupon.associated_trade_no !== body.out_trade_no) throw new VendorError('wechatpay', 'COUPON_NOT_ASSOCIATED');
  delete coupon.associated_trade_no;
  const result = { wechatpay_disassociate_time: formatRfc3339(nowMs) };
  remember(state, 'disassociate', caller, body.out_request_no, body, result);
  return result;
}
