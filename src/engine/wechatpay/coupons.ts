import type { BusifavorDeactivateCouponRequest } from '../../types/wechatpay/deactivate-coupon.request.js';
import type { BusifavorDeactivateCouponResponse } from '../../types/wechatpay/deactivate-coupon.response.js';
import type { BusifavorReturnCouponRequest } from '../../types/wechatpay/return-coupon.request.js';
import type { BusifavorReturnCouponResponse } from '../../types/wechatpay/return-coupon.response.js';
import type { BusifavorSendCouponRequest } from '../../types/wechatpay/send-coupon.request.js';
import type { BusifavorSendCouponResponse } from '../../types/wechatpay/send-coupon.response.js';
import type { BusifavorUseCouponRequest } from '../../types/wechatpay/use-coupon.request.js';
import type { BusifavorUseCouponResponse } from '../../types/wechatpay/use-coupon.response.js';
import type { Random } from '../random.js';
import type { WechatpayErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';
import { requireAppid, requireStock, requireUser } from './access.js';
import { codeToDispatch, dispatchCode } from './code-pool.js';
import { couponKey, couponView } from './coupon-view.js';
import { remember, replay } from './ledger.js';
import type { Coupon, Stock, WechatPayState } from './model.js';
import { instantOf } from './stocks.js';
import { formatRfc3339, parseRfc3339, startOfShanghaiDay } from '../shanghai-time.js';
import { couponWindow, effectiveState, usableAt } from './validity.js';

const fail = (key: WechatpayErrorKey) => new VendorError('wechatpay', key);

function append(index: Map<string, string[]>, name: string, key: string): void {
  const keys = index.get(name);
  if (keys) keys.push(key);
  else index.set(name, [key]);
}

/** Adds a coupon to the state and its indexes (the one place coupons are created). */
export function addCoupon(state: WechatPayState, stock: Stock, coupon: Omit<Coupon, 'seq'>): Coupon {
  const stored: Coupon = { ...coupon, seq: state.nextSeq++ };
  const key = couponKey(stock.stock_id, stored.coupon_code);
  state.coupons.set(key, stored);
  // Appended in place: copying a wallet's index on every send made sends O(wallet size).
  append(state.byCode, stored.coupon_code, key);
  append(state.byUser, stored.openid, key);
  stock.sent_total += 1;
  stock.sent_by_user.set(stored.openid, (stock.sent_by_user.get(stored.openid) ?? 0) + 1);
  const day = startOfShanghaiDay(stored.receive_time);
  stock.sent_by_day.set(day, (stock.sent_by_day.get(day) ?? 0) + 1);
  return stored;
}

/** A fresh WECHATPAY_MODE code: 22 digits (VENDOR-BEHAVIOUR.md C.4), unique in the sandbox. */
function wechatpayCode(state: WechatPayState, random: Random): string {
  for (;;) {
    const code = String(random.int(1, 9)) + random.digits(21);
    if (!state.byCode.has(code)) return code;
  }
}

/** Which code the send gives, by the stock's code mode; throws the vendor's error for a mismatch. */
function codeForSend(state: WechatPayState, stock: Stock, requested: string | undefined, random: Random): string {
  const mode = stock.spec.coupon_code_mode;
  if (mode === 'WECHATPAY_MODE') {
    if (requested !== undefined) throw fail('INVALID_REQUEST_CODE_MODE');
    return wechatpayCode(state, random);
  }
  if (mode === 'MERCHANT_API') {
    if (requested === undefined) throw fail('INVALID_REQUEST_CODE_MODE');
    if (state.coupons.has(couponKey(stock.stock_id, requested))) throw fail('COUPON_CODE_EXISTS');
    return requested;
  }
  return codeToDispatch(stock, requested);
}

/**
 * Sends one coupon of a stock to a user. Checks, in order: replay of out_request_no, appid, user,
 * stock (exists, caller's, RUNNING, not past its end), code mode, then the quotas max_coupons,
 * max_coupons_per_user, max_coupons_by_day. Nothing changes unless every check passed.
 * `validFromMs` is when a relative validity window starts counting (the H5 link's
 * customize_send_time back-dates it); the coupon's receive_time is always `nowMs`.
 */
export function sendCoupon(
  state: WechatPayState,
  caller: string,
  body: BusifavorSendCouponRequest,
  nowMs: number,
  random: Random,
  validFromMs = nowMs,
): BusifavorSendCouponResponse {
  const first = replay<BusifavorSendCouponResponse>(state, 'send', caller, body.out_request_no, body);
  if (first) return first;
  requireAppid(body.appid);
  requireUser(body.openid);
  const stock = requireStock(state, body.stock_id, caller);
  const time = stock.spec.coupon_use_rule.coupon_available_time;
  if (stock.state !== 'RUNNING' || nowMs > parseRfc3339(time.available_end_time)) throw fail('RULELIMIT_STOCK_STATE');
  const code = codeForSend(state, stock, body.coupon_code, random);
  const rule = stock.spec.stock_send_rule;
  if (stock.sent_total >= rule.max_coupons) throw fail('RULELIMIT_MAX_COUPONS');
  if ((stock.sent_by_user.get(body.openid) ?? 0) >= rule.max_coupons_per_user) throw fail('RULELIMIT_MAX_COUPONS_PER_USER');
  if (rule.max_coupons_by_day !== undefined && (stock.sent_by_day.get(startOfShanghaiDay(nowMs)) ?? 0) >= rule.max_coupons_by_day) {
    throw fail('RULELIMIT_MAX_COUPONS_BY_DAY');
  }

  if (stock.spec.coupon_code_mode === 'MERCHANT_UPLOAD') dispatchCode(stock, code, body.openid, nowMs);
  const window = couponWindow(stock, validFromMs);
  addCoupon(state, stock, {
    coupon_code: code,
    stock_id: stock.stock_id,
    openid: body.openid,
    appid: body.appid,
    state: 'SENDED',
    sender_merchant: caller,
    send_request_no: body.out_request_no,
    receive_time: nowMs,
    available_start_time: window.start,
    expire_time: window.expire,
  });
  const result = { stock_id: stock.stock_id, coupon_code: code, out_request_no: body.out_request_no };
  remember(state, 'send', caller, body.out_request_no, body, result);
  return result;
}

/**
 * Finds a coupon by code (and stock when given). Merchant codes are only unique within a stock,
 * so without stock_id a merchant-code coupon is INVALID_REQUEST_CODE_MODE (WeChat Pay makes
 * stock_id mandatory for those modes); an unknown stock_id is STOCK_NOT_EXISTS.
 */
export function findCoupon(state: Readonly<WechatPayState>, code: string, stockId: string | undefined, caller: string): { coupon: Coupon; stock: Stock } {
  if (stockId !== undefined) {
    const stock = requireStock(state, stockId, caller);
    const coupon = state.coupons.get(couponKey(stockId, code));
    if (!coupon) throw fail('COUPON_NOT_EXISTS');
    return { coupon, stock };
  }
  const keys = state.byCode.get(code) ?? [];
  if (keys.length === 0) throw fail('COUPON_NOT_EXISTS');
  const coupon = state.coupons.get(keys[0]!)!;
  const stock = requireStock(state, coupon.stock_id, caller);
  if (keys.length > 1 || stock.spec.coupon_code_mode !== 'WECHATPAY_MODE') throw fail('INVALID_REQUEST_CODE_MODE');
  return { coupon, stock };
}

/**
 * Uses (redeems) a coupon at the sandbox time. USED -> COUPON_ALREADY_USED (RESOURCE_ALREADY_EXISTS);
 * DEACTIVATED / DELETED -> INVALID_REQUEST; expired, not yet started or outside the weekly / daily /
 * irregular windows -> RULELIMIT. The coupon's use_time is the merchant's declared use_time;
 * wechatpay_use_time is the sandbox clock.
 */
export function useCoupon(state: WechatPayState, caller: string, body: BusifavorUseCouponRequest, nowMs: number): BusifavorUseCouponResponse {
  const first = replay<BusifavorUseCouponResponse>(state, 'use', caller, body.use_request_no, body);
  if (first) return first;
  const useTime = instantOf('use_time', body.use_time);
  requireAppid(body.appid);
  if (body.openid !== undefined) requireUser(body.openid);
  const { coupon, stock } = findCoupon(state, body.coupon_code, body.stock_id, caller);
  if (coupon.appid !== body.appid || (body.openid !== undefined && coupon.openid !== body.openid)) throw fail('COUPON_NOT_EXISTS');
  const current = effectiveState(coupon, nowMs);
  if (current === 'USED') throw fail('COUPON_ALREADY_USED');
  if (current === 'DEACTIVATED' || current === 'DELETED') throw fail('INVALID_REQUEST');
  if (!usableAt(coupon, stock, nowMs)) throw fail('RULELIMIT');

  coupon.state = 'USED';
  coupon.use_request_no = body.use_request_no;
  coupon.use_time = useTime;
  const result = { stock_id: stock.stock_id, openid: coupon.openid, wechatpay_use_time: formatRfc3339(nowMs) };
  remember(state, 'use', caller, body.use_request_no, body, result);
  return result;
}

/** Deactivates a SENDED coupon (any other state, EXPIRED included: INVALID_REQUEST). */
export function deactivateCoupon(
  state: WechatPayState,
  caller: string,
  body: BusifavorDeactivateCouponRequest,
  nowMs: number,
): BusifavorDeactivateCouponResponse {
  const first = replay<BusifavorDeactivateCouponResponse>(state, 'deactivate', caller, body.deactivate_request_no, body);
  if (first) return first;
  const { coupon } = findCoupon(state, body.coupon_code, body.stock_id, caller);
  if (effectiveState(coupon, nowMs) !== 'SENDED') throw fail('INVALID_REQUEST');
  coupon.state = 'DEACTIVATED';
  const result = { wechatpay_deactivate_time: formatRfc3339(nowMs) };
  remember(state, 'deactivate', caller, body.deactivate_request_no, body, result);
  return result;
}

/** Returns a USED coupon: back to SENDED (it reads EXPIRED if its window has passed meanwhile). */
export function returnCoupon(state: WechatPayState, caller: string, body: BusifavorReturnCouponRequest, nowMs: number): BusifavorReturnCouponResponse {
  const first = replay<BusifavorReturnCouponResponse>(state, 'return', caller, body.return_request_no, body);
  if (first) return first;
  const { coupon } = findCoupon(state, body.coupon_code, body.stock_id, caller);
  if (coupon.state !== 'USED') throw fail('INVALID_REQUEST');
  coupon.state = 'SENDED';
  delete coupon.use_request_no;
  delete coupon.use_time;
  const result = { wechatpay_return_time: formatRfc3339(nowMs) };
  remember(state, 'return', caller, body.return_request_no, body, result);
  return result;
}

/** The user deletes a coupon from the wallet (SENDED or EXPIRED -> DELETED); a control action. */
export function deleteCoupon(state: WechatPayState, coupon: Coupon, nowMs: number): void {
  const current = effectiveState(coupon, nowMs);
  if (current !== 'SENDED' && current !== 'EXPIRED') throw fail('INVALID_REQUEST');
  coupon.state = 'DELETED';
}

export { couponKey, couponView };
