import { describe, expect, it } from 'vitest';
import { APPID, expectError, MINI_APPID, paySandbox, SEEDED, stockBody, U0, U1, vendorError } from './support.js';
import { payList } from '../../support/state-reads.js';
import type { WechatpayErrorKey } from '../../../src/types/error-key.js';

const USE = '/v3/marketing/busifavor/coupons/use';
const DEACTIVATE = '/v3/marketing/busifavor/coupons/deactivate';
const RETURN = '/v3/marketing/busifavor/coupons/return';
const NOW = '2026-03-02T10:00:00+08:00';

type Ctx = ReturnType<typeof paySandbox>;

/** A fresh SENDED coupon of a new stock (optionally with extra stock fields). */
async function freshCoupon({ call }: Ctx, over: Record<string, unknown> = {}, openid = U0) {
  const stock = await call('POST', '/v3/marketing/busifavor/stocks', stockBody(over));
  expect(stock.status, stock.text).toBe(200);
  const sent = await call('POST', '/v3/marketing/busifavor/coupons/send', {
    openid,
    appid: APPID,
    stock_id: stock.json.stock_id,
    out_request_no: `s-${Math.random()}`,
  });
  expect(sent.status, sent.text).toBe(200);
  return { stockId: stock.json.stock_id as string, code: sent.json.coupon_code as string };
}

const stateOf = async ({ call }: Ctx, code: string, openid = U0, appid = APPID) =>
  (await call('GET', `/v3/marketing/busifavor/users/${openid}/coupons/${code}/appids/${appid}`)).json.coupon_state;

/** A seeded coupon of a user in a given state (and stock). */
function seeded(ctx: Ctx, openid: string, state: string, stockId?: string, appid = APPID) {
  const list = payList(ctx.sandbox, {
    openid,
    appid,
    creator_merchant: '1230000109',
    coupon_state: state as 'SENDED',
    limit: 50,
    ...(stockId && { stock_id: stockId }),
  });
  expect(list.data.length, `a seeded ${state} coupon`).toBeGreaterThan(0);
  return list.data[0]!;
}

describe('use coupon', () => {
  it('uses a SENDED coupon: SENDED -> USED with use_request_no and use_time', async () => {
    const ctx = paySandbox();
    const { stockId, code } = await freshCoupon(ctx);
    const used = await ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: 'use-1', openid: U0 });
    expect(used.json).toEqual({ stock_id: stockId, openid: U0, wechatpay_use_time: NOW });
    const coupon = await ctx.call('GET', `/v3/marketing/busifavor/users/${U0}/coupons/${code}/appids/${APPID}`);
    expect(coupon.json).toMatchObject({ coupon_state: 'USED', use_request_no: 'use-1', use_time: NOW });
  });

  it('works without stock_id for a WECHATPAY_MODE code', async () => {
    const ctx = paySandbox();
    const { code } = await freshCoupon(ctx);
    expect((await ctx.call('POST', USE, { coupon_code: code, appid: APPID, use_time: NOW, use_request_no: 'u' })).status).toBe(200);
  });

  it('replays a repeated use_request_no with the same body; another body is RESOURCE_ALREADY_EXISTS', async () => {
    const ctx = paySandbox();
    const { stockId, code } = await freshCoupon(ctx);
    const body = { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: 'use-r' };
    const first = await ctx.call('POST', USE, body);
    ctx.sandbox.clock.advance(30_000);
    const again = await ctx.call('POST', USE, body);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expectError(await ctx.call('POST', USE, { ...body, use_time: '2026-03-02T10:00:30+08:00' }), 'RESOURCE_ALREADY_EXISTS');
  });

  it('answers COUPON_ALREADY_USED (400 RESOURCE_ALREADY_EXISTS) when used again with another use_request_no', async () => {
    const ctx = paySandbox();
    const { stockId, code } = await freshCoupon(ctx);
    await ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: 'a' });
    expectError(await ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: 'b' }), 'COUPON_ALREADY_USED');
  });

  it.each<[string, Record<string, string>, WechatpayErrorKey]>([
    ['an unknown code', { coupon_code: '0000000000000000000000' }, 'COUPON_NOT_EXISTS'],
    ['an unknown stock', { stock_id: '5' }, 'STOCK_NOT_EXISTS'],
    ['another user as openid', { openid: U1 }, 'COUPON_NOT_EXISTS'],
    ['another bound appid', { appid: MINI_APPID }, 'COUPON_NOT_EXISTS'],
    ['an unbound appid', { appid: 'wx0000000000000000' }, 'APPID_MCHID_NOT_MATCH'],
    ['an unknown openid', { openid: 'x' }, 'USER_NOT_EXISTS'],
  ])('answers the vendor error for %s and leaves the coupon SENDED', async (_name, over, key) => {
    const ctx = paySandbox();
    const { stockId, code } = await freshCoupon(ctx);
    expectError(
      await ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: 'e', openid: U0, ...over }),
      key,
    );
    expect(await stateOf(ctx, code)).toBe('SENDED');
  });

  it('answers RULELIMIT before available_begin_time and after expiry (EXPIRED)', async () => {
    const ctx = paySandbox();
    const rule = stockBody().coupon_use_rule;
    const { stockId, code } = await freshCoupon(ctx, {
      coupon_use_rule: {
        ...rule,
        coupon_available_time: { available_begin_time: '2026-03-05T00:00:00+08:00', available_end_time: '2026-03-06T00:00:00+08:00' },
      },
    });
    const use = (n: string) => ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: n });
    expectError(await use('early'), 'RULELIMIT');
    ctx.sandbox.clock.set(Date.parse('2026-03-06T00:00:01+08:00'));
    expect(await stateOf(ctx, code)).toBe('EXPIRED');
    expectError(await use('late'), 'RULELIMIT');
    ctx.sandbox.clock.set(Date.parse('2026-03-05T12:00:00+08:00'));
    expect((await use('ok')).status).toBe(200);
  });

  it('honours the weekly window: week days and time of day (Asia/Shanghai)', async () => {
    const ctx = paySandbox();
    const rule = stockBody().coupon_use_rule;
    const { stockId, code } = await freshCoupon(ctx, {
      coupon_use_rule: {
        ...rule,
        coupon_available_time: {
          ...rule.coupon_available_time,
          available_week: { week_day: [2, 3], available_day_time: [{ begin_time: 12 * 3600, end_time: 14 * 3600 }] },
        },
      },
    });
    const useAt = (iso: string, n: string) => {
      ctx.sandbox.clock.set(Date.parse(iso));
      return ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: iso, use_request_no: n });
    };
    expectError(await useAt('2026-03-02T13:00:00+08:00', 'monday'), 'RULELIMIT'); // Monday
    expectError(await useAt('2026-03-03T11:59:59+08:00', 'too-early'), 'RULELIMIT'); // Tuesday, before 12:00
    expectError(await useAt('2026-03-03T14:00:01+08:00', 'too-late'), 'RULELIMIT');
    expect((await useAt('2026-03-03T12:30:00+08:00', 'tuesday-noon')).status).toBe(200);
  });

  it('honours irregular windows', async () => {
    const ctx = paySandbox();
    const rule = stockBody().coupon_use_rule;
    const { stockId, code } = await freshCoupon(ctx, {
      coupon_use_rule: {
        ...rule,
        coupon_available_time: {
          ...rule.coupon_available_time,
          irregulary_avaliable_time: [{ begin_time: '2026-03-10T00:00:00+08:00', end_time: '2026-03-10T23:59:59+08:00' }],
        },
      },
    });
    const use = (n: string) => ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: n });
    expectError(await use('outside'), 'RULELIMIT');
    ctx.sandbox.clock.set(Date.parse('2026-03-10T08:00:00+08:00'));
    expect((await use('inside')).status).toBe(200);
  });

  it('uses the seeded weekly MERCHANT_API coupon on a weekday with stock_id, not without', async () => {
    const ctx = paySandbox();
    const coupon = seeded(ctx, U0, 'SENDED', SEEDED.weekly, MINI_APPID);
    expectError(
      await ctx.call('POST', USE, { coupon_code: coupon.coupon_code, appid: MINI_APPID, use_time: NOW, use_request_no: 'w0' }),
      'INVALID_REQUEST_CODE_MODE',
    );
    expect(
      (await ctx.call('POST', USE, { coupon_code: coupon.coupon_code, stock_id: SEEDED.weekly, appid: MINI_APPID, use_time: NOW, use_request_no: 'w1' }))
        .status,
    ).toBe(200);
  });

  it.each<[string, WechatpayErrorKey]>([
    ['DEACTIVATED', 'INVALID_REQUEST'],
    ['DELETED', 'INVALID_REQUEST'],
    ['EXPIRED', 'RULELIMIT'],
    ['USED', 'COUPON_ALREADY_USED'],
  ])('answers the vendor error when using a seeded %s coupon', async (state, key) => {
    const ctx = paySandbox();
    const owner = state === 'DEACTIVATED' ? U1 : state === 'DELETED' ? 'oUpF8uKQ0x7Y2v3wZ9aBcDeFgH1i' : U0;
    const coupon = seeded(ctx, owner, state);
    expectError(
      await ctx.call('POST', USE, { coupon_code: coupon.coupon_code, stock_id: coupon.stock_id, appid: APPID, use_time: NOW, use_request_no: 'z' }),
      key,
    );
    expect(await stateOf(ctx, coupon.coupon_code, owner)).toBe(state);
  });

  it("answers NO_AUTH for a coupon of another merchant's stock", async () => {
    const ctx = paySandbox();
    const foreign = payList(ctx.sandbox, { openid: U0, appid: APPID, creator_merchant: '1230000109', limit: 50 }).data.find(
      (c) => c.stock_id === SEEDED.foreign,
    );
    expect(foreign).toBeUndefined(); // invisible through the caller's filters
    expectError(await ctx.call('POST', USE, { coupon_code: '1', stock_id: SEEDED.foreign, appid: APPID, use_time: NOW, use_request_no: 'f' }), 'NO_AUTH');
  });
});

describe('deactivate, return, delete', () => {
  it('deactivates a SENDED coupon; a second deactivate with another number is INVALID_REQUEST', async () => {
    const ctx = paySandbox();
    const { stockId, code } = await freshCoupon(ctx);
    const body = { coupon_code: code, stock_id: stockId, deactivate_request_no: 'd1', deactivate_reason: '测试' };
    const res = await ctx.call('POST', DEACTIVATE, body);
    expect(res.json).toEqual({ wechatpay_deactivate_time: NOW });
    expect(await stateOf(ctx, code)).toBe('DEACTIVATED');
    expect((await ctx.call('POST', DEACTIVATE, body)).json).toEqual(res.json); // replay
    expectError(await ctx.call('POST', DEACTIVATE, { ...body, deactivate_reason: '别的' }), 'RESOURCE_ALREADY_EXISTS');
    expectError(await ctx.call('POST', DEACTIVATE, { ...body, deactivate_request_no: 'd2' }), 'INVALID_REQUEST');
    expectError(await ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: 'u' }), 'INVALID_REQUEST');
  });

  it('refuses to deactivate USED or EXPIRED coupons, and unknown ones', async () => {
    const ctx = paySandbox();
    const used = seeded(ctx, U0, 'USED');
    expectError(await ctx.call('POST', DEACTIVATE, { coupon_code: used.coupon_code, stock_id: used.stock_id, deactivate_request_no: 'x1' }), 'INVALID_REQUEST');
    const expired = seeded(ctx, U0, 'EXPIRED');
    expectError(
      await ctx.call('POST', DEACTIVATE, { coupon_code: expired.coupon_code, stock_id: expired.stock_id, deactivate_request_no: 'x2' }),
      'INVALID_REQUEST',
    );
    expectError(await ctx.call('POST', DEACTIVATE, { coupon_code: 'nope', stock_id: SEEDED.normal, deactivate_request_no: 'x3' }), 'COUPON_NOT_EXISTS');
    expectError(await ctx.call('POST', DEACTIVATE, { coupon_code: 'nope', stock_id: '9', deactivate_request_no: 'x4' }), 'STOCK_NOT_EXISTS');
  });

  it('returns a USED coupon to SENDED; it can be used again; returning a SENDED one is INVALID_REQUEST', async () => {
    const ctx = paySandbox();
    const { stockId, code } = await freshCoupon(ctx);
    await ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: 'u1' });
    const body = { coupon_code: code, stock_id: stockId, return_request_no: 'r1' };
    expect((await ctx.call('POST', RETURN, body)).json).toEqual({ wechatpay_return_time: NOW });
    const coupon = await ctx.call('GET', `/v3/marketing/busifavor/users/${U0}/coupons/${code}/appids/${APPID}`);
    expect(coupon.json.coupon_state).toBe('SENDED');
    expect(coupon.json).not.toHaveProperty('use_request_no');
    expect(coupon.json).not.toHaveProperty('use_time');
    expect((await ctx.call('POST', RETURN, body)).status).toBe(200); // replay
    expectError(await ctx.call('POST', RETURN, { ...body, return_request_no: 'r2' }), 'INVALID_REQUEST');
    expect((await ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: 'u2' })).status).toBe(200);
  });

  it('a returned coupon whose window passed reads EXPIRED', async () => {
    const ctx = paySandbox();
    const { stockId, code } = await freshCoupon(ctx);
    await ctx.call('POST', USE, { coupon_code: code, stock_id: stockId, appid: APPID, use_time: NOW, use_request_no: 'u1' });
    ctx.sandbox.clock.set(Date.parse('2026-04-02T00:00:00+08:00'));
    expect(await stateOf(ctx, code)).toBe('USED');
    await ctx.call('POST', RETURN, { coupon_code: code, stock_id: stockId, return_request_no: 'r1' });
    expect(await stateOf(ctx, code)).toBe('EXPIRED');
  });

  it('lets the user delete a SENDED or EXPIRED coupon (control), not a USED one', async () => {
    const ctx = paySandbox();
    const del = (code: string, stockId: string) =>
      ctx.sandbox.app.request(`/_sandbox/wechatpay/coupons/${code}/delete`, { method: 'POST', body: JSON.stringify({ stock_id: stockId }) });
    const { stockId, code } = await freshCoupon(ctx);
    const res = await del(code, stockId);
    expect(res.status).toBe(200);
    expect((await res.json()).coupon_state).toBe('DELETED');
    const expired = seeded(ctx, U0, 'EXPIRED');
    expect((await del(expired.coupon_code, expired.stock_id)).status).toBe(200);
    const used = seeded(ctx, U0, 'USED');
    const refused = await del(used.coupon_code, used.stock_id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.vendor_error).toEqual(vendorError('INVALID_REQUEST'));
  });
});
