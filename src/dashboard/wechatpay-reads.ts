import { couponKey, couponView } from '../engine/wechatpay/coupon-view.js';
import { APPIDS, TEST_OPENIDS } from '../engine/wechatpay/identities.js';
import type { Coupon, Stock, WechatPayState } from '../engine/wechatpay/model.js';
import { stockView } from '../engine/wechatpay/stocks.js';
import { effectiveState } from '../engine/wechatpay/validity.js';
import { formatRfc3339 } from '../engine/shanghai-time.js';
import type { ActionField, EntityAction, EntityPage, ListPage, VendorOverview } from './view-model.js';

type S = Readonly<WechatPayState>;
type Window = { offset: number; limit: number };

const STOCK_COLUMNS = ['stock_id', 'stock_name', 'stock_type', 'stock_state', 'sent', 'creator'];
const COUPON_COLUMNS = ['coupon_code', 'stock_id', 'openid', 'coupon_state', 'expire_time'];

/** Stocks by state, coupons by the state the API would report now (EXPIRED derived from the clock). */
export function wechatpayOverview(s: S, nowMs: number): VendorOverview {
  const stocks: Record<string, number> = {};
  for (const stock of s.stocks.values()) stocks[stock.state] = (stocks[stock.state] ?? 0) + 1;
  const coupons: Record<string, number> = {};
  for (const coupon of s.coupons.values()) {
    const state = effectiveState(coupon, nowMs);
    coupons[state] = (coupons[state] ?? 0) + 1;
  }
  return {
    vendor: 'wechatpay',
    title: 'WeChat Pay v3 busifavor',
    counts: [
      { label: 'Stocks by state', values: stocks },
      { label: 'Coupons by state', values: coupons },
      { label: 'Wallets', values: { users: s.byUser.size } },
    ],
    lists: ['stocks', 'coupons'],
  };
}

function stockRow(stock: Stock): ListPage['rows'][number] {
  return {
    ref: { kind: 'stock', id: stock.stock_id },
    cells: {
      stock_id: stock.stock_id,
      stock_name: stock.spec.stock_name,
      stock_type: stock.spec.stock_type,
      stock_state: stock.state,
      sent: stock.sent_total,
      creator: stock.creator_merchant,
    },
  };
}

function couponRow(coupon: Coupon, nowMs: number): ListPage['rows'][number] {
  return {
    ref: { kind: 'coupon', id: coupon.coupon_code, params: { stock_id: coupon.stock_id } },
    cells: {
      coupon_code: coupon.coupon_code,
      stock_id: coupon.stock_id,
      openid: coupon.openid,
      coupon_state: effectiveState(coupon, nowMs),
      expire_time: formatRfc3339(coupon.expire_time),
    },
  };
}

/** Stocks whose id or name contains the query. */
export function wechatpayStocks(s: S, q: string | undefined, window: Window): ListPage {
  const needle = q?.trim().toLowerCase();
  const all = [...s.stocks.values()];
  const found = needle ? all.filter((x) => x.stock_id.includes(needle) || x.spec.stock_name.toLowerCase().includes(needle)) : all;
  return {
    kind: 'stocks',
    searchBy: ['stock_id or name'],
    q,
    total: found.length,
    ...window,
    columns: STOCK_COLUMNS,
    rows: found.slice(window.offset, window.offset + window.limit).map(stockRow),
  };
}

export const COUPON_SEARCH = ['coupon_code', 'openid', 'stock'] as const;

/**
 * Coupons through the engine's indexes: by coupon_code (`byCode`), by openid (`byUser`); by stock,
 * one pass over the coupons (no operation reads a stock's coupons, so the engine keeps no index).
 */
export function wechatpayCoupons(s: S, q: string | undefined, by: string | undefined, window: Window, nowMs: number): ListPage {
  const query = q?.trim() ?? '';
  const base = { kind: 'coupons' as const, searchBy: [...COUPON_SEARCH], q, ...window, columns: COUPON_COLUMNS };
  const page = (keys: readonly string[], used?: string): ListPage => ({
    ...base,
    by: used,
    total: keys.length,
    rows: keys.slice(window.offset, window.offset + window.limit).map((key) => couponRow(s.coupons.get(key)!, nowMs)),
  });
  if (query === '') {
    const rows: ListPage['rows'] = [];
    let i = 0;
    for (const coupon of s.coupons.values()) {
      if (i >= window.offset + window.limit) break;
      if (i++ >= window.offset) rows.push(couponRow(coupon, nowMs));
    }
    return { ...base, total: s.coupons.size, rows };
  }
  const tries = by && (COUPON_SEARCH as readonly string[]).includes(by) ? [by] : [...COUPON_SEARCH];
  for (const field of tries) {
    const keys = field === 'coupon_code' ? s.byCode.get(query) : field === 'openid' ? s.byUser.get(query) : keysOfStock(s, query);
    if (keys) return page(keys, field);
  }
  return page([], by);
}

function keysOfStock(s: S, stockId: string): string[] | undefined {
  if (!s.stocks.has(stockId)) return undefined;
  const keys: string[] = [];
  for (const [key, coupon] of s.coupons) if (coupon.stock_id === stockId) keys.push(key);
  return keys;
}

const operation = (label: string, op: string, as: string, input: Record<string, unknown>, ask?: ActionField[]): EntityAction => ({
  label,
  kind: 'operation',
  operation: op,
  as,
  input,
  ...(ask && { ask }),
});

/** A stock's page: query-stock's answer, its coupons, send, and the back-office state moves. */
export function wechatpayStock(s: S, stockId: string, nowMs: number): EntityPage | undefined {
  const stock = s.stocks.get(stockId);
  if (!stock) return undefined;
  const coupons = wechatpayCoupons(s, stockId, 'stock', { offset: 0, limit: 20 }, nowMs);
  const move = (label: string, state: string): EntityAction => ({
    label,
    kind: 'control',
    path: `/_sandbox/wechatpay/stocks/${encodeURIComponent(stockId)}/state`,
    body: { state },
  });
  return {
    ref: { kind: 'stock', id: stockId },
    vendor: 'wechatpay',
    title: `Stock ${stock.spec.stock_name}`,
    state: stock.state,
    facts: {
      stock_id: stockId,
      creator: stock.creator_merchant,
      code_mode: stock.spec.coupon_code_mode ?? null,
      sent: stock.sent_total,
      coupons: coupons.total,
    },
    fields: stockView(stock, nowMs),
    fieldsFrom: 'wechatpay.busifavor-query-stock',
    related: [{ label: `Coupons of this stock (${coupons.total}, first 20)`, rows: coupons.rows, columns: coupons.columns }],
    actions: [
      operation('Send a coupon', 'wechatpay.busifavor-send-coupon', stock.creator_merchant, { stock_id: stockId, out_request_no: '$request_no' }, [
        { name: 'openid', label: 'To openid', value: TEST_OPENIDS[0] },
        { name: 'appid', label: 'appid', value: APPIDS[0] },
      ]),
      move('Review passed (RUNNING)', 'RUNNING'),
      move('Pause', 'PAUSED'),
      move('Stop (final)', 'STOPED'),
    ],
    historyQuery: stockId,
  };
}

/** A coupon's page: the coupon as query-coupon returns it, use / deactivate / return / delete. */
export function wechatpayCoupon(s: S, code: string, stockId: string | undefined, nowMs: number): EntityPage | undefined {
  const key = stockId ? couponKey(stockId, code) : s.byCode.get(code)?.[0];
  const coupon = key === undefined ? undefined : s.coupons.get(key);
  if (!coupon) return undefined;
  const stock = s.stocks.get(coupon.stock_id)!;
  const as = stock.creator_merchant;
  const target = { coupon_code: code, stock_id: coupon.stock_id };
  return {
    ref: { kind: 'coupon', id: code, params: { stock_id: coupon.stock_id } },
    vendor: 'wechatpay',
    title: `Coupon ${code}`,
    state: effectiveState(coupon, nowMs),
    facts: {
      openid: coupon.openid,
      appid: coupon.appid,
      stock_id: coupon.stock_id,
      sender: coupon.sender_merchant,
      available_from: formatRfc3339(coupon.available_start_time),
      expires: formatRfc3339(coupon.expire_time),
      associated_trade_no: coupon.associated_trade_no ?? null,
    },
    fields: couponView(coupon, stock, nowMs, false),
    fieldsFrom: 'wechatpay.busifavor-query-coupon',
    related: [{ label: 'Stock', rows: [stockRow(stock)], columns: STOCK_COLUMNS }],
    actions: [
      operation('Use', 'wechatpay.busifavor-use-coupon', as, {
        ...target,
        appid: coupon.appid,
        openid: coupon.openid,
        use_time: '$now',
        use_request_no: '$request_no',
      }),
      operation('Deactivate', 'wechatpay.busifavor-deactivate-coupon', as, { ...target, deactivate_request_no: '$request_no' }, [
        { name: 'deactivate_reason', label: 'Reason', value: 'deactivated in the dashboard' },
      ]),
      operation('Return (undo use)', 'wechatpay.busifavor-return-coupon', as, { ...target, return_request_no: '$request_no' }),
      {
        label: 'User deletes it',
        kind: 'control',
        path: `/_sandbox/wechatpay/coupons/${encodeURIComponent(code)}/delete`,
        body: { stock_id: coupon.stock_id },
      },
    ],
    historyQuery: code,
  };
}
