import { describe, expect, it } from 'vitest';
import { APPID, expectError, paySandbox, stockBody, U0 } from './support.js';

const ASSOCIATE = '/v3/marketing/busifavor/coupons/associate';
const DISASSOCIATE = '/v3/marketing/busifavor/coupons/disassociate';

async function sentCoupon() {
  const ctx = paySandbox();
  const stock_id = (await ctx.call('POST', '/v3/marketing/busifavor/stocks', stockBody())).json.stock_id as string;
  const coupon_code = (await ctx.call('POST', '/v3/marketing/busifavor/coupons/send', { openid: U0, appid: APPID, stock_id, out_request_no: 's' })).json
    .coupon_code as string;
  return { ...ctx, coupon: { stock_id, coupon_code } };
}

describe('coupons/associate and coupons/disassociate', () => {
  it('ties a usable coupon to one order at a time, and unties it', async () => {
    const { call, coupon } = await sentCoupon();
    const a1 = await call('POST', ASSOCIATE, { ...coupon, out_trade_no: 'order-1', out_request_no: 'a1' });
    expect([a1.status, a1.json]).toEqual([200, { wechatpay_associate_time: '2026-03-02T10:00:00+08:00' }]);
    expectError(await call('POST', ASSOCIATE, { ...coupon, out_trade_no: 'order-2', out_request_no: 'a2' }), 'COUPON_ASSOCIATED');
    expectError(await call('POST', DISASSOCIATE, { ...coupon, out_trade_no: 'order-2', out_request_no: 'd0' }), 'COUPON_NOT_ASSOCIATED');
    const d1 = await call('POST', DISASSOCIATE, { ...coupon, out_trade_no: 'order-1', out_request_no: 'd1' });
    expect(d1.json).toEqual({ wechatpay_disassociate_time: '2026-03-02T10:00:00+08:00' });
    // Untied, it can go to another order; untying twice is refused.
    expect((await call('POST', ASSOCIATE, { ...coupon, out_trade_no: 'order-2', out_request_no: 'a3' })).status).toBe(200);
    expectError(await call('POST', DISASSOCIATE, { ...coupon, out_trade_no: 'order-1', out_request_no: 'd2' }), 'COUPON_NOT_ASSOCIATED');
  });

  it('is idempotent by out_request_no', async () => {
    const { call, sandbox, coupon } = await sentCoupon();
    const body = { ...coupon, out_trade_no: 'order-1', out_request_no: 'same' };
    const first = await call('POST', ASSOCIATE, body);
    sandbox.clock.advance(60_000);
    expect((await call('POST', ASSOCIATE, body)).json).toEqual(first.json);
    expectError(await call('POST', ASSOCIATE, { ...body, out_trade_no: 'order-9' }), 'RESOURCE_ALREADY_EXISTS');
  });

  it('refuses a coupon that is not usable, and unknown coupons and stocks', async () => {
    const { call, coupon } = await sentCoupon();
    await call('POST', '/v3/marketing/busifavor/coupons/use', { ...coupon, appid: APPID, use_time: '2026-03-02T10:00:00+08:00', use_request_no: 'u' });
    expectError(await call('POST', ASSOCIATE, { ...coupon, out_trade_no: 'o', out_request_no: 'x1' }), 'INVALID_REQUEST');
    expectError(await call('POST', ASSOCIATE, { ...coupon, coupon_code: '1'.repeat(22), out_trade_no: 'o', out_request_no: 'x2' }), 'COUPON_NOT_EXISTS');
    expectError(await call('POST', ASSOCIATE, { ...coupon, stock_id: '1', out_trade_no: 'o', out_request_no: 'x3' }), 'STOCK_NOT_EXISTS');
    expectError(await call('POST', ASSOCIATE, { ...coupon, out_request_no: 'x4' }), 'PARAM_ERROR');
  });
});
