import type { BusifavorCreateStockRequest } from '../../types/wechatpay/create-stock.request.js';
import type { BusifavorCreateStockResponse } from '../../types/wechatpay/create-stock.response.js';
import type { BusifavorStock } from '../../types/wechatpay/stock.js';
import { VendorError } from '../vendor-error.js';
import { servedBy } from './access.js';
import { remember, replay } from './ledger.js';
import type { Stock, StockState, WechatPayState } from './model.js';
import { formatRfc3339, parseRfc3339, startOfShanghaiDay } from '../shanghai-time.js';
import { clone } from '../undo-log.js';

/** A PARAM_ERROR naming the field, the way WeChat Pay's `detail` does. */
export function paramError(field: string, issue: string): VendorError {
  return new VendorError('wechatpay', 'PARAM_ERROR', { field, location: 'body', issue });
}

/**
 * The instant of an RFC 3339 time the schema accepted, or PARAM_ERROR naming the field: the
 * date-time format admits leap seconds (`23:59:60Z`) and other forms no JavaScript Date reads,
 * and an unreadable time must never be stored.
 */
export function instantOf(field: string, value: string, location: 'body' | 'query' = 'body'): number {
  const ms = parseRfc3339(value);
  if (!Number.isFinite(ms)) throw new VendorError('wechatpay', 'PARAM_ERROR', { field, location, issue: `${value} is not a time WeChat Pay accepts` });
  return ms;
}

const RULE_OF_TYPE = {
  NORMAL: 'fixed_normal_coupon',
  DISCOUNT: 'discount_coupon',
  EXCHANGE: 'exchange_coupon',
} as const;

/** Cross-field rules of a create-stock body that a schema cannot express. Throws PARAM_ERROR. */
function checkStockRules(body: BusifavorCreateStockRequest, nowMs: number): void {
  const rule = body.coupon_use_rule;
  const own = RULE_OF_TYPE[body.stock_type];
  if (!rule[own]) throw paramError(`coupon_use_rule.${own}`, `stock_type ${body.stock_type} requires ${own}`);
  for (const other of Object.values(RULE_OF_TYPE)) {
    if (other !== own && rule[other]) throw paramError(`coupon_use_rule.${other}`, `not allowed for stock_type ${body.stock_type}`);
  }
  const time = rule.coupon_available_time;
  const at = 'coupon_use_rule.coupon_available_time';
  const begin = instantOf(`${at}.available_begin_time`, time.available_begin_time);
  const end = instantOf(`${at}.available_end_time`, time.available_end_time);
  (time.irregulary_avaliable_time ?? []).forEach((w, i) => {
    instantOf(`${at}.irregulary_avaliable_time.${i}.begin_time`, w.begin_time);
    instantOf(`${at}.irregulary_avaliable_time.${i}.end_time`, w.end_time);
  });
  if (!(end > begin)) throw paramError('coupon_use_rule.coupon_available_time.available_end_time', 'must be after available_begin_time');
  if (end <= nowMs) throw paramError('coupon_use_rule.coupon_available_time.available_end_time', 'must be in the future');
  for (const window of time.irregulary_avaliable_time ?? []) {
    if (!(parseRfc3339(window.end_time) > parseRfc3339(window.begin_time))) {
      throw paramError('coupon_use_rule.coupon_available_time.irregulary_avaliable_time', 'end_time must be after begin_time');
    }
  }
  for (const t of time.available_week?.available_day_time ?? []) {
    if (!(t.end_time > t.begin_time))
      throw paramError('coupon_use_rule.coupon_available_time.available_week.available_day_time', 'end_time must be after begin_time');
  }
  if (rule.use_method === 'MINI_PROGRAMS' && !(rule.mini_programs_appid && rule.mini_programs_path)) {
    throw paramError('coupon_use_rule.mini_programs_appid', 'MINI_PROGRAMS requires mini_programs_appid and mini_programs_path');
  }
  const send = body.stock_send_rule;
  if (send.max_coupons_per_user > send.max_coupons) throw paramError('stock_send_rule.max_coupons_per_user', 'must not exceed max_coupons');
  if (send.max_coupons_by_day !== undefined && send.max_coupons_by_day > send.max_coupons) {
    throw paramError('stock_send_rule.max_coupons_by_day', 'must not exceed max_coupons');
  }
}

/**
 * Rewrites the stock's RFC 3339 times as WeChat Pay answers them (`+08:00`, whole seconds): a
 * merchant may send `Z` or another offset, but every read (query stock, coupons) shows China
 * Standard Time, the way the vendor page's examples do.
 */
function normaliseTimes(spec: Stock['spec']): void {
  const time = spec.coupon_use_rule.coupon_available_time;
  const wire = (value: string) => formatRfc3339(parseRfc3339(value));
  time.available_begin_time = wire(time.available_begin_time);
  time.available_end_time = wire(time.available_end_time);
  for (const window of time.irregulary_avaliable_time ?? []) {
    window.begin_time = wire(window.begin_time);
    window.end_time = wire(window.end_time);
  }
}

/** A new stock record (also used by the seeded world, which bypasses the request checks). */
export function newStock(state: WechatPayState, spec: Stock['spec'], creator: string, stockState: StockState, createMs: number): Stock {
  const stock: Stock = {
    stock_id: String(98065000 + state.nextStockNo++),
    spec,
    creator_merchant: creator,
    state: stockState,
    create_time: createMs,
    codes: new Map(),
    available: new Set(),
    sent_total: 0,
    sent_by_user: new Map(),
    sent_by_day: new Map(),
  };
  state.stocks.set(stock.stock_id, stock);
  return stock;
}

/**
 * Creates a stock. The new stock is RUNNING at once: most busifavor stocks start issuing right
 * after creation, and a sandbox user wants to send coupons next; the review state UNAUDIT is
 * reachable through the control action (setStockState).
 */
export function createStock(state: WechatPayState, caller: string, body: BusifavorCreateStockRequest, nowMs: number): BusifavorCreateStockResponse {
  const first = replay<BusifavorCreateStockResponse>(state, 'create-stock', caller, body.out_request_no, body);
  if (first) return first;
  if (!servedBy(caller).includes(body.belong_merchant)) throw new VendorError('wechatpay', 'PARAM_ERROR_MCHID_MISMATCH');
  checkStockRules(body, nowMs);
  const { out_request_no: _requestNo, ...spec } = clone(body);
  normaliseTimes(spec);
  const stock = newStock(state, spec, caller, 'RUNNING', nowMs);
  const result = { stock_id: stock.stock_id, create_time: formatRfc3339(nowMs) };
  remember(state, 'create-stock', caller, body.out_request_no, body, result);
  return result;
}

/** Value in fen of one sent coupon, for send_count_information (0 when the stock has no fixed amount). */
function couponAmount(stock: Stock): number {
  return stock.spec.coupon_use_rule.fixed_normal_coupon?.discount_amount ?? 0;
}

/** The stock as query-stock returns it. */
export function stockView(stock: Stock, nowMs: number): BusifavorStock {
  const today = stock.sent_by_day.get(startOfShanghaiDay(nowMs)) ?? 0;
  const view: BusifavorStock = {
    ...clone(stock.spec),
    stock_id: stock.stock_id,
    stock_state: stock.state,
    send_count_information: {
      total_send_num: stock.sent_total,
      total_send_amount: stock.sent_total * couponAmount(stock),
      today_send_num: today,
      today_send_amount: today * couponAmount(stock),
    },
  };
  if (stock.spec.coupon_code_mode === 'MERCHANT_UPLOAD') {
    view.coupon_code_count = { total_count: stock.codes.size, available_count: stock.available.size };
  }
  return view;
}

/** A control-action transition the stock's current state forbids (not a WeChat Pay API error). */
export class StockStateError extends Error {
  constructor(from: StockState, to: StockState) {
    super(`a ${from} stock cannot become ${to}: STOPED is final`);
    this.name = 'StockStateError';
  }
}

/**
 * Moves a stock through UNAUDIT -> RUNNING <-> PAUSED -> STOPED (what review and the merchant
 * platform do; no busifavor API does it). STOPED is final; staying in the same state is a no-op.
 */
export function setStockState(stock: Stock, to: StockState): void {
  if (stock.state === to) return;
  if (stock.state === 'STOPED') throw new StockStateError(stock.state, to);
  stock.state = to;
}
