import type { BusifavorModifyBudgetRequest } from '../../types/wechatpay/modify-budget.request.js';
import type { BusifavorModifyBudgetResponse } from '../../types/wechatpay/modify-budget.response.js';
import type { BusifavorModifyStockRequest } from '../../types/wechatpay/modify-stock.request.js';
import { parseRfc3339 } from '../shanghai-time.js';
import { VendorError } from '../vendor-error.js';
import { requireStock } from './access.js';
import { remember, replay } from './ledger.js';
import type { Stock, WechatPayState } from './model.js';
import { paramError } from './stocks.js';
import { clone } from '../undo-log.js';

/*
 * What a merchant may change on a stock after creating it: its information (PATCH
 * /v3/marketing/busifavor/stocks/{stock_id}) and its budget (PATCH .../budget). Fields and
 * shapes per wechatpay-apiv3/wechatpay-go (ModifyStockInfo, ModifyBudget).
 */

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Merges `change` into `target`: a given field replaces, a nested object merges the same way, arrays are replaced. */
function mergeInto(target: Plain, change: Plain): void {
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) continue;
    if (isPlain(value) && isPlain(target[key])) mergeInto(target[key] as Plain, value);
    else target[key] = clone(value);
  }
}

/**
 * 修改商家券基本信息: merges the given fields into the stock (answered 204 No Content). The change
 * must come before the stock's available_end_time (STOCK_ENDED). The merged rule must still hold:
 * a MINI_PROGRAMS stock needs its mini program. A repeat of out_request_no with the same body
 * changes nothing again.
 */
export function modifyStock(state: WechatPayState, caller: string, body: BusifavorModifyStockRequest & { stock_id: string }, nowMs: number): void {
  if (replay<true>(state, 'modify-stock', caller, body.out_request_no, body)) return;
  const stock = requireStock(state, body.stock_id, caller);
  if (nowMs > parseRfc3339(stock.spec.coupon_use_rule.coupon_available_time.available_end_time)) throw new VendorError('wechatpay', 'STOCK_ENDED');
  const { out_request_no: _no, stock_id: _id, ...change } = body;
  const next = clone(stock.spec);
  mergeInto(next as Plain, change as Plain);
  const rule = next.coupon_use_rule;
  if (rule.use_method === 'MINI_PROGRAMS' && !(rule.mini_programs_appid && rule.mini_programs_path)) {
    throw paramError('coupon_use_rule.mini_programs_appid', 'MINI_PROGRAMS requires mini_programs_appid and mini_programs_path');
  }
  stock.spec = next;
  remember(state, 'modify-stock', caller, body.out_request_no, body, true);
}

/**
 * The budget fields of a request: exactly one target, with the value it replaces. The current
 * value is required whenever the stock has one (a stock without a daily limit can get one
 * without it). PARAM_ERROR otherwise; a current value that is not the stock's is BUDGET_MISMATCH.
 */
function budgetChange(stock: Readonly<Stock>, body: BusifavorModifyBudgetRequest): { field: 'max_coupons' | 'max_coupons_by_day'; target: number } {
  const total = body.target_max_coupons !== undefined;
  if (total === (body.target_max_coupons_by_day !== undefined))
    throw paramError('target_max_coupons', 'give exactly one of target_max_coupons and target_max_coupons_by_day');
  const field = total ? 'max_coupons' : 'max_coupons_by_day';
  const current = total ? body.current_max_coupons : body.current_max_coupons_by_day;
  const actual = stock.spec.stock_send_rule[field];
  if (current === undefined && actual !== undefined) throw paramError(`current_${field}`, 'required with its target');
  if (current !== undefined && current !== actual) throw new VendorError('wechatpay', 'BUDGET_MISMATCH');
  return { field, target: (total ? body.target_max_coupons : body.target_max_coupons_by_day)! };
}

/** What modify-budget answers: the quotas as they are now. */
function budgetView(stock: Readonly<Stock>): BusifavorModifyBudgetResponse {
  const rule = stock.spec.stock_send_rule;
  return { max_coupons: rule.max_coupons, ...(rule.max_coupons_by_day !== undefined && { max_coupons_by_day: rule.max_coupons_by_day }) };
}

/**
 * 修改批次预算: sets max_coupons or max_coupons_by_day. `current_*` must be the stock's present
 * value (BUDGET_MISMATCH otherwise: two back offices cannot overwrite each other unawares) [I];
 * max_coupons may not drop below what was already sent (BUDGET_BELOW_SENT) [I], and the daily
 * limit may not exceed max_coupons (PARAM_ERROR, as at creation). Sends then obey the new budget.
 */
export function modifyBudget(
  state: WechatPayState,
  caller: string,
  body: BusifavorModifyBudgetRequest & { stock_id: string },
  _nowMs: number,
): BusifavorModifyBudgetResponse {
  const first = replay<BusifavorModifyBudgetResponse>(state, 'budget', caller, body.modify_budget_request_no, body);
  if (first) return first;
  const stock = requireStock(state, body.stock_id, caller);
  const { field, target } = budgetChange(stock, body);
  const rule = stock.spec.stock_send_rule;
  if (field === 'max_coupons' && target < stock.sent_total) throw new VendorError('wechatpay', 'BUDGET_BELOW_SENT');
  const daily = field === 'max_coupons_by_day' ? target : rule.max_coupons_by_day;
  const totalAfter = field === 'max_coupons' ? target : rule.max_coupons;
  if (daily !== undefined && daily > totalAfter)
    throw paramError(field === 'max_coupons' ? 'target_max_coupons' : 'target_max_coupons_by_day', 'max_coupons_by_day must not exceed max_coupons');
  rule[field] = target;
  const result = budgetView(stock);
  remember(state, 'budget', caller, body.modify_budget_request_no, body, result);
  return result;
}
