import type { SandboxWaiqinOrderRequest } from '../../types/sandbox/waiqin-order.request.js';
import type { WaiqinErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';
import { decimalText, toCents } from './money.js';
import { addHolding, heldBy, holdingsOf, oldestUnused, useHolding } from './indexes.js';
import { newId, type Customer, type Holding, type Order, type Voucher, type WaiqinState } from './model.js';
import { formatDate, formatDateTime, parseDateTime } from '../shanghai-time.js';
import { inCustomerRange } from './vouchers.js';

/** Receiving vouchers (receiveVoucherInfo, autoReceive) and using them in orders (the control action). */

const fail = (key: WaiqinErrorKey): never => {
  throw new VendorError('waiqin', key);
};

/** The customer by id, else code, else sourceCode (the page's order of the three). */
export function findCustomer(state: Readonly<WaiqinState>, who: { cmId?: string; cmCode?: string; cmSourceCode?: string }): Customer {
  const index = state.customerIndex;
  const found = who.cmId
    ? index.byId.get(who.cmId)
    : who.cmCode
      ? index.byCode.get(who.cmCode)
      : who.cmSourceCode
        ? index.bySourceCode.get(who.cmSourceCode)
        : undefined;
  return found ?? fail('CM_NOT_FOUND');
}

/** The voucher by id (wins), else by its exact name, which must be unique. */
export function findVoucher(state: Readonly<WaiqinState>, voucherId: string | undefined, voucherName: string | undefined): Voucher {
  if (voucherId) return state.vouchers.get(voucherId) ?? fail('VOUCHER_NOT_FOUND');
  const named = (voucherName === undefined ? undefined : state.vouchersByName.get(voucherName)) ?? [];
  if (named.length === 0) fail('VOUCHER_NOT_FOUND');
  if (named.length > 1) fail('VOUCHER_NAME_AMBIGUOUS');
  return named[0]!;
}

/**
 * Every rule of receiving, checked in the order a developer can act on: the voucher's state
 * (finished, not started, expired by the sandbox clock), the customer range, the total (num),
 * then the per-customer limit (eachCmNum).
 */
export function checkReceive(state: Readonly<WaiqinState>, v: Voucher, c: Customer, now: number): void {
  const today = formatDate(now);
  if (v.isFinish === 'Y') fail('VOUCHER_FINISHED');
  if (today < v.startDate) fail('VOUCHER_NOT_STARTED');
  if (today > v.endDate) fail('VOUCHER_EXPIRED');
  if (!inCustomerRange(v, c)) fail('CM_OUT_OF_RANGE');
  if (holdingsOf(state, v.id).length >= v.num) fail('VOUCHER_SOLD_OUT');
  if (heldBy(state, v.id, c.id) >= v.eachCmNum) fail('EACH_CM_LIMIT');
}

export function receive(state: WaiqinState, v: Voucher, c: Customer, now: number, receiveTime?: string): Holding {
  let receivedAt = now;
  if (receiveTime !== undefined) receivedAt = parseDateTime(receiveTime) ?? fail('DATETIME_FORMAT');
  checkReceive(state, v, c, now);
  const holding: Holding = { id: newId(state), voucherId: v.id, customerId: c.id, distributedAt: now, receivedAt };
  addHolding(state, holding);
  return holding;
}

/** autoReceive Y: each customer in range receives one, in customer order, while num lasts. */
export function autoDistribute(state: WaiqinState, v: Voucher, now: number): void {
  for (const c of state.customers) {
    if (holdingsOf(state, v.id).length >= v.num) break;
    if (inCustomerRange(v, c)) addHolding(state, { id: newId(state), voucherId: v.id, customerId: c.id, distributedAt: now, receivedAt: now });
  }
}

/** What the order control action takes: the generated type of schemas/sandbox/waiqin-order.request.json. */
export type OrderInput = SandboxWaiqinOrderRequest;

function inProductRange(state: Readonly<WaiqinState>, v: Voucher, codes: string[]): boolean {
  const products = codes.map((code) => state.products.find((p) => p.code === code) ?? fail('PROD_NOT_FOUND'));
  if (v.prodMode === 'ALL') return true;
  return products.some((p) =>
    v.prodMode === 'TYPE' ? v.prodTypeIds.includes(p.typeId) : v.prodMode === 'BRAND' ? v.brandIds.includes(p.brandId) : v.productIds.includes(p.id),
  );
}

/**
 * The discount an order gets: GDMZ the face value (at most the order amount); ZKBL the part the
 * customer does not pay (discountsPercent is the share paid: 0.85 = 85%, i.e. 15% off), capped by
 * maxDiscountsAmount.
 */
export function discountCents(v: Voucher, amountCents: number): number {
  if (v.discountsType === 'GDMZ') return Math.min(v.moneyCents ?? 0, amountCents);
  const [whole, frac = ''] = v.discountsPercent.split('.');
  const paidBasisPoints = Number(whole) * 10000 + Number((frac + '0000').slice(0, 4));
  const off = Math.round((amountCents * (10000 - paidBasisPoints)) / 10000);
  return v.maxDiscountsCents === null ? off : Math.min(off, v.maxDiscountsCents);
}

/** Places an order that uses the customer's oldest unused holding of the voucher. */
export function placeOrder(state: WaiqinState, input: OrderInput, now: number): Holding {
  const v = state.vouchers.get(input.voucherId) ?? fail('VOUCHER_NOT_FOUND');
  const c = findCustomer(state, input);
  const text = decimalText(input.amount, 2);
  if (text === undefined) throw new VendorError('waiqin', 'PARAM_ERROR');
  const amountCents = toCents(text);
  const holding = oldestUnused(state, v.id, c.id) ?? fail('HOLDING_NOT_FOUND');
  const today = formatDate(now);
  if (today < v.startDate) fail('VOUCHER_NOT_STARTED_USE');
  if (today > v.endDate) fail('VOUCHER_EXPIRED');
  const payType = input.payType ?? 'ONLINE';
  if (v.payType === 'ONLINE' && payType !== 'ONLINE') fail('PAY_TYPE_MISMATCH');
  if (v.doorsillType === 'Y' && amountCents < Math.round((v.doorsillAmount ?? 0) * 100)) fail('DOORSILL_NOT_MET');
  if (input.productCodes && !inProductRange(state, v, input.productCodes)) fail('PROD_OUT_OF_RANGE');
  const seq = state.orderSeq + 1;
  const no = input.orderNo ?? `DD${formatDateTime(now).slice(0, 10).replace(/-/g, '')}${String(seq).padStart(6, '0')}`;
  if (state.orderNos.has(no)) fail('ORDER_NO_DUPLICATE');
  // Every check passed: only now does anything change.
  state.orderSeq = seq;
  const order: Order = { id: newId(state), no, createdAt: now, amountCents, discountCents: discountCents(v, amountCents), payType };
  state.orderNos.add(no);
  useHolding(state, holding, order);
  return holding;
}
