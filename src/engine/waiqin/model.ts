import type { Random } from '../random.js';
import type { CustomerIndex, VoucherHoldings } from './indexes.js';

/** A customer attribute the vendor lets a voucher's customer range name (level, type, dept, label). */
export interface Named {
  id: string;
  name: string;
}

/** A sales district (销售区域) has a code too. */
export interface District extends Named {
  code: string;
}

/** A customer (终端/客户) of the tenant. The voucher API cannot create them: they are seeded master data. */
export interface Customer {
  id: string;
  /** 客户编码, e.g. CUS010043. */
  code: string;
  name: string;
  /** 客户SourceCode: the id in the tenant's own system; '' when none. */
  sourceCode: string;
  levelId: string;
  typeId: string;
  deptId: string;
  labelIds: string[];
  districtId: string;
}

export interface Product {
  id: string;
  code: string;
  name: string;
  brandId: string;
  typeId: string;
}

export type DiscountsType = 'GDMZ' | 'ZKBL';
export type ProdMode = 'ALL' | 'TYPE' | 'BRAND' | 'PRODUCT';

/** The customer range of a voucher, as resolved ids. tradeRange 1 uses the five lists, 2 uses customerIds. */
export interface CustomerRange {
  levelIds: string[];
  typeIds: string[];
  deptIds: string[];
  labelIds: string[];
  districtIds: string[];
  customerIds: string[];
}

export interface Voucher {
  /** Long numeric id (19 digits like the page's examples), kept as text: it exceeds 2^53. */
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  /** 面值 in cents; null for a ZKBL voucher created without one. */
  moneyCents: number | null;
  num: number;
  eachCmNum: number;
  doorsillType: 'Y' | 'N';
  /** 使用门槛金额 (NUMERIC(20,8)); null when doorsillType is N. */
  doorsillAmount: number | null;
  payType: 'UNLIMITED' | 'ONLINE';
  remark: string;
  grantType: 'ZDLQ' | 'HDFF' | 'THIRDPARTY';
  tradeRange: '1' | '2';
  range: CustomerRange;
  prodMode: ProdMode;
  prodTypeIds: string[];
  brandIds: string[];
  productIds: string[];
  /** Product ids that must be in the order (XF vouchers only), see requiredType. */
  requiredProductIds: string[];
  businessFromName: string;
  comment: string;
  autoReceive: 'Y' | 'N';
  discountsType: DiscountsType;
  /** 折扣比例 as sent ("0.85"), '' for GDMZ. */
  discountsPercent: string;
  /** 最大优惠金额 in cents; null for none. */
  maxDiscountsCents: number | null;
  /** ZZ 系统自建 (also what the API creates), XF 互联下发. */
  sourceFrom: 'ZZ' | 'XF';
  /** create_type of queryVoucherUsedInfo: ZZ, XF, or OPENAPI (created through addVoucherInfo). */
  createType: 'ZZ' | 'XF' | 'OPENAPI';
  isFinish: 'Y' | 'N';
  requiredType: '0' | 'ANYONE' | 'ALL';
  createdAt: number;
  modifiedAt: number;
}

/** A completed order that used a holding. */
export interface Order {
  id: string;
  no: string;
  createdAt: number;
  amountCents: number;
  /** 实际优惠金额. */
  discountCents: number;
  payType: 'ONLINE' | 'OFFLINE';
}

/** One voucher held by one customer (优惠券详情). */
export interface Holding {
  id: string;
  voucherId: string;
  customerId: string;
  /** 发放时间: when the sandbox recorded it. */
  distributedAt: number;
  /** 领用时间: receiveTime when the client sent one, else distributedAt. */
  receivedAt: number;
  order?: Order;
}

/** 0 未使用, 1 已使用, 2 已过期 (unused after endDate, by the sandbox clock). */
export type UseStatus = '0' | '1' | '2';

export interface WaiqinState {
  levels: Named[];
  types: Named[];
  depts: Named[];
  labels: Named[];
  districts: District[];
  brands: Named[];
  productTypes: Named[];
  customers: Customer[];
  products: Product[];
  /** Customers by id, code and sourceCode. */
  customerIndex: CustomerIndex;
  /** In creation order (getVoucherInfos pages in this order). Added only through addVoucher. */
  vouchers: Map<string, Voucher>;
  /** Voucher name -> the vouchers of that name, in creation order. */
  vouchersByName: Map<string, Voucher[]>;
  /** Voucher id -> its holdings. Added only through addHolding. */
  holdings: Map<string, VoucherHoldings>;
  orderNos: Set<string>;
  /** Id source; lives in the state so that a reset replays the same ids. */
  random: Random;
  usedIds: Set<string>;
  orderSeq: number;
}

/** A fresh 19-digit id below 2^63 (a Java long, like every id on the vendor page). */
export function newId(state: WaiqinState): string {
  for (;;) {
    const id = String(state.random.int(1, 8)) + state.random.digits(18);
    if (!state.usedIds.has(id)) {
      state.usedIds.add(id);
      return id;
    }
  }
}
