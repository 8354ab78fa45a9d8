import type { Coupon, CouponState, Stock } from './model.js';
import { DAY_MS, parseRfc3339, shanghaiSecondOfDay, shanghaiWeekDay, startOfShanghaiDay } from '../shanghai-time.js';

/**
 * When a coupon received at `receiveMs` may be used: [available_start_time, expire_time].
 *
 * - Fixed window: the stock's available_begin_time .. available_end_time.
 * - `available_day_after_receive` = N: valid from receipt (or, with `wait_days_after_receive` = W,
 *   from 00:00 of the W-th day after receipt) until 23:59:59 of the N-th day counting the start
 *   day as day 1, never beyond available_end_time and never before available_begin_time.
 *   (WeChat Pay documents "领取后N天内有效" without the exact boundary; whole Asia/Shanghai days are
 *   what its wallet shows. [I])
 */
export function couponWindow(stock: Stock, receiveMs: number): { start: number; expire: number } {
  const time = stock.spec.coupon_use_rule.coupon_available_time;
  const begin = parseRfc3339(time.available_begin_time);
  const end = parseRfc3339(time.available_end_time);
  const days = time.available_day_after_receive;
  if (days === undefined) return { start: Math.max(begin, receiveMs), expire: end };
  const wait = time.wait_days_after_receive ?? 0;
  const start = Math.max(begin, wait > 0 ? startOfShanghaiDay(receiveMs) + wait * DAY_MS : receiveMs);
  const expire = Math.min(end, startOfShanghaiDay(start) + days * DAY_MS - 1000);
  return { start, expire };
}

/** The state the API reports now: a SENDED coupon past its expire_time reads EXPIRED. */
export function effectiveState(coupon: Coupon, nowMs: number): CouponState {
  if (coupon.state === 'SENDED' && nowMs > coupon.expire_time) return 'EXPIRED';
  return coupon.state;
}

/**
 * Whether a SENDED, unexpired coupon may be used at `nowMs`: after its start, inside an irregular
 * window when the stock lists any, on an allowed week day, inside an allowed time of day.
 */
export function usableAt(coupon: Coupon, stock: Stock, nowMs: number): boolean {
  if (nowMs < coupon.available_start_time || nowMs > coupon.expire_time) return false;
  const time = stock.spec.coupon_use_rule.coupon_available_time;
  const irregular = time.irregulary_avaliable_time ?? [];
  if (irregular.length > 0 && !irregular.some((w) => nowMs >= parseRfc3339(w.begin_time) && nowMs <= parseRfc3339(w.end_time))) {
    return false;
  }
  const week = time.available_week;
  if (week?.week_day && week.week_day.length > 0 && !week.week_day.includes(shanghaiWeekDay(nowMs) as 0)) return false;
  const dayTimes = week?.available_day_time ?? [];
  if (dayTimes.length > 0) {
    const second = shanghaiSecondOfDay(nowMs);
    if (!dayTimes.some((t) => second >= t.begin_time && second <= t.end_time)) return false;
  }
  return true;
}
