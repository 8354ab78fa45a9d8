import { describe, expect, it } from 'vitest';
import { APPID, expectError, paySandbox, SEEDED, stockBody, U0, U1, U2 } from './support.js';
import { payList, payStock } from '../../support/state-reads.js';
import type { WechatpayErrorKey } from '../../../src/types/error-key.js';

const SEND = '/v3/marketing/busifavor/coupons/send';
const STOCKS = '/v3/marketing/busifavor/stocks';

async function newStock(call: ReturnType<typeof paySandbox>['call'], over: Record<string, unknown> = {}) {
  const res = await call('POST', STOCKS, stockBody(over));
  expect(res.status, res.text).toBe(200);
  return res.json.stock_id as string;
}

describe('send coupon', () => {
  it('sends a 22-digit WECHATPAY_MODE coupon valid over the stock window', async () => {
    const { call } = paySandbox();
    const stockId = await newStock(call);
    const sent = await call('POST', SEND, { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 'send-1' });
    expect(sent.json).toEqual({ stock_id: stockId, coupon_code: expect.stringMatching(/^\d{22}$/), out_request_no: 'send-1' });
    const coupon = await call('GET', `/v3/marketing/busifavor/users/${U0}/coupons/${sent.json.coupon_code}/appids/${APPID}`);
    expect(coupon.json).toMatchObject({
      coupon_state: 'SENDED',
      send_request_no: 'send-1',
      receive_time: '2026-03-02T10:00:00+08:00',
      available_start_time: '2026-03-02T10:00:00+08:00',
      expire_time: '2026-03-31T23:59:59+08:00',
      transferable: false,
      shareable: true,
    });
    expect(coupon.json).not.toHaveProperty('use_time');
  });

  it('replays a repeated out_request_no with the same body and sends no second coupon', async () => {
    const { call } = paySandbox();
    const stockId = await newStock(call);
    const body = { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 'again' };
    const first = await call('POST', SEND, body);
    const second = await call('POST', SEND, body);
    expect(second.json).toEqual(first.json);
    expect((await call('GET', `${STOCKS}/${stockId}`)).json.send_count_information.total_send_num).toBe(1);
  });

  it('answers RESOURCE_ALREADY_EXISTS for a repeated out_request_no with another user', async () => {
    const { call } = paySandbox();
    const stockId = await newStock(call);
    await call('POST', SEND, { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 'x' });
    expectError(await call('POST', SEND, { openid: U1, appid: APPID, stock_id: stockId, out_request_no: 'x' }), 'RESOURCE_ALREADY_EXISTS');
  });

  it('honours max_coupons_per_user, then max_coupons', async () => {
    const { call } = paySandbox();
    const stockId = await newStock(call, { stock_send_rule: { max_coupons: 3, max_coupons_per_user: 2 } });
    const send = (openid: string, n: string) => call('POST', SEND, { openid, appid: APPID, stock_id: stockId, out_request_no: n });
    expect((await send(U0, '1')).status).toBe(200);
    expect((await send(U0, '2')).status).toBe(200);
    expectError(await send(U0, '3'), 'RULELIMIT_MAX_COUPONS_PER_USER');
    expect((await send(U1, '4')).status).toBe(200);
    expectError(await send(U2, '5'), 'RULELIMIT_MAX_COUPONS');
  });

  it('honours max_coupons_by_day per Asia/Shanghai day', async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await newStock(call, { stock_send_rule: { max_coupons: 10, max_coupons_per_user: 5, max_coupons_by_day: 1 } });
    const send = (n: string) => call('POST', SEND, { openid: U0, appid: APPID, stock_id: stockId, out_request_no: n });
    expect((await send('d1')).status).toBe(200);
    expectError(await send('d2'), 'RULELIMIT_MAX_COUPONS_BY_DAY');
    sandbox.clock.set(Date.parse('2026-03-03T00:00:01+08:00'));
    expect((await send('d3')).status).toBe(200);
  });

  it('refuses to send after the stock window ended', async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await newStock(call);
    sandbox.clock.set(Date.parse('2026-04-01T00:00:00+08:00'));
    expectError(await call('POST', SEND, { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 'late' }), 'RULELIMIT_STOCK_STATE');
  });

  it.each<[string, Record<string, string>, WechatpayErrorKey]>([
    ['an unbound appid', { appid: 'wx0000000000000000' }, 'APPID_MCHID_NOT_MATCH'],
    ['an unknown user', { openid: 'not-an-openid' }, 'USER_NOT_EXISTS'],
    ['an unknown stock', { stock_id: '1' }, 'STOCK_NOT_EXISTS'],
    ["another merchant's stock", { stock_id: SEEDED.foreign }, 'NO_AUTH'],
    ['a PAUSED stock', { stock_id: SEEDED.paused }, 'RULELIMIT_STOCK_STATE'],
    ['a STOPED stock', { stock_id: SEEDED.stopped }, 'RULELIMIT_STOCK_STATE'],
    ['a coupon_code for a WECHATPAY_MODE stock', { stock_id: SEEDED.normal, coupon_code: 'MINE0001' }, 'INVALID_REQUEST_CODE_MODE'],
    ['no coupon_code for a MERCHANT_API stock', { stock_id: SEEDED.weekly }, 'INVALID_REQUEST_CODE_MODE'],
    ['a code that was never uploaded to a MERCHANT_UPLOAD stock', { stock_id: SEEDED.upload, coupon_code: 'NEVER' }, 'INVALID_REQUEST_NO_CODE'],
  ])('answers the vendor error for %s', async (_name, over, key) => {
    const { call, sandbox } = paySandbox();
    const before = JSON.stringify(payList(sandbox, { openid: U0, appid: APPID, creator_merchant: '1230000109', limit: 50 }));
    expectError(await call('POST', SEND, { openid: U0, appid: APPID, stock_id: SEEDED.normal, out_request_no: 'e', ...over }), key);
    expect(JSON.stringify(payList(sandbox, { openid: U0, appid: APPID, creator_merchant: '1230000109', limit: 50 }))).toBe(before);
  });

  it('sends merchant codes for MERCHANT_API and refuses a code the stock already has', async () => {
    const { call } = paySandbox();
    const stockId = await newStock(call, { coupon_code_mode: 'MERCHANT_API' });
    const send = (openid: string, n: string) => call('POST', SEND, { openid, appid: APPID, stock_id: stockId, out_request_no: n, coupon_code: 'SHOP-0001' });
    expect((await send(U0, 'm1')).json.coupon_code).toBe('SHOP-0001');
    expectError(await send(U1, 'm2'), 'COUPON_CODE_EXISTS');
  });

  it('draws uploaded codes in order for MERCHANT_UPLOAD and runs dry with INVALID_REQUEST_NO_CODE', async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await newStock(call, { coupon_code_mode: 'MERCHANT_UPLOAD' });
    const upload = await call('POST', `/v3/marketing/busifavor/stocks/${stockId}/couponcodes`, { coupon_code_list: ['U1', 'U2'], upload_request_no: 'up1' });
    expect(upload.json.success_codes).toEqual(['U1', 'U2']);
    expect(payStock(sandbox, stockId).coupon_code_count).toEqual({ total_count: 2, available_count: 2 });
    const send = (openid: string, n: string) => call('POST', SEND, { openid, appid: APPID, stock_id: stockId, out_request_no: n });
    expect((await send(U0, 'u1')).json.coupon_code).toBe('U1');
    expect((await send(U1, 'u2')).json.coupon_code).toBe('U2');
    expectError(await send(U2, 'u3'), 'INVALID_REQUEST_NO_CODE');
    expect(payStock(sandbox, stockId).coupon_code_count).toEqual({ total_count: 2, available_count: 0 });
  });

  it('starts a relative-validity coupon after wait_days_after_receive and ends it after available_day_after_receive days', async () => {
    const { call } = paySandbox();
    const rule = stockBody().coupon_use_rule;
    const stockId = await newStock(call, {
      coupon_use_rule: { ...rule, coupon_available_time: { ...rule.coupon_available_time, available_day_after_receive: 3, wait_days_after_receive: 1 } },
    });
    const sent = await call('POST', SEND, { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 'rel' });
    const coupon = await call('GET', `/v3/marketing/busifavor/users/${U0}/coupons/${sent.json.coupon_code}/appids/${APPID}`);
    expect(coupon.json.available_start_time).toBe('2026-03-03T00:00:00+08:00');
    expect(coupon.json.expire_time).toBe('2026-03-05T23:59:59+08:00');
  });
});
