import type { BusifavorCoupon } from '../../types/wechatpay/coupon.js';
import { formatRfc3339 } from '../shanghai-time.js';
import type { Coupon, Stock } from './model.js';
import { effectiveState } from './validity.js';
import { clone } from '../undo-log.js';

export const couponKey = (stockId: string, code: string) => `${stockId}:${code}`;

/**
 * The coupon object of the vendor page: the stock's fields, then the coupon's own. List items
 * leave out display_pattern_info.description (WeChat Pay dropped it from lists on 2020-07-08).
 */
export function couponView(coupon: Coupon, stock: Stock, nowMs: number, forList: boolean): BusifavorCoupon {
  const spec = stock.spec;
  const view: BusifavorCoupon = {
    stock_name: spec.stock_name,
    belong_merchant: spec.belong_merchant,
    ...(spec.comment !== undefined && { comment: spec.comment }),
    goods_name: spec.goods_name,
    stock_type: spec.stock_type,
    coupon_use_rule: clone(spec.coupon_use_rule),
    ...(spec.custom_entrance !== undefined && { custom_entrance: clone(spec.custom_entrance) }),
    coupon_code: coupon.coupon_code,
    coupon_state: effectiveState(coupon, nowMs),
    stock_id: stock.stock_id,
    transferable: spec.stock_send_rule.transferable ?? false,
    shareable: spec.stock_send_rule.shareable ?? false,
    send_request_no: coupon.send_request_no,
    ...(coupon.use_request_no !== undefined && { use_request_no: coupon.use_request_no }),
    available_start_time: formatRfc3339(coupon.available_start_time),
    expire_time: formatRfc3339(coupon.expire_time),
    receive_time: formatRfc3339(coupon.receive_time),
    ...(coupon.use_time !== undefined && { use_time: formatRfc3339(coupon.use_time) }),
  };
  if (spec.display_pattern_info !== undefined) {
    const pattern = clone(spec.display_pattern_info);
    if (forList) delete pattern.description;
    view.display_pattern_info = pattern;
  }
  return view;
}
