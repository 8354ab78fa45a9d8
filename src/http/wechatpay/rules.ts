import { requireStock } from '../../engine/wechatpay/access.js';
import { deactivateCoupon, returnCoupon, sendCoupon, useCoupon } from '../../engine/wechatpay/coupons.js';
import type { WechatPayState } from '../../engine/wechatpay/model.js';
import { listUserCoupons, queryCoupon } from '../../engine/wechatpay/queries.js';
import { createStock, stockView } from '../../engine/wechatpay/stocks.js';
import { associateCoupon, disassociateCoupon } from '../../engine/wechatpay/associations.js';
import { deleteCouponCode, listCouponCodes, queryCouponCode, uploadCouponCodes } from '../../engine/wechatpay/code-pool.js';
import { modifyBudget, modifyStock } from '../../engine/wechatpay/stock-changes.js';
import type { BusifavorAssociateCouponRequest } from '../../types/wechatpay/associate-coupon.request.js';
import type { BusifavorDeleteCouponCodeQuery } from '../../types/wechatpay/delete-coupon-code.query.js';
import type { BusifavorDisassociateCouponRequest } from '../../types/wechatpay/disassociate-coupon.request.js';
import type { BusifavorListCouponCodesQuery } from '../../types/wechatpay/list-coupon-codes.query.js';
import type { BusifavorModifyBudgetRequest } from '../../types/wechatpay/modify-budget.request.js';
import type { BusifavorModifyStockRequest } from '../../types/wechatpay/modify-stock.request.js';
import type { BusifavorQueryCouponCodeQuery } from '../../types/wechatpay/query-coupon-code.query.js';
import type { BusifavorUploadCouponCodesRequest } from '../../types/wechatpay/upload-coupon-codes.request.js';
import { rule } from '../../pipeline/vendor-module.js';
import type { BusifavorCreateStockRequest } from '../../types/wechatpay/create-stock.request.js';
import type { BusifavorDeactivateCouponRequest } from '../../types/wechatpay/deactivate-coupon.request.js';
import type { BusifavorListUserCouponsQuery } from '../../types/wechatpay/list-user-coupons.query.js';
import type { BusifavorReturnCouponRequest } from '../../types/wechatpay/return-coupon.request.js';
import type { BusifavorSendCouponRequest } from '../../types/wechatpay/send-coupon.request.js';
import type { BusifavorUseCouponRequest } from '../../types/wechatpay/use-coupon.request.js';
import { certificatesBody } from './certificates.js';
import { getNotifyUrl, setNotifyUrl } from '../../engine/wechatpay/callbacks.js';
import { couponReceived, issuedNew } from '../../notifications/coupon-send.js';
import type { BusifavorSetCallbacksRequest } from '../../types/wechatpay/set-callbacks.request.js';

type S = WechatPayState;

/**
 * The engine rule behind every WeChat Pay operation of the catalogue, by id. The caller is the
 * merchant whose signature the request carried; the result is the response body.
 */
export const wechatpayRules = {
  'wechatpay.busifavor-list-user-coupons': rule((s: S, q: BusifavorListUserCouponsQuery, c) => listUserCoupons(s, c.caller, q, c.now)),
  'wechatpay.busifavor-create-stock': rule((s: S, b: BusifavorCreateStockRequest, c) => createStock(s, c.caller, b, c.now)),
  'wechatpay.busifavor-query-stock': rule((s: S, q: { stock_id: string }, c) => stockView(requireStock(s, q.stock_id, c.caller), c.now)),
  'wechatpay.busifavor-send-coupon': rule((s: S, b: BusifavorSendCouponRequest, c) => {
    const before = s.coupons.size;
    const sent = sendCoupon(s, c.caller, b, c.now, s.random);
    if (issuedNew(s, before)) couponReceived(c.world, s, sent, 'API');
    return sent;
  }),
  'wechatpay.busifavor-use-coupon': rule((s: S, b: BusifavorUseCouponRequest, c) => useCoupon(s, c.caller, b, c.now)),
  'wechatpay.busifavor-query-coupon': rule((s: S, q: { openid: string; coupon_code: string; appid: string }, c) => queryCoupon(s, c.caller, q, c.now)),
  'wechatpay.busifavor-deactivate-coupon': rule((s: S, b: BusifavorDeactivateCouponRequest, c) => deactivateCoupon(s, c.caller, b, c.now)),
  'wechatpay.busifavor-return-coupon': rule((s: S, b: BusifavorReturnCouponRequest, c) => returnCoupon(s, c.caller, b, c.now)),
  'wechatpay.busifavor-modify-stock': rule((s: S, b: BusifavorModifyStockRequest & { stock_id: string }, c) => modifyStock(s, c.caller, b, c.now)),
  'wechatpay.busifavor-modify-budget': rule((s: S, b: BusifavorModifyBudgetRequest & { stock_id: string }, c) => modifyBudget(s, c.caller, b, c.now)),
  'wechatpay.busifavor-associate-coupon': rule((s: S, b: BusifavorAssociateCouponRequest, c) => associateCoupon(s, c.caller, b, c.now)),
  'wechatpay.busifavor-disassociate-coupon': rule((s: S, b: BusifavorDisassociateCouponRequest, c) => disassociateCoupon(s, c.caller, b, c.now)),
  'wechatpay.busifavor-upload-coupon-codes': rule((s: S, b: BusifavorUploadCouponCodesRequest & { stock_id: string }, c) =>
    uploadCouponCodes(s, c.caller, b, c.now),
  ),
  'wechatpay.busifavor-list-coupon-codes': rule((s: S, q: BusifavorListCouponCodesQuery, c) => listCouponCodes(s, c.caller, q)),
  'wechatpay.busifavor-query-coupon-code': rule((s: S, q: BusifavorQueryCouponCodeQuery, c) => queryCouponCode(s, c.caller, q, c.now)),
  'wechatpay.busifavor-delete-coupon-code': rule((s: S, q: BusifavorDeleteCouponCodeQuery, c) => deleteCouponCode(s, c.caller, q, c.now)),
  'wechatpay.busifavor-set-callbacks': rule((s: S, b: BusifavorSetCallbacksRequest, c) => setNotifyUrl(s, c.caller, b, c.now)),
  'wechatpay.busifavor-query-callbacks': rule((s: S, q: { mchid?: string }, c) => getNotifyUrl(s, c.caller, q)),
  'wechatpay.certificates': rule((s: S, _input: undefined, c) => certificatesBody(s, c.caller, c.now)),
};
