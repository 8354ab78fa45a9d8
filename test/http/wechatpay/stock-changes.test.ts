import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as keys from '../../../src/engine/wechatpay/test-keys.js';
import { APPID, expectError, paySandbox, SEEDED, stockBody, U0, U1, U2 } from './support.js';
import { payStock } from '../../support/state-reads.js';

const STOCKS = '/v3/marketing/busifavor/stocks';
const SEND = '/v3/marketing/busifavor/coupons/send';
type Call = ReturnType<typeof paySandbox>['call'];

async function newStock(call: Call, over: Record<string, unknown> = {}): Promise<string> {
  const res = await call('POST', STOCKS, stockBody(over));
  expect(res.status).toBe(200);
  return res.json.stock_id;
}

describe('PATCH /v3/marketing/busifavor/stocks/{stock_id}', () => {
  it('answers 204 with no body, signed over an empty body, and the query shows the merged change', async () => {
    const { call } = paySandbox();
    const stockId = await newStock(call);
    const res = await call('PATCH', `${STOCKS}/${stockId}`, {
      out_request_no: 'm1',
      stock_name: '改名满减券',
      display_pattern_info: { merchant_name: '新商户名' },
      stock_send_rule: { prevent_api_abuse: true },
    });
    expect([res.status, res.text, res.headers.get('Content-Type')]).toEqual([204, '', null]);
    // The signature covers TIMESTAMP\nNONCE\n\n (an empty body line), checked here by node:crypto.
    const message = `${res.headers.get('Wechatpay-Timestamp')}\n${res.headers.get('Wechatpay-Nonce')}\n\n`;
    expect(
      verify('sha256', Buffer.from(message), createPublicKey(keys.TEST_PLATFORM_CERTIFICATE), Buffer.from(res.headers.get('Wechatpay-Signature')!, 'base64')),
    ).toBe(true);
    const stock = (await call('GET', `${STOCKS}/${stockId}`)).json;
    expect(stock.stock_name).toBe('改名满减券');
    // Nested objects merge: the other display fields and send rules stay.
    expect(stock.display_pattern_info).toEqual({ description: '每单限用一张', merchant_name: '新商户名', background_color: 'Color020' });
    expect(stock.stock_send_rule).toMatchObject({ max_coupons: 100, max_coupons_per_user: 2, prevent_api_abuse: true });
  });

  it('is idempotent by out_request_no: the same body changes nothing again, another body is RESOURCE_ALREADY_EXISTS', async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await newStock(call);
    expect((await call('PATCH', `${STOCKS}/${stockId}`, { out_request_no: 'same', comment: '第一次' })).status).toBe(204);
    await call('PATCH', `${STOCKS}/${stockId}`, { out_request_no: 'other', comment: '第二次' });
    expect((await call('PATCH', `${STOCKS}/${stockId}`, { out_request_no: 'same', comment: '第一次' })).status).toBe(204);
    expect(payStock(sandbox, stockId).comment).toBe('第二次');
    expectError(await call('PATCH', `${STOCKS}/${stockId}`, { out_request_no: 'same', comment: '第三次' }), 'RESOURCE_ALREADY_EXISTS');
  });

  it('refuses quantities (they change through /budget), an ended stock, a missing request number and foreign stocks', async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await newStock(call);
    const quantity = await call('PATCH', `${STOCKS}/${stockId}`, { out_request_no: 'q', stock_send_rule: { max_coupons: 5 } });
    expectError(quantity, 'PARAM_ERROR');
    expect(quantity.json.detail.field).toBe('stock_send_rule');
    expectError(await call('PATCH', `${STOCKS}/${stockId}`, { comment: 'x' }), 'PARAM_ERROR');
    expectError(await call('PATCH', `${STOCKS}/${stockId}`, 'not json'), 'PARAM_ERROR_JSON');
    expectError(await call('PATCH', `${STOCKS}/${SEEDED.foreign}`, { out_request_no: 'f', comment: 'x' }), 'NO_AUTH');
    expectError(await call('PATCH', `${STOCKS}/1`, { out_request_no: 'n', comment: 'x' }), 'STOCK_NOT_EXISTS');
    expectError(await call('PATCH', `${STOCKS}/${stockId}`, { out_request_no: 'mp', coupon_use_rule: { use_method: 'MINI_PROGRAMS' } }), 'PARAM_ERROR');
    sandbox.clock.advance(40 * 86400_000);
    expectError(await call('PATCH', `${STOCKS}/${stockId}`, { out_request_no: 'late', comment: 'x' }), 'STOCK_ENDED');
    expect(payStock(sandbox, stockId).comment).toBe('测试批次');
  });
});

describe('PATCH /v3/marketing/busifavor/stocks/{stock_id}/budget', () => {
  const budget = (call: Call, stockId: string, body: Record<string, unknown>) => call('PATCH', `${STOCKS}/${stockId}/budget`, body);

  it('lowers max_coupons to what was sent plus one: that send passes, the next one is refused past the budget', async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await newStock(call, { stock_send_rule: { max_coupons: 100, max_coupons_per_user: 5 } });
    const send = (openid: string, n: string) => call('POST', SEND, { openid, appid: APPID, stock_id: stockId, out_request_no: n });
    await send(U0, 's1');
    const res = await budget(call, stockId, { modify_budget_request_no: 'b1', target_max_coupons: 2, current_max_coupons: 100 });
    expect([res.status, res.json]).toEqual([200, { max_coupons: 2 }]);
    expect((await send(U1, 's2')).status).toBe(200);
    expectError(await send(U2, 's3'), 'RULELIMIT_MAX_COUPONS');
    // Raising it again lets sending go on.
    await budget(call, stockId, { modify_budget_request_no: 'b2', target_max_coupons: 3, current_max_coupons: 2 });
    expect((await send(U2, 's3')).status).toBe(200);
    expect(payStock(sandbox, stockId).stock_send_rule.max_coupons).toBe(3);
  });

  it('sets the daily limit, which sends then obey', async () => {
    const { call } = paySandbox();
    const stockId = await newStock(call, { stock_send_rule: { max_coupons: 100, max_coupons_per_user: 5, max_coupons_by_day: 50 } });
    const res = await budget(call, stockId, { modify_budget_request_no: 'd1', target_max_coupons_by_day: 1, current_max_coupons_by_day: 50 });
    expect(res.json).toEqual({ max_coupons: 100, max_coupons_by_day: 1 });
    expect((await call('POST', SEND, { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 'x1' })).status).toBe(200);
    expectError(await call('POST', SEND, { openid: U1, appid: APPID, stock_id: stockId, out_request_no: 'x2' }), 'RULELIMIT_MAX_COUPONS_BY_DAY');
  });

  it('refuses a stale current value, a target below what was sent, both or no targets, a daily limit above the total', async () => {
    const { call } = paySandbox();
    const stockId = await newStock(call);
    await call('POST', SEND, { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 'one' });
    await call('POST', SEND, { openid: U1, appid: APPID, stock_id: stockId, out_request_no: 'two' });
    expectError(await budget(call, stockId, { modify_budget_request_no: 'r1', target_max_coupons: 50, current_max_coupons: 99 }), 'BUDGET_MISMATCH');
    expectError(await budget(call, stockId, { modify_budget_request_no: 'r2', target_max_coupons: 1, current_max_coupons: 100 }), 'BUDGET_BELOW_SENT');
    expectError(await budget(call, stockId, { modify_budget_request_no: 'r3', target_max_coupons: 50 }), 'PARAM_ERROR');
    expectError(await budget(call, stockId, { modify_budget_request_no: 'r4' }), 'PARAM_ERROR');
    expectError(
      await budget(call, stockId, {
        modify_budget_request_no: 'r5',
        target_max_coupons: 50,
        current_max_coupons: 100,
        target_max_coupons_by_day: 5,
        current_max_coupons_by_day: 5,
      }),
      'PARAM_ERROR',
    );
    expectError(
      await budget(call, stockId, { modify_budget_request_no: 'r6', target_max_coupons_by_day: 101, current_max_coupons_by_day: 1 }),
      'BUDGET_MISMATCH',
    );
    expectError(await budget(call, stockId, { modify_budget_request_no: 'r6b', target_max_coupons_by_day: 101 }), 'PARAM_ERROR');
    // A stock without a daily limit gets one with no current value to give.
    expect((await budget(call, stockId, { modify_budget_request_no: 'r6c', target_max_coupons_by_day: 10 })).json).toEqual({
      max_coupons: 100,
      max_coupons_by_day: 10,
    });
    const withDaily = await newStock(call, { stock_send_rule: { max_coupons: 100, max_coupons_per_user: 5, max_coupons_by_day: 50 } });
    expectError(
      await budget(call, withDaily, { modify_budget_request_no: 'r7', target_max_coupons_by_day: 101, current_max_coupons_by_day: 50 }),
      'PARAM_ERROR',
    );
    expectError(await budget(call, withDaily, { modify_budget_request_no: 'r8', target_max_coupons: 40, current_max_coupons: 100 }), 'PARAM_ERROR');
  });

  it('replays the first answer for the same modify_budget_request_no and body', async () => {
    const { call } = paySandbox();
    const stockId = await newStock(call);
    const body = { modify_budget_request_no: 'again', target_max_coupons: 60, current_max_coupons: 100 };
    const first = await budget(call, stockId, body);
    const second = await budget(call, stockId, body);
    expect(second.json).toEqual(first.json);
    expectError(await budget(call, stockId, { ...body, target_max_coupons: 70 }), 'RESOURCE_ALREADY_EXISTS');
  });
});

describe('the stock changes as direct calls', () => {
  it('sandbox.call takes the path parameter in the same input as the body', async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await newStock(call);
    const budget = await sandbox.call('wechatpay.busifavor-modify-budget', {
      stock_id: stockId,
      modify_budget_request_no: 'direct',
      target_max_coupons: 50,
      current_max_coupons: 100,
    });
    expect(budget).toEqual({ max_coupons: 50 });
    expect(await sandbox.call('wechatpay.busifavor-modify-stock', { stock_id: stockId, out_request_no: 'direct', comment: '直接调用' })).toBeUndefined();
    expect(payStock(sandbox, stockId)).toMatchObject({ comment: '直接调用', stock_send_rule: { max_coupons: 50 } });
    await expect(sandbox.call('wechatpay.busifavor-modify-stock', { stock_id: stockId, comment: 'x' } as never)).rejects.toMatchObject({ key: 'PARAM_ERROR' });
  });
});

describe('query stock send_count_information', () => {
  it("counts what was actually sent, in total and today, with the coupons' amount", async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await newStock(call, { stock_send_rule: { max_coupons: 100, max_coupons_per_user: 5 } });
    await call('POST', SEND, { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 'c1' });
    // A replay sends nothing more; a refused send neither.
    await call('POST', SEND, { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 'c1' });
    await call('POST', SEND, { openid: U0, appid: 'wx-not-bound', stock_id: stockId, out_request_no: 'c0' });
    sandbox.clock.advance(86400_000);
    await call('POST', SEND, { openid: U1, appid: APPID, stock_id: stockId, out_request_no: 'c2' });
    await call('POST', SEND, { openid: U2, appid: APPID, stock_id: stockId, out_request_no: 'c3' });
    expect((await call('GET', `${STOCKS}/${stockId}`)).json.send_count_information).toEqual({
      total_send_num: 3,
      total_send_amount: 1500,
      today_send_num: 2,
      today_send_amount: 1000,
    });
  });
});
