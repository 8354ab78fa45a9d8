import type { Customer, Holding, Order, Voucher, WaiqinState } from './model.js';

/**
 * The waiqin365 state's indexes, kept by the only functions that add to it, so that no operation
 * scans every holding or voucher: receiving, ordering and listing cost what the one voucher or
 * customer they name holds, however many the tenant has.
 */

/** One customer's holdings of one voucher, in receipt order. */
export interface CustomerHoldings {
  list: Holding[];
  /** Holdings before this one are all used (orders use the oldest unused first and are never undone). */
  unusedFrom: number;
}

/** Everything one voucher was received as. */
export interface VoucherHoldings {
  /** In receipt order (queryVoucherUsedInfo's order). */
  all: Holding[];
  /** Customer id -> holdings; key order is the order of first receipt (getCmInfos' order). */
  byCustomer: Map<string, CustomerHoldings>;
  /** How many have been used in an order. */
  used: number;
}

/** Customers by id, code and sourceCode (master data: built once at seed time). */
export interface CustomerIndex {
  byId: Map<string, Customer>;
  byCode: Map<string, Customer>;
  bySourceCode: Map<string, Customer>;
}

export function indexCustomers(customers: readonly Customer[]): CustomerIndex {
  const index: CustomerIndex = { byId: new Map(), byCode: new Map(), bySourceCode: new Map() };
  for (const c of customers) {
    index.byId.set(c.id, c);
    if (!index.byCode.has(c.code)) index.byCode.set(c.code, c);
    if (c.sourceCode !== '' && !index.bySourceCode.has(c.sourceCode)) index.bySourceCode.set(c.sourceCode, c);
  }
  return index;
}

/** Stores a voucher (the one place vouchers are added). */
export function addVoucher(state: WaiqinState, voucher: Voucher): void {
  state.vouchers.set(voucher.id, voucher);
  const named = state.vouchersByName.get(voucher.name);
  if (named) named.push(voucher);
  else state.vouchersByName.set(voucher.name, [voucher]);
}

const NONE: readonly Holding[] = [];

/** The voucher's holdings in receipt order. */
export function holdingsOf(state: Readonly<WaiqinState>, voucherId: string): readonly Holding[] {
  return state.holdings.get(voucherId)?.all ?? NONE;
}

/** How many holdings of the voucher one customer has (any status). */
export function heldBy(state: Readonly<WaiqinState>, voucherId: string, customerId: string): number {
  return state.holdings.get(voucherId)?.byCustomer.get(customerId)?.list.length ?? 0;
}

/** Stores a holding (the one place holdings are added). */
export function addHolding(state: WaiqinState, holding: Holding): void {
  let voucher = state.holdings.get(holding.voucherId);
  if (!voucher) {
    voucher = { all: [], byCustomer: new Map(), used: 0 };
    state.holdings.set(holding.voucherId, voucher);
  }
  voucher.all.push(holding);
  let mine = voucher.byCustomer.get(holding.customerId);
  if (!mine) {
    mine = { list: [], unusedFrom: 0 };
    voucher.byCustomer.set(holding.customerId, mine);
  }
  mine.list.push(holding);
  if (holding.order) voucher.used += 1;
}

/** The customer's oldest unused holding of the voucher, if any (amortised O(1)). */
export function oldestUnused(state: WaiqinState, voucherId: string, customerId: string): Holding | undefined {
  const mine = state.holdings.get(voucherId)?.byCustomer.get(customerId);
  if (!mine) return undefined;
  while (mine.unusedFrom < mine.list.length && mine.list[mine.unusedFrom]!.order) mine.unusedFrom++;
  return mine.list[mine.unusedFrom];
}

/** Records the order that used a holding. */
export function useHolding(state: WaiqinState, holding: Holding, order: Order): void {
  holding.order = order;
  state.holdings.get(holding.voucherId)!.used += 1;
}

/** How many of the voucher's holdings were used. */
export function usedCount(state: Readonly<WaiqinState>, voucherId: string): number {
  return state.holdings.get(voucherId)?.used ?? 0;
}
