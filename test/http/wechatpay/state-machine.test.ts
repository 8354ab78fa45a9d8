/**
 * Every coupon state against every action, legal and illegal, with the sandbox clock; an illegal
 * action leaves the coupon exactly as it was. Then the idempotency rules around those transitions.
 */
import { describe, expect, it } from 'vitest';
import { errorEntry, isErrorKey } from '../../../src/errors/catalogue.js';
import { APPID, expectError, paySandbox, stockBody, U0 } from './support.js';
import type { WechatpayErrorKey } from '../../../src/types/error-key.js';

type Ctx = ReturnType<typeof paySandbox>;
type State = 'SENDED' | 'USED' | 'EXPIRED' | 'DEACTIVATED' | 'DELETED';
type Action = 'use' | 'deactivate' | 'return' | 'delete';

const NOW = '2026-03-02T10:00:00+08:00';
/** Valid from before T0 to 2026-03-05 00:00 (Shanghai); EXPIRED once the clock passes that. */
const WINDOW = { available_begin_time: '2026-03-01T00:00:00+08:00', available_end_time: '2026-03-05T00:00:00+08:00' };
const AFTER_END = Date.parse('2026-03-05T00:00:01+08:00');

let seq = 0;
const no = (p: string) => `${p}-${++seq}`;

async function coupon(ctx: Ctx) {
  const rule = stockBody().coupon_use_rule;
  const stock = await ctx.call('POST', '/v3/marketing/busifavor/stocks', stockBody({ coupon_use_rule: { ...rule, coupon_available_time: WINDOW } }));
  const sent = await ctx.call('POST', '/v3/marketing/busifavor/coupons/send', {
    openid: U0,
    appid: APPID,
    stock_id: stock.json.stock_id,
    out_request_no: no('s'),
  });
  expect(sent.status, sent.text).toBe(200);
  return { stockId: stock.json.stock_id as string, code: sent.json.coupon_code as string };
}

const view = async (ctx: Ctx, code: string) => (await ctx.call('GET', `/v3/marketing/busifavor/users/${U0}/coupons/${code}/appids/${APPID}`)).json;

/** Runs an action and returns the answer's status, code and body (delete is the control route). */
async function act(ctx: Ctx, action: Action, c: { stockId: string; code: string }) {
  const base = { coupon_code: c.code, stock_id: c.stockId };
  if (action === 'delete') {
    const res = await ctx.sandbox.app.request(`/_sandbox/wechatpay/coupons/${c.code}/delete`, {
      method: 'POST',
      body: JSON.stringify({ stock_id: c.stockId }),
    });
    const body = await res.json();
    return { status: res.status, vendor: body.error?.vendor_error?.code as string | undefined };
  }
  const path = `/v3/marketing/busifavor/coupons/${action}`;
  const body =
    action === 'use'
      ? { ...base, appid: APPID, use_time: NOW, use_request_no: no('u') }
      : action === 'deactivate'
        ? { ...base, deactivate_request_no: no('d') }
        : { ...base, return_request_no: no('r') };
  return ctx.call('POST', path, body);
}

/** A coupon brought into `state` by legal moves only. */
async function couponIn(ctx: Ctx, state: State) {
  const c = await coupon(ctx);
  if (state === 'USED') expect((await act(ctx, 'use', c)).status).toBe(200);
  if (state === 'DEACTIVATED') expect((await act(ctx, 'deactivate', c)).status).toBe(200);
  if (state === 'DELETED') expect((await act(ctx, 'delete', c)).status).toBe(200);
  if (state === 'EXPIRED') ctx.sandbox.clock.set(AFTER_END);
  expect((await view(ctx, c.code)).coupon_state).toBe(state);
  return c;
}

/** [from, action, resulting state | catalogue key of the refusal]. */
const MATRIX: [State, Action, State | WechatpayErrorKey][] = [
  ['SENDED', 'use', 'USED'],
  ['SENDED', 'deactivate', 'DEACTIVATED'],
  ['SENDED', 'return', 'INVALID_REQUEST'],
  ['SENDED', 'delete', 'DELETED'],
  ['USED', 'use', 'COUPON_ALREADY_USED'],
  ['USED', 'deactivate', 'INVALID_REQUEST'],
  ['USED', 'return', 'SENDED'],
  ['USED', 'delete', 'INVALID_REQUEST'],
  ['EXPIRED', 'use', 'RULELIMIT'],
  ['EXPIRED', 'deactivate', 'INVALID_REQUEST'],
  ['EXPIRED', 'return', 'INVALID_REQUEST'],
  ['EXPIRED', 'delete', 'DELETED'],
  ['DEACTIVATED', 'use', 'INVALID_REQUEST'],
  ['DEACTIVATED', 'deactivate', 'INVALID_REQUEST'],
  ['DEACTIVATED', 'return', 'INVALID_REQUEST'],
  ['DEACTIVATED', 'delete', 'INVALID_REQUEST'],
  ['DELETED', 'use', 'INVALID_REQUEST'],
  ['DELETED', 'deactivate', 'INVALID_REQUEST'],
  ['DELETED', 'return', 'INVALID_REQUEST'],
  ['DELETED', 'delete', 'INVALID_REQUEST'],
];

describe('coupon state machine: every state x every action', () => {
  it.each(MATRIX)('%s + %s -> %s', async (from, action, outcome) => {
    const ctx = paySandbox();
    const c = await couponIn(ctx, from);
    const before = await view(ctx, c.code);
    const res = await act(ctx, action, c);
    // An outcome is the state reached, or the catalogued error refusing the action.
    if (!isErrorKey('wechatpay', outcome)) {
      expect(res.status).toBe(200);
      expect((await view(ctx, c.code)).coupon_state).toBe(outcome);
      return;
    }
    if (action === 'delete') expect(res).toEqual({ status: 409, vendor: errorEntry('wechatpay', outcome).code });
    else expectError(res as Awaited<ReturnType<Ctx['call']>>, outcome);
    // Refused: the coupon is exactly as it was.
    expect(await view(ctx, c.code)).toEqual(before);
  });

  it('EXPIRED is a matter of the clock: moving it back makes the coupon SENDED and usable again', async () => {
    const ctx = paySandbox();
    const c = await couponIn(ctx, 'EXPIRED');
    ctx.sandbox.clock.set(Date.parse('2026-03-04T23:59:59+08:00'));
    expect((await view(ctx, c.code)).coupon_state).toBe('SENDED');
    expect((await act(ctx, 'use', c)).status).toBe(200);
  });
});

describe('idempotency around transitions', () => {
  it('replays a use after the coupon was returned, without using it a second time', async () => {
    const ctx = paySandbox();
    const c = await coupon(ctx);
    const body = { coupon_code: c.code, stock_id: c.stockId, appid: APPID, use_time: NOW, use_request_no: 'same-use' };
    const first = await ctx.call('POST', '/v3/marketing/busifavor/coupons/use', body);
    expect(
      (await ctx.call('POST', '/v3/marketing/busifavor/coupons/return', { coupon_code: c.code, stock_id: c.stockId, return_request_no: 'ret' })).status,
    ).toBe(200);
    ctx.sandbox.clock.advance(60_000);
    const again = await ctx.call('POST', '/v3/marketing/busifavor/coupons/use', body);
    expect(again.json).toEqual(first.json);
    expect((await view(ctx, c.code)).coupon_state).toBe('SENDED');
  });

  it('does not remember a refused request: the same use_request_no succeeds once the window opens', async () => {
    const ctx = paySandbox();
    const rule = stockBody().coupon_use_rule;
    const stock = await ctx.call(
      'POST',
      '/v3/marketing/busifavor/stocks',
      stockBody({
        coupon_use_rule: {
          ...rule,
          coupon_available_time: { available_begin_time: '2026-03-03T00:00:00+08:00', available_end_time: '2026-03-09T00:00:00+08:00' },
        },
      }),
    );
    const sent = await ctx.call('POST', '/v3/marketing/busifavor/coupons/send', {
      openid: U0,
      appid: APPID,
      stock_id: stock.json.stock_id,
      out_request_no: no('s'),
    });
    const body = { coupon_code: sent.json.coupon_code, stock_id: stock.json.stock_id, appid: APPID, use_time: NOW, use_request_no: 'early' };
    expectError(await ctx.call('POST', '/v3/marketing/busifavor/coupons/use', body), 'RULELIMIT');
    ctx.sandbox.clock.set(Date.parse('2026-03-03T09:00:00+08:00'));
    expect((await ctx.call('POST', '/v3/marketing/busifavor/coupons/use', body)).status).toBe(200);
  });

  it('keeps request numbers per kind: the same string as out_request_no and use/deactivate/return numbers does not collide', async () => {
    const ctx = paySandbox();
    const rule = stockBody().coupon_use_rule;
    const stock = await ctx.call(
      'POST',
      '/v3/marketing/busifavor/stocks',
      stockBody({ out_request_no: 'X1', coupon_use_rule: { ...rule, coupon_available_time: WINDOW } }),
    );
    const sent = await ctx.call('POST', '/v3/marketing/busifavor/coupons/send', {
      openid: U0,
      appid: APPID,
      stock_id: stock.json.stock_id,
      out_request_no: 'X1',
    });
    expect(sent.status).toBe(200);
    const c = { coupon_code: sent.json.coupon_code, stock_id: stock.json.stock_id };
    expect((await ctx.call('POST', '/v3/marketing/busifavor/coupons/use', { ...c, appid: APPID, use_time: NOW, use_request_no: 'X1' })).status).toBe(200);
    expect((await ctx.call('POST', '/v3/marketing/busifavor/coupons/return', { ...c, return_request_no: 'X1' })).status).toBe(200);
    expect((await ctx.call('POST', '/v3/marketing/busifavor/coupons/deactivate', { ...c, deactivate_request_no: 'X1' })).status).toBe(200);
  });

  it('replays a send once the stock is exhausted, and refuses the same number for another stock', async () => {
    const ctx = paySandbox();
    const stock = await ctx.call('POST', '/v3/marketing/busifavor/stocks', stockBody({ stock_send_rule: { max_coupons: 1, max_coupons_per_user: 1 } }));
    const body = { openid: U0, appid: APPID, stock_id: stock.json.stock_id, out_request_no: 'only-one' };
    const first = await ctx.call('POST', '/v3/marketing/busifavor/coupons/send', body);
    expectError(await ctx.call('POST', '/v3/marketing/busifavor/coupons/send', { ...body, out_request_no: 'second' }), 'RULELIMIT_MAX_COUPONS');
    expect((await ctx.call('POST', '/v3/marketing/busifavor/coupons/send', body)).json).toEqual(first.json);
    expectError(await ctx.call('POST', '/v3/marketing/busifavor/coupons/send', { ...body, stock_id: '98065001' }), 'RESOURCE_ALREADY_EXISTS');
    const stockNow = await ctx.call('GET', `/v3/marketing/busifavor/stocks/${stock.json.stock_id}`);
    expect(stockNow.json.send_count_information.total_send_num).toBe(1);
  });
});

describe('times no Date can read', () => {
  it('answers PARAM_ERROR naming use_time for a leap second, and the coupon stays SENDED', async () => {
    const ctx = paySandbox();
    const c = await coupon(ctx);
    const before = await view(ctx, c.code);
    const res = await ctx.call('POST', '/v3/marketing/busifavor/coupons/use', {
      coupon_code: c.code,
      stock_id: c.stockId,
      appid: APPID,
      use_time: '2026-12-31T23:59:60Z',
      use_request_no: 'leap',
    });
    expectError(res, 'PARAM_ERROR');
    expect(res.json.detail).toMatchObject({ field: 'use_time', location: 'body' });
    expect(await view(ctx, c.code)).toEqual(before);
  });

  it('answers PARAM_ERROR naming the field for a leap second in a stock window, and creates nothing', async () => {
    const ctx = paySandbox();
    const before = ctx.sandbox.wechatpay.seededStocks().stocks.length;
    const rule = stockBody().coupon_use_rule;
    const res = await ctx.call(
      'POST',
      '/v3/marketing/busifavor/stocks',
      stockBody({
        coupon_use_rule: { ...rule, coupon_available_time: { available_begin_time: '2026-12-31T23:59:60Z', available_end_time: '2027-01-31T00:00:00+08:00' } },
      }),
    );
    expectError(res, 'PARAM_ERROR');
    expect(res.json.detail.field).toBe('coupon_use_rule.coupon_available_time.available_begin_time');
    expect(ctx.sandbox.wechatpay.seededStocks().stocks.length).toBe(before);
  });

  it('stores stock times as WeChat Pay answers them (+08:00, whole seconds)', async () => {
    const ctx = paySandbox();
    const rule = stockBody().coupon_use_rule;
    const res = await ctx.call(
      'POST',
      '/v3/marketing/busifavor/stocks',
      stockBody({
        coupon_use_rule: {
          ...rule,
          coupon_available_time: {
            available_begin_time: '2026-02-28T16:00:00.900Z',
            available_end_time: '2026-03-31T15:59:59Z',
            irregulary_avaliable_time: [{ begin_time: '2026-03-10T00:00:00-02:00', end_time: '2026-03-10T23:00:00-02:00' }],
          },
        },
      }),
    );
    const stock = await ctx.call('GET', `/v3/marketing/busifavor/stocks/${res.json.stock_id}`);
    expect(stock.json.coupon_use_rule.coupon_available_time).toEqual({
      available_begin_time: '2026-03-01T00:00:00+08:00',
      available_end_time: '2026-03-31T23:59:59+08:00',
      irregulary_avaliable_time: [{ begin_time: '2026-03-10T10:00:00+08:00', end_time: '2026-03-11T09:00:00+08:00' }],
    });
  });
});
