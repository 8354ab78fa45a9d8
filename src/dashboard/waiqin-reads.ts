import type { Customer, Voucher, WaiqinState } from '../engine/waiqin/model.js';
import { customerView } from '../engine/waiqin/back-office.js';
import { holdingsOf, usedCount } from '../engine/waiqin/indexes.js';
import { useStatus, voucherInfo, voucherUsedInfo } from '../engine/waiqin/views.js';
import { formatDate } from '../engine/shanghai-time.js';
import type { EntityPage, ListPage, VendorOverview } from './view-model.js';

type S = Readonly<WaiqinState>;
type Window = { offset: number; limit: number };

const USE_STATUS: Record<string, string> = { '0': 'unused', '1': 'used', '2': 'expired' };
const VOUCHER_COLUMNS = ['id', 'name', 'status', 'startDate', 'endDate', 'num', 'received', 'used'];
const CUSTOMER_COLUMNS = ['id', 'code', 'name', 'sourceCode', 'holdings'];
const HOLDING_COLUMNS = ['voucher', 'customer', 'receivedAt', 'use_status', 'order'];

/** A voucher's status on the sandbox clock: finished, not started, ended or active. */
export function voucherStatus(v: Voucher, nowMs: number): string {
  if (v.isFinish === 'Y') return 'finished';
  const today = formatDate(nowMs);
  if (today < v.startDate) return 'not started';
  return today > v.endDate ? 'ended' : 'active';
}

/** How many holdings one customer has, of every voucher (vouchers are few; holdings are indexed per customer). */
function holdingsOfCustomer(s: S, customerId: string) {
  return [...s.holdings.entries()].flatMap(([voucherId, held]) =>
    (held.byCustomer.get(customerId)?.list ?? []).map((h) => ({ h, v: s.vouchers.get(voucherId)! })),
  );
}

export function waiqinOverview(s: S, nowMs: number): VendorOverview {
  const vouchers: Record<string, number> = {};
  const holdings: Record<string, number> = {};
  const holders = new Set<string>();
  for (const v of s.vouchers.values()) {
    const status = voucherStatus(v, nowMs);
    vouchers[status] = (vouchers[status] ?? 0) + 1;
    for (const h of holdingsOf(s, v.id)) {
      const use = USE_STATUS[useStatus(h, v, nowMs)]!;
      holdings[use] = (holdings[use] ?? 0) + 1;
      holders.add(h.customerId);
    }
  }
  return {
    vendor: 'waiqin',
    title: 'waiqin365 vouchers',
    counts: [
      { label: 'Vouchers by status', values: vouchers },
      { label: 'Holdings by use status', values: holdings },
      { label: "Customers' holdings", values: { 'customers holding a voucher': holders.size, 'customers holding none': s.customers.length - holders.size } },
    ],
    lists: ['vouchers', 'customers'],
  };
}

function voucherRow(s: S, v: Voucher, nowMs: number): ListPage['rows'][number] {
  return {
    ref: { kind: 'voucher', id: v.id },
    cells: {
      id: v.id,
      name: v.name,
      status: voucherStatus(v, nowMs),
      startDate: v.startDate,
      endDate: v.endDate,
      num: v.num,
      received: holdingsOf(s, v.id).length,
      used: usedCount(s, v.id),
    },
  };
}

function customerRow(s: S, c: Customer): ListPage['rows'][number] {
  return {
    ref: { kind: 'customer', id: c.id },
    cells: { id: c.id, code: c.code, name: c.name, sourceCode: c.sourceCode, holdings: holdingsOfCustomer(s, c.id).length },
  };
}

/** Vouchers: by id (the map), by exact name (the name index), else names containing the query. */
export function waiqinVouchers(s: S, q: string | undefined, window: Window, nowMs: number): ListPage {
  const query = q?.trim() ?? '';
  const exact = s.vouchers.get(query);
  const found =
    query === '' ? [...s.vouchers.values()] : exact ? [exact] : (s.vouchersByName.get(query) ?? [...s.vouchers.values()].filter((v) => v.name.includes(query)));
  return {
    kind: 'vouchers',
    searchBy: ['id or name'],
    q,
    total: found.length,
    ...window,
    columns: VOUCHER_COLUMNS,
    rows: found.slice(window.offset, window.offset + window.limit).map((v) => voucherRow(s, v, nowMs)),
  };
}

/** Customers: by id, code or sourceCode (the customer index), else names containing the query. */
export function waiqinCustomers(s: S, q: string | undefined, window: Window): ListPage {
  const query = q?.trim() ?? '';
  const index = s.customerIndex;
  const exact = index.byId.get(query) ?? index.byCode.get(query) ?? index.bySourceCode.get(query);
  const found = query === '' ? s.customers : exact ? [exact] : s.customers.filter((c) => c.name.includes(query));
  return {
    kind: 'customers',
    searchBy: ['id, code, sourceCode or name'],
    q,
    total: found.length,
    ...window,
    columns: CUSTOMER_COLUMNS,
    rows: found.slice(window.offset, window.offset + window.limit).map((c) => customerRow(s, c)),
  };
}

function holdingRows(s: S, list: { h: Parameters<typeof useStatus>[0]; v: Voucher }[], nowMs: number, link: 'voucher' | 'customer'): ListPage['rows'] {
  return list.slice(0, 50).map(({ h, v }) => {
    const c = s.customerIndex.byId.get(h.customerId)!;
    return {
      ref: link === 'voucher' ? { kind: 'voucher' as const, id: v.id } : { kind: 'customer' as const, id: c.id },
      cells: {
        voucher: v.name,
        customer: `${c.code} ${c.name}`,
        receivedAt: new Date(h.receivedAt).toISOString(),
        use_status: USE_STATUS[useStatus(h, v, nowMs)]!,
        order: h.order?.no ?? null,
      },
    };
  });
}

const receive = (voucherId: string, cmCode: string) => ({
  label: 'Customer receives it',
  kind: 'operation' as const,
  operation: 'waiqin.receiveVoucherInfo',
  input: { voucherId },
  ask: [{ name: 'cmCode', label: 'Customer code', value: cmCode }],
});

const placeOrder = (voucherId: string, cmCode: string) => ({
  label: 'Place an order using it',
  kind: 'control' as const,
  path: '/_sandbox/waiqin/orders',
  body: { voucherId },
  ask: [
    { name: 'cmCode', label: 'Customer code', value: cmCode },
    { name: 'amount', label: 'Order amount (yuan)', value: '100.00' },
  ],
});

/** A voucher's page: getVoucherInfos' item, its holdings (queryVoucherUsedInfo rows), receive and order. */
export function waiqinVoucher(s: S, id: string, nowMs: number): EntityPage | undefined {
  const v = s.vouchers.get(id);
  if (!v) return undefined;
  const held = holdingsOf(s, id);
  const firstCustomer = s.customers[0]?.code ?? '';
  return {
    ref: { kind: 'voucher', id },
    vendor: 'waiqin',
    title: `Voucher ${v.name}`,
    state: voucherStatus(v, nowMs),
    facts: { id, startDate: v.startDate, endDate: v.endDate, num: v.num, eachCmNum: v.eachCmNum, received: held.length, used: usedCount(s, id) },
    fields: voucherInfo(s, v),
    fieldsFrom: 'waiqin.getVoucherInfos',
    related: [
      {
        label: `Holdings (${held.length}, first 50)`,
        rows: holdingRows(
          s,
          held.map((h) => ({ h, v })),
          nowMs,
          'customer',
        ),
        columns: HOLDING_COLUMNS,
      },
      {
        label: 'As queryVoucherUsedInfo lists them (first 5)',
        rows: held.slice(0, 5).map((h) => ({
          ref: { kind: 'customer', id: h.customerId },
          cells: { row: JSON.stringify(voucherUsedInfo(h, v, s.customerIndex.byId.get(h.customerId)!, nowMs)) },
        })),
        columns: ['row'],
      },
    ],
    actions: [receive(id, firstCustomer), placeOrder(id, firstCustomer)],
    historyQuery: id,
  };
}

/** A customer's page: the master data, every holding, receive a voucher, place an order. */
export function waiqinCustomer(s: S, id: string, nowMs: number): EntityPage | undefined {
  const c = s.customerIndex.byId.get(id) ?? s.customerIndex.byCode.get(id);
  if (!c) return undefined;
  const held = holdingsOfCustomer(s, c.id);
  const firstVoucher = [...s.vouchers.values()].find((v) => voucherStatus(v, nowMs) === 'active')?.id ?? '';
  const withVoucher = (act: ReturnType<typeof receive> | ReturnType<typeof placeOrder>) => ({
    ...act,
    [act.kind === 'control' ? 'body' : 'input']: { cmCode: c.code },
    ask: [{ name: 'voucherId', label: 'Voucher id', value: firstVoucher }, ...act.ask.filter((f) => f.name !== 'cmCode')],
  });
  return {
    ref: { kind: 'customer', id: c.id },
    vendor: 'waiqin',
    title: `Customer ${c.name}`,
    state: held.length > 0 ? `${held.length} holdings` : 'no holdings',
    facts: { id: c.id, code: c.code, sourceCode: c.sourceCode, holdings: held.length, used: held.filter(({ h }) => h.order).length },
    fields: customerView(s, c),
    fieldsFrom: 'the tenant master data (GET /_sandbox/waiqin/world)',
    related: [{ label: `Holdings (${held.length}, first 50)`, rows: holdingRows(s, held, nowMs, 'voucher'), columns: HOLDING_COLUMNS }],
    actions: [withVoucher(receive('', c.code)), withVoucher(placeOrder('', c.code))],
    historyQuery: c.id,
  };
}
