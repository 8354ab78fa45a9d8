import { formatCents, formatPlain } from './money.js';
import type { Customer, Holding, UseStatus, Voucher, WaiqinState } from './model.js';
import { formatDate, formatDateTime, formatMinute } from '../shanghai-time.js';

/**
 * What the operations answer, shaped exactly like the vendor page's DATA examples (field names,
 * text-typed amounts such as "111.00", "" for absent values). Ids are strings here; the HTTP layer
 * writes getVoucherInfos' `id` as a bare number the way the page shows it.
 */

export interface VoucherInfo {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  money: string;
  num: number;
  payType: string;
  tradeRange: string;
  cmLevels: Array<{ cmLevelId: string; cmLevelName: string }>;
  cmTypes: Array<{ cmTypeId: string; cmTypeName: string }>;
  cmDepts: Array<{ cmDeptId: string; cmDeptName: string }>;
  cmLabels: Array<{ cmLabelId: string; cmLabelName: string }>;
  cmDistricts: Array<{ cmDistrictId: string; cmDistrictCode: string; cmDistrictName: string }>;
  cmInfos: Array<{ id: string; code: string; name: string }>;
  prodMode: string;
  pdInfos: Array<{ pdId: string; isRequired: string; code: string; requiredNum: string; name: string; unitId: string; unitName: string }>;
  prodBrands: Array<{ pdBrandId: string; prodBrandName: string }>;
  prodTypes: Array<{ pdTypeId: string; prodTypeName: string }>;
  remark: string;
  requiredAllnum: string;
  sourceFrom: string;
  requiredType: string;
  isFinish: string;
  doorsillAmount: string;
  doorsillType: string;
  eachCmNum: number;
  hasRequired: string;
  discountsType: string;
  discountsPercent: string;
  maxDiscountsAmount: string;
}

export interface CmInfo {
  id: string;
  code: string;
  name: string;
}

/** One row of queryVoucherUsedInfo, in the page's field order. */
export interface VoucherUsedInfo {
  end_date: string;
  order_no: string;
  voucher_name: string;
  discounts_type: string;
  receive_time: string;
  create_type: string;
  cm_code: string;
  distribute_time: string;
  order_create_time: string;
  money: string;
  business_from_name: string;
  cm_id: string;
  cm_name: string;
  max_discounts_amount: string;
  order_amount: string;
  voucher_id: string;
  id: string;
  cm_source_code: string;
  voucher_amount: string;
  doorsill_amount: string;
  order_id: string;
  discounts_percent: string;
  start_date: string;
  use_status: UseStatus;
}

const money = (cents: number | null) => (cents === null ? '' : formatCents(cents));

export function voucherInfo(state: Readonly<WaiqinState>, v: Voucher): VoucherInfo {
  const find = <T extends { id: string }>(list: readonly T[], ids: string[]) =>
    ids.map((id) => list.find((x) => x.id === id)).filter((x): x is T => x !== undefined);
  const byRange = v.tradeRange === '1';
  return {
    id: v.id,
    name: v.name,
    startDate: v.startDate,
    endDate: v.endDate,
    money: money(v.moneyCents),
    num: v.num,
    payType: v.payType,
    tradeRange: v.tradeRange,
    cmLevels: byRange ? find(state.levels, v.range.levelIds).map((x) => ({ cmLevelId: x.id, cmLevelName: x.name })) : [],
    cmTypes: byRange ? find(state.types, v.range.typeIds).map((x) => ({ cmTypeId: x.id, cmTypeName: x.name })) : [],
    cmDepts: byRange ? find(state.depts, v.range.deptIds).map((x) => ({ cmDeptId: x.id, cmDeptName: x.name })) : [],
    cmLabels: byRange ? find(state.labels, v.range.labelIds).map((x) => ({ cmLabelId: x.id, cmLabelName: x.name })) : [],
    cmDistricts: byRange ? find(state.districts, v.range.districtIds).map((x) => ({ cmDistrictId: x.id, cmDistrictCode: x.code, cmDistrictName: x.name })) : [],
    cmInfos: byRange ? [] : find(state.customers, v.range.customerIds).map((c) => ({ id: c.id, code: c.code, name: c.name })),
    prodMode: v.prodMode,
    pdInfos:
      v.prodMode === 'PRODUCT'
        ? find(state.products, v.productIds).map((p) => {
            const required = v.requiredProductIds.includes(p.id);
            return { pdId: p.id, isRequired: required ? 'Y' : '', code: p.code, requiredNum: required ? '1' : '', name: p.name, unitId: '', unitName: '' };
          })
        : [],
    prodBrands: v.prodMode === 'BRAND' ? find(state.brands, v.brandIds).map((b) => ({ pdBrandId: b.id, prodBrandName: b.name })) : [],
    prodTypes: v.prodMode === 'TYPE' ? find(state.productTypes, v.prodTypeIds).map((t) => ({ pdTypeId: t.id, prodTypeName: t.name })) : [],
    remark: v.remark,
    requiredAllnum: v.requiredProductIds.length > 0 ? `${v.requiredProductIds.length}.000` : '0.000',
    sourceFrom: v.sourceFrom,
    requiredType: v.requiredType,
    isFinish: v.isFinish,
    doorsillAmount: v.doorsillAmount === null ? '' : v.doorsillAmount.toFixed(2),
    doorsillType: v.doorsillType,
    eachCmNum: v.eachCmNum,
    hasRequired: v.requiredProductIds.length > 0 ? 'Y' : 'N',
    discountsType: v.discountsType,
    discountsPercent: v.discountsPercent,
    maxDiscountsAmount: money(v.maxDiscountsCents),
  };
}

/** 0 未使用, 1 已使用, 2 已过期: an unused holding expires the day after endDate (Shanghai). */
export function useStatus(h: Holding, v: Voucher, now: number): UseStatus {
  if (h.order) return '1';
  return formatDate(now) > v.endDate ? '2' : '0';
}

/** The page prints discounts_percent as "0-100的两位数字": 0.85 becomes "85.00". */
function percentOf100(v: Voucher): string {
  if (v.discountsType !== 'ZKBL' || v.discountsPercent === '') return '';
  const [whole, frac = ''] = v.discountsPercent.split('.');
  const basisPoints = Number(whole) * 10000 + Number((frac + '0000').slice(0, 4));
  return formatCents(basisPoints);
}

export function voucherUsedInfo(h: Holding, v: Voucher, c: Customer, now: number): VoucherUsedInfo {
  const o = h.order;
  return {
    end_date: v.endDate,
    order_no: o?.no ?? '',
    voucher_name: v.name,
    discounts_type: v.discountsType,
    receive_time: formatMinute(h.receivedAt),
    create_type: v.createType,
    cm_code: c.code,
    distribute_time: formatMinute(h.distributedAt),
    order_create_time: o ? formatDateTime(o.createdAt) : '',
    money: money(v.moneyCents),
    business_from_name: v.businessFromName,
    cm_id: c.id,
    cm_name: c.name,
    max_discounts_amount: money(v.maxDiscountsCents),
    order_amount: o ? formatPlain(o.amountCents) : '',
    voucher_id: v.id,
    id: h.id,
    cm_source_code: c.sourceCode,
    voucher_amount: o ? formatCents(o.discountCents) : '',
    doorsill_amount: v.doorsillAmount === null ? '' : v.doorsillAmount.toFixed(2),
    order_id: o?.id ?? '',
    discounts_percent: percentOf100(v),
    start_date: v.startDate,
    use_status: useStatus(h, v, now),
  };
}
