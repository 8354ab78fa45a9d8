import type { BusifavorCouponCode } from '../../types/wechatpay/coupon-code.js';
import type { BusifavorDeleteCouponCodeQuery } from '../../types/wechatpay/delete-coupon-code.query.js';
import type { BusifavorDeleteCouponCodeResponse } from '../../types/wechatpay/delete-coupon-code.response.js';
import type { BusifavorListCouponCodesQuery } from '../../types/wechatpay/list-coupon-codes.query.js';
import type { BusifavorListCouponCodesResponse } from '../../types/wechatpay/list-coupon-codes.response.js';
import type { BusifavorQueryCouponCodeQuery } from '../../types/wechatpay/query-coupon-code.query.js';
import type { BusifavorQueryCouponCodeResponse } from '../../types/wechatpay/query-coupon-code.response.js';
import type { BusifavorUploadCouponCodesRequest } from '../../types/wechatpay/upload-coupon-codes.request.js';
import type { BusifavorUploadCouponCodesResponse } from '../../types/wechatpay/upload-coupon-codes.response.js';
import { offsetWindow } from '../paging.js';
import { formatRfc3339 } from '../shanghai-time.js';
import { VendorError } from '../vendor-error.js';
import { requireAppid, requireStock } from './access.js';
import { couponKey, couponView } from './coupon-view.js';
import { remember, replay } from './ledger.js';
import type { Stock, UploadedCode, WechatPayState } from './model.js';
import { DEFAULT_LIMIT } from './queries.js';

/*
 * Pre-uploaded codes of MERCHANT_UPLOAD stocks (上传预存code and the code list, query and delete;
 * shapes per wechatpay-apiv3/wechatpay-go services/merchantexclusivecoupon). A code is AVAILABLE
 * until a send dispatches it; then it is DISPATCHED and names the user and the coupon it became.
 */

/** Longest code WeChat Pay accepts; longer ones fail one by one (LENGTH_LIMIT, the vendor doc's example). */
export const MAX_CODE_LENGTH = 32;

/** The stock, which must take uploaded codes (INVALID_REQUEST 发券模式不合法 otherwise). */
function uploadStock(state: Readonly<WechatPayState>, stockId: string, caller: string): Stock {
  const stock = requireStock(state, stockId, caller);
  if (stock.spec.coupon_code_mode !== 'MERCHANT_UPLOAD') throw new VendorError('wechatpay', 'INVALID_REQUEST_UPLOAD_MODE');
  return stock;
}

/** Adds codes to the pool as AVAILABLE (the seeded world uses this too). */
export function addCodes(stock: Stock, codes: readonly string[], nowMs: number): void {
  for (const code of codes) {
    stock.codes.set(code, { code, status: 'AVAILABLE', upload_time: nowMs });
    stock.available.add(code);
  }
}

/** The code a send dispatches: the requested one if AVAILABLE, else the oldest AVAILABLE one (INVALID_REQUEST_NO_CODE when none). */
export function codeToDispatch(stock: Readonly<Stock>, requested: string | undefined): string {
  if (requested !== undefined) {
    if (!stock.available.has(requested)) throw new VendorError('wechatpay', 'INVALID_REQUEST_NO_CODE');
    return requested;
  }
  const next = stock.available.values().next();
  if (next.done) throw new VendorError('wechatpay', 'INVALID_REQUEST_NO_CODE');
  return next.value;
}

/** Marks a code DISPATCHED to a user (call once the send passed every check). */
export function dispatchCode(stock: Stock, code: string, openid: string, nowMs: number): void {
  const entry = stock.codes.get(code)!;
  entry.status = 'DISPATCHED';
  entry.dispatched_time = nowMs;
  entry.openid = openid;
  stock.available.delete(code);
}

/**
 * 上传预存code: uploads codes to a MERCHANT_UPLOAD stock. The request's codes are de-duplicated
 * (repeats listed in duplicate_codes); codes the stock already has are exist_codes, codes over 32
 * characters fail_codes; the rest are added. More codes than the stock's max_coupons in all is
 * INVALID_REQUEST 上传的自定义code已达上限 [I: the limit is not documented], refused as a whole.
 */
export function uploadCouponCodes(
  state: WechatPayState,
  caller: string,
  body: BusifavorUploadCouponCodesRequest & { stock_id: string },
  nowMs: number,
): BusifavorUploadCouponCodesResponse {
  const first = replay<BusifavorUploadCouponCodesResponse>(state, 'upload', caller, body.upload_request_no, body);
  if (first) return first;
  const stock = uploadStock(state, body.stock_id, caller);
  const distinct: string[] = [];
  const duplicates = new Set<string>();
  for (const code of body.coupon_code_list) {
    if (distinct.includes(code)) duplicates.add(code);
    else distinct.push(code);
  }
  const exist = distinct.filter((code) => stock.codes.has(code));
  const tooLong = distinct.filter((code) => !stock.codes.has(code) && code.length > MAX_CODE_LENGTH);
  const fresh = distinct.filter((code) => !stock.codes.has(code) && code.length <= MAX_CODE_LENGTH);
  if (stock.codes.size + fresh.length > stock.spec.stock_send_rule.max_coupons) throw new VendorError('wechatpay', 'INVALID_REQUEST_UPLOAD_LIMIT');
  addCodes(stock, fresh, nowMs);
  const result: BusifavorUploadCouponCodesResponse = {
    stock_id: stock.stock_id,
    total_count: distinct.length,
    success_count: fresh.length,
    success_codes: fresh,
    success_time: formatRfc3339(nowMs),
    fail_count: tooLong.length,
    fail_codes: tooLong.map((code) => ({ coupon_code: code, code: 'LENGTH_LIMIT', message: `长度超过最大值${MAX_CODE_LENGTH}位` })),
    exist_codes: exist,
    duplicate_codes: [...duplicates],
  };
  remember(state, 'upload', caller, body.upload_request_no, body, result);
  return result;
}

/** One uploaded code as the list and the query show it. */
function codeView(entry: Readonly<UploadedCode>): BusifavorCouponCode {
  return {
    code: entry.code,
    code_status: entry.status,
    upload_time: formatRfc3339(entry.upload_time),
    ...(entry.dispatched_time !== undefined && {
      dispatched_time: formatRfc3339(entry.dispatched_time),
      openid: entry.openid!,
      // In MERCHANT_UPLOAD mode the dispatched code is the user's coupon code.
      coupon_code: entry.code,
    }),
  };
}

/** 查询预存code列表: the stock's codes in upload order, filtered by status, `limit` after `offset`. */
export function listCouponCodes(state: Readonly<WechatPayState>, caller: string, query: BusifavorListCouponCodesQuery): BusifavorListCouponCodesResponse {
  const stock = uploadStock(state, query.stock_id, caller);
  if (query.appid !== undefined) requireAppid(query.appid);
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_LIMIT;
  const matches = [...stock.codes.values()].filter((entry) => query.status === undefined || entry.status === query.status);
  return { stock_id: stock.stock_id, total_count: matches.length, data: offsetWindow(matches, offset, limit).map((entry) => codeView(entry)), offset, limit };
}

/** 查询预存code详情: the code (COUPON_CODE_NOT_EXISTS if the stock has none such) and, once dispatched, the coupon it became. */
export function queryCouponCode(
  state: Readonly<WechatPayState>,
  caller: string,
  query: BusifavorQueryCouponCodeQuery,
  nowMs: number,
): BusifavorQueryCouponCodeResponse {
  const stock = uploadStock(state, query.stock_id, caller);
  if (query.appid !== undefined) requireAppid(query.appid);
  const entry = stock.codes.get(query.coupon_code);
  if (!entry) throw new VendorError('wechatpay', 'COUPON_CODE_NOT_EXISTS');
  const coupon = entry.status === 'DISPATCHED' ? state.coupons.get(couponKey(stock.stock_id, entry.code)) : undefined;
  return { code_information: codeView(entry), ...(coupon && { coupon_information: couponView(coupon, stock, nowMs, false) }) };
}

/** 删除预存code: removes an AVAILABLE code (a DISPATCHED one is COUPON_CODE_DISPATCHED). */
export function deleteCouponCode(
  state: WechatPayState,
  caller: string,
  query: BusifavorDeleteCouponCodeQuery,
  nowMs: number,
): BusifavorDeleteCouponCodeResponse {
  const first = replay<BusifavorDeleteCouponCodeResponse>(state, 'delete-code', caller, query.delete_request_no, query);
  if (first) return first;
  const stock = uploadStock(state, query.stock_id, caller);
  const entry = stock.codes.get(query.coupon_code);
  if (!entry) throw new VendorError('wechatpay', 'COUPON_CODE_NOT_EXISTS');
  if (entry.status !== 'AVAILABLE') throw new VendorError('wechatpay', 'COUPON_CODE_DISPATCHED');
  stock.codes.delete(entry.code);
  stock.available.delete(entry.code);
  const result = { stock_id: stock.stock_id, delete_time: formatRfc3339(nowMs) };
  remember(state, 'delete-code', caller, query.delete_request_no, query, result);
  return result;
}
