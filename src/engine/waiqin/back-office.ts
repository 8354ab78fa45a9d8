import { placeOrder, type OrderInput } from './holdings.js';
import { holdingsOf, usedCount } from './indexes.js';
import type { Customer, WaiqinState } from './model.js';
import { useStatus, voucherUsedInfo, type VoucherUsedInfo } from './views.js';

/** A customer as the world listing shows it, with its attribute names resolved. */
export interface WaiqinCustomerView {
  id: string;
  code: string;
  name: string;
  sourceCode: string;
  level: string;
  type: string;
  dept: string;
  labels: string[];
  district: string;
  districtCode: string;
}

/** Everything seeded, for `GET /_sandbox/waiqin/world` and `sandbox.waiqin.world()`. */
export interface WaiqinWorld {
  levels: Array<{ id: string; name: string }>;
  types: Array<{ id: string; name: string }>;
  depts: Array<{ id: string; name: string }>;
  labels: Array<{ id: string; name: string }>;
  districts: Array<{ id: string; code: string; name: string }>;
  brands: Array<{ id: string; name: string }>;
  productTypes: Array<{ id: string; name: string }>;
  customers: WaiqinCustomerView[];
  products: Array<{ id: string; code: string; name: string; brand: string; type: string }>;
  vouchers: Array<{
    id: string;
    name: string;
    startDate: string;
    endDate: string;
    isFinish: string;
    num: number;
    received: number;
    used: number;
    /** Who holds it, one entry per holding: the customer, 0 unused / 1 used / 2 expired (sandbox clock), the order that used it. */
    holders: Array<{ cmId: string; cmCode: string; cmName: string; useStatus: '0' | '1' | '2'; orderNo?: string }>;
  }>;
}

/**
 * The customer places an order that uses their oldest unused holding of the voucher (the voucher
 * API has no order operation). Returns the holding as queryVoucherUsedInfo shows it.
 */
export function order(s: WaiqinState, input: OrderInput, now: number): VoucherUsedInfo {
  const holding = placeOrder(s, input, now);
  return voucherUsedInfo(holding, s.vouchers.get(holding.voucherId)!, s.customerIndex.byId.get(holding.customerId)!, now);
}

/** A customer with its attribute names resolved (the world listing, the dashboard's customer page). */
export function customerView(s: Readonly<WaiqinState>, c: Customer): WaiqinCustomerView {
  const nameOf = (list: ReadonlyArray<{ id: string; name: string }>, id: string) => list.find((x) => x.id === id)?.name ?? '';
  const district = s.districts.find((d) => d.id === c.districtId);
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    sourceCode: c.sourceCode,
    level: nameOf(s.levels, c.levelId),
    type: nameOf(s.types, c.typeId),
    dept: nameOf(s.depts, c.deptId),
    labels: c.labelIds.map((id) => nameOf(s.labels, id)),
    district: district?.name ?? '',
    districtCode: district?.code ?? '',
  };
}

/** The seeded master data and a summary of every voucher. */
export function worldView(s: Readonly<WaiqinState>, now: number): WaiqinWorld {
  const nameOf = (list: ReadonlyArray<{ id: string; name: string }>, id: string) => list.find((x) => x.id === id)?.name ?? '';
  const copy = <T extends object>(list: readonly T[]) => list.map((x) => ({ ...x }));
  return {
    levels: copy(s.levels),
    types: copy(s.types),
    depts: copy(s.depts),
    labels: copy(s.labels),
    districts: copy(s.districts),
    brands: copy(s.brands),
    productTypes: copy(s.productTypes),
    customers: s.customers.map((c) => customerView(s, c)),
    products: s.products.map((p) => ({ id: p.id, code: p.code, name: p.name, brand: nameOf(s.brands, p.brandId), type: nameOf(s.productTypes, p.typeId) })),
    vouchers: [...s.vouchers.values()].map((v) => {
      const held = holdingsOf(s, v.id);
      // Who holds what, so a user can pick a voucher and customer for POST /_sandbox/waiqin/orders.
      const holders = held.map((h) => {
        const c = s.customerIndex.byId.get(h.customerId);
        return {
          cmId: h.customerId,
          cmCode: c?.code ?? '',
          cmName: c?.name ?? '',
          useStatus: useStatus(h, v, now),
          ...(h.order ? { orderNo: h.order.no } : {}),
        };
      });
      return {
        id: v.id,
        name: v.name,
        startDate: v.startDate,
        endDate: v.endDate,
        isFinish: v.isFinish,
        num: v.num,
        received: held.length,
        used: usedCount(s, v.id),
        holders,
      };
    }),
  };
}
