import type { WaiqinAddVoucherInfoRequest } from '../../types/waiqin/add-voucher-info.request.js';
import type { WaiqinErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';
import { commaList } from './input.js';
import { decimalText, toCents } from './money.js';
import { newId, type CustomerRange, type ProdMode, type Voucher, type WaiqinState } from './model.js';
import { formatDate } from '../shanghai-time.js';

/** The rules of addVoucherInfo, finishVoucher and modifyVoucherEndDate. */

const fail = (key: WaiqinErrorKey): never => {
  throw new VendorError('waiqin', key);
};

/**
 * Resolves one "id wins over name" pair of comma-separated TEXT fields against a list, the way
 * the page describes it ("如果同时存在，优先级依次递减"): when any id is given the names are
 * ignored. Every item must resolve, else `notFound`.
 */
function resolvePair<T extends { id: string; name: string }>(
  list: readonly T[],
  ids: string | undefined,
  names: string | undefined,
  notFound: WaiqinErrorKey,
  nameOf: (item: T) => string = (item) => item.name,
): string[] {
  const byId = commaList(ids);
  const items = byId.length > 0 ? byId.map((id) => list.find((x) => x.id === id)) : commaList(names).map((n) => list.find((x) => nameOf(x) === n));
  if (items.some((x) => x === undefined)) fail(notFound);
  return [...new Set(items.map((x) => x!.id))];
}

function amountCents(value: string | number | undefined, key: WaiqinErrorKey): number | null {
  if (value === undefined || value === '') return null;
  const text = decimalText(value, 2);
  if (text === undefined) fail(key);
  return toCents(text!);
}

function customerRange(state: Readonly<WaiqinState>, input: WaiqinAddVoucherInfoRequest, tradeRange: '1' | '2'): CustomerRange {
  const range: CustomerRange = { levelIds: [], typeIds: [], deptIds: [], labelIds: [], districtIds: [], customerIds: [] };
  const opt = (v: string | null | undefined) => v ?? undefined;
  if (tradeRange === '2') {
    const customers = state.customers.map((c) => ({ ...c, name: c.code }));
    range.customerIds = resolvePair(customers, opt(input.cmId), opt(input.cmCode), 'CM_NOT_FOUND');
    if (range.customerIds.length === 0) fail('CM_REQUIRED');
    return range;
  }
  range.levelIds = resolvePair(state.levels, opt(input.cmLevelId), opt(input.cmLevelName), 'CM_LEVEL_NOT_FOUND');
  range.typeIds = resolvePair(state.types, opt(input.cmTypeId), opt(input.cmTypeName), 'CM_TYPE_NOT_FOUND');
  range.deptIds = resolvePair(state.depts, opt(input.cmDeptId), opt(input.cmDeptName), 'CM_DEPT_NOT_FOUND');
  range.labelIds = resolvePair(state.labels, opt(input.cmLabelId), opt(input.cmLabelName), 'CM_LABEL_NOT_FOUND');
  range.districtIds = resolvePair(state.districts, opt(input.cmDistrictId), opt(input.cmDistrictName), 'CM_DISTRICT_NOT_FOUND');
  const total = range.levelIds.length + range.typeIds.length + range.deptIds.length + range.labelIds.length + range.districtIds.length;
  if (total === 0) fail('CM_RANGE_REQUIRED');
  return range;
}

function productRange(
  state: Readonly<WaiqinState>,
  input: WaiqinAddVoucherInfoRequest,
  mode: ProdMode,
): Pick<Voucher, 'prodTypeIds' | 'brandIds' | 'productIds'> {
  const opt = (v: string | null | undefined) => v ?? undefined;
  const out = { prodTypeIds: [] as string[], brandIds: [] as string[], productIds: [] as string[] };
  const nonEmpty = (ids: string[], key: WaiqinErrorKey) => (ids.length === 0 ? fail(key) : ids);
  if (mode === 'TYPE')
    out.prodTypeIds = nonEmpty(resolvePair(state.productTypes, opt(input.prodTypeId), opt(input.prodTypeName), 'PROD_TYPE_NOT_FOUND'), 'PROD_TYPE_REQUIRED');
  if (mode === 'BRAND')
    out.brandIds = nonEmpty(resolvePair(state.brands, opt(input.prodBrandId), opt(input.prodBrandName), 'PROD_BRAND_NOT_FOUND'), 'PROD_BRAND_REQUIRED');
  if (mode === 'PRODUCT') {
    out.productIds = nonEmpty(
      resolvePair(state.products, opt(input.prodId), opt(input.prodCode), 'PROD_NOT_FOUND', (p) => p.code),
      'PROD_REQUIRED',
    );
  }
  return out;
}

/** True when the customer is in the voucher's customer range (AND across the given dimensions, OR within one). */
export function inCustomerRange(
  v: Voucher,
  customer: { id: string; levelId: string; typeId: string; deptId: string; labelIds: string[]; districtId: string },
): boolean {
  const r = v.range;
  if (v.tradeRange === '2') return r.customerIds.includes(customer.id);
  const dim = (ids: string[], value: string | string[]) =>
    ids.length === 0 || (Array.isArray(value) ? value.some((x) => ids.includes(x)) : ids.includes(value));
  return (
    dim(r.levelIds, customer.levelId) &&
    dim(r.typeIds, customer.typeId) &&
    dim(r.deptIds, customer.deptId) &&
    dim(r.labelIds, customer.labelIds) &&
    dim(r.districtIds, customer.districtId)
  );
}

/**
 * addVoucherInfo after its schema passed: money rules, dates, and the resolution of every customer
 * and product reference. Everything is checked before the voucher is stored.
 */
export function buildVoucher(state: WaiqinState, input: WaiqinAddVoucherInfoRequest, now: number): Voucher {
  if (input.startDate > input.endDate) fail('DATE_RANGE');
  if (input.endDate < formatDate(now)) fail('END_DATE_PAST');
  const discountsType = input.discountsType ?? 'GDMZ';
  const moneyCents = amountCents(input.money ?? undefined, 'MONEY_INVALID');
  if (discountsType === 'GDMZ' && (moneyCents === null || moneyCents <= 0)) fail('MONEY_INVALID');
  let doorsillAmount: number | null = null;
  if (input.doorsillType === 'Y') {
    const text = decimalText(input.doorsillAmount!, 8);
    if (text === undefined) fail('DOORSILL_AMOUNT_INVALID');
    doorsillAmount = Number(text);
  }
  let discountsPercent = '';
  let maxDiscountsCents: number | null = null;
  if (discountsType === 'ZKBL') {
    const text = decimalText(input.discountsPercent!, 4);
    if (text === undefined || Number(text) > 1) fail('DISCOUNTS_PERCENT_INVALID');
    discountsPercent = text!;
    maxDiscountsCents = amountCents(input.maxDiscountsAmount ?? undefined, 'MAX_DISCOUNTS_AMOUNT_INVALID');
  }
  const tradeRange = String(input.tradeRange) as '1' | '2';
  const range = customerRange(state, input, tradeRange);
  const products = productRange(state, input, input.prodMode);
  return {
    id: newId(state),
    name: input.name,
    startDate: input.startDate,
    endDate: input.endDate,
    moneyCents,
    num: Number(input.num),
    eachCmNum: Number(input.eachCmNum),
    doorsillType: input.doorsillType,
    doorsillAmount,
    payType: input.payType,
    remark: input.remark ?? '',
    grantType: input.grantType,
    tradeRange,
    range,
    prodMode: input.prodMode,
    ...products,
    requiredProductIds: [],
    businessFromName: input.businessFromName ?? '',
    comment: input.comment ?? '',
    autoReceive: input.autoReceive ?? 'N',
    discountsType,
    discountsPercent,
    maxDiscountsCents,
    sourceFrom: 'ZZ',
    createType: 'OPENAPI',
    isFinish: 'N',
    requiredType: '0',
    createdAt: now,
    modifiedAt: now,
  };
}

/** The tenant's voucher with this id, or VOUCHER_NOT_FOUND. */
export function voucherById(state: Readonly<WaiqinState>, id: string): Voucher {
  return state.vouchers.get(id) ?? fail('VOUCHER_NOT_FOUND');
}

/** finishVoucher: isFinish Y. Finishing twice is refused (VOUCHER_FINISHED), so a retry is visible. */
export function finish(v: Voucher, now: number): void {
  if (v.isFinish === 'Y') fail('VOUCHER_FINISHED');
  v.isFinish = 'Y';
  v.modifiedAt = now;
}

/**
 * modifyVoucherEndDate: the new end date may move earlier or later, but not before today (a
 * voucher cannot be made to have already ended: finish it instead) nor before its startDate; a
 * finished voucher cannot change. An expired voucher may be extended, which revives its unused
 * holdings (their status is derived from endDate).
 */
export function changeEndDate(v: Voucher, endDate: string, now: number): void {
  if (v.isFinish === 'Y') fail('VOUCHER_FINISHED');
  if (endDate < v.startDate) fail('END_DATE_BEFORE_START');
  if (endDate < formatDate(now)) fail('END_DATE_PAST');
  v.endDate = endDate;
  v.modifiedAt = now;
}
