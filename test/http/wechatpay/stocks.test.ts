import { describe, expect, it } from 'vitest';
import { MERCHANTS } from '../../../src/engine/wechatpay/identities.js';
import { APPID, expectError, paySandbox, SEEDED, stockBody, U0, vendorError } from './support.js';

const STOCKS = '/v3/marketing/busifavor/stocks';

describe('create stock', () => {
  it('creates a RUNNING stock whose query echoes the request', async () => {
    const { call } = paySandbox();
    const body = stockBody({ out_request_no: 'create-1' });
    const created = await call('POST', STOCKS, body);
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ stock_id: expect.stringMatching(/^\d+$/), create_time: '2026-03-02T10:00:00+08:00' });
    const stock = await call('GET', `${STOCKS}/${created.json.stock_id}`);
    const { out_request_no: _drop, ...echoed } = body;
    expect(stock.json).toMatchObject({ ...echoed, stock_id: created.json.stock_id, stock_state: 'RUNNING' });
    expect(stock.json.send_count_information).toEqual({ total_send_num: 0, total_send_amount: 0, today_send_num: 0, today_send_amount: 0 });
  });

  it('replays the first answer for a repeated out_request_no with the same body (in any key order)', async () => {
    const { call, sandbox } = paySandbox();
    const body = stockBody({ out_request_no: 'same' });
    const first = await call('POST', STOCKS, body);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    sandbox.clock.advance(60_000);
    const second = await call('POST', STOCKS, reordered);
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
    expect(sandbox.wechatpay.seededStocks().stocks.filter((s) => s.stock_id === first.json.stock_id)).toHaveLength(1);
  });

  it('answers RESOURCE_ALREADY_EXISTS for a repeated out_request_no with a different body, and creates nothing', async () => {
    const { call, sandbox } = paySandbox();
    await call('POST', STOCKS, stockBody({ out_request_no: 'dup' }));
    const count = sandbox.wechatpay.seededStocks().stocks.length;
    expectError(await call('POST', STOCKS, stockBody({ out_request_no: 'dup', stock_name: '另一个名字' })), 'RESOURCE_ALREADY_EXISTS');
    expect(sandbox.wechatpay.seededStocks().stocks.length).toBe(count);
  });

  it('lets the sandbox merchant create stocks for its sub-merchants', async () => {
    const { call } = paySandbox();
    const created = await call('POST', STOCKS, stockBody({ belong_merchant: MERCHANTS.subA }));
    expect(created.status).toBe(200);
  });

  it('answers PARAM_ERROR_MCHID_MISMATCH when belong_merchant is not the caller or a merchant it serves', async () => {
    const { call } = paySandbox();
    expectError(await call('POST', STOCKS, stockBody({ belong_merchant: MERCHANTS.foreign })), 'PARAM_ERROR_MCHID_MISMATCH');
  });

  const rules: [string, Record<string, unknown>, string][] = [
    ['stock_type without its rule object', { stock_type: 'DISCOUNT' }, 'coupon_use_rule.discount_coupon'],
    [
      'two rule objects',
      { coupon_use_rule: { ...stockBody().coupon_use_rule, discount_coupon: { discount_percent: 80, transaction_minimum: 0 } } },
      'coupon_use_rule.discount_coupon',
    ],
    [
      'end before begin',
      {
        coupon_use_rule: {
          ...stockBody().coupon_use_rule,
          coupon_available_time: { available_begin_time: '2026-03-10T00:00:00+08:00', available_end_time: '2026-03-09T00:00:00+08:00' },
        },
      },
      'coupon_use_rule.coupon_available_time.available_end_time',
    ],
    [
      'an end in the past',
      {
        coupon_use_rule: {
          ...stockBody().coupon_use_rule,
          coupon_available_time: { available_begin_time: '2026-01-01T00:00:00+08:00', available_end_time: '2026-02-01T00:00:00+08:00' },
        },
      },
      'coupon_use_rule.coupon_available_time.available_end_time',
    ],
    ['max_coupons_per_user above max_coupons', { stock_send_rule: { max_coupons: 1, max_coupons_per_user: 2 } }, 'stock_send_rule.max_coupons_per_user'],
    [
      'MINI_PROGRAMS without a mini program',
      { coupon_use_rule: { ...stockBody().coupon_use_rule, use_method: 'MINI_PROGRAMS' } },
      'coupon_use_rule.mini_programs_appid',
    ],
    [
      'a daily window ending before it begins',
      {
        coupon_use_rule: {
          ...stockBody().coupon_use_rule,
          coupon_available_time: {
            ...stockBody().coupon_use_rule.coupon_available_time,
            available_week: { week_day: [1], available_day_time: [{ begin_time: 7200, end_time: 3600 }] },
          },
        },
      },
      'coupon_use_rule.coupon_available_time.available_week.available_day_time',
    ],
  ];
  it.each(rules)('answers PARAM_ERROR for %s, naming the field', async (_name, over, field) => {
    const { call, sandbox } = paySandbox();
    const count = sandbox.wechatpay.seededStocks().stocks.length;
    const res = await call('POST', STOCKS, stockBody(over));
    expectError(res, 'PARAM_ERROR');
    expect(res.json.detail.field).toBe(field);
    expect(sandbox.wechatpay.seededStocks().stocks.length).toBe(count);
  });
});

describe('query stock', () => {
  it('answers STOCK_NOT_EXISTS (404 RESOURCE_NOT_EXISTS) for an unknown stock', async () => {
    const { call } = paySandbox();
    expectError(await call('GET', `${STOCKS}/123`), 'STOCK_NOT_EXISTS');
  });

  it("answers NO_AUTH for another merchant's stock", async () => {
    const { call } = paySandbox();
    expectError(await call('GET', `${STOCKS}/${SEEDED.foreign}`), 'NO_AUTH');
  });

  it('reports uploaded code counts for a MERCHANT_UPLOAD stock', async () => {
    const { call } = paySandbox();
    const res = await call('GET', `${STOCKS}/${SEEDED.upload}`);
    expect(res.json.coupon_code_count).toEqual({ total_count: 5, available_count: 4 });
    expect(res.json.send_count_information.total_send_num).toBe(1);
  });
});

describe('stock status (control action)', () => {
  const state = (sandbox: ReturnType<typeof paySandbox>['sandbox'], id: string, to: string) =>
    sandbox.app.request(`/_sandbox/wechatpay/stocks/${id}/state`, { method: 'POST', body: JSON.stringify({ state: to }) });

  it('moves UNAUDIT -> RUNNING -> PAUSED -> RUNNING -> STOPED and sending follows', async () => {
    const { sandbox, call } = paySandbox();
    const sendOnce = (n: string) =>
      call('POST', '/v3/marketing/busifavor/coupons/send', { openid: U0, appid: APPID, stock_id: SEEDED.unaudit, out_request_no: n });
    expectError(await sendOnce('a'), 'RULELIMIT_STOCK_STATE');
    expect((await (await state(sandbox, SEEDED.unaudit, 'RUNNING')).json()).stock_state).toBe('RUNNING');
    expect((await sendOnce('b')).status).toBe(200);
    await state(sandbox, SEEDED.unaudit, 'PAUSED');
    expectError(await sendOnce('c'), 'RULELIMIT_STOCK_STATE');
    await state(sandbox, SEEDED.unaudit, 'RUNNING');
    expect((await sendOnce('d')).status).toBe(200);
    await state(sandbox, SEEDED.unaudit, 'STOPED');
    expectError(await sendOnce('e'), 'RULELIMIT_STOCK_STATE');
    expect((await call('GET', `${STOCKS}/${SEEDED.unaudit}`)).json.stock_state).toBe('STOPED');
  });

  it('refuses to leave STOPED (409) and leaves the stock as it was', async () => {
    const { sandbox, call } = paySandbox();
    const res = await state(sandbox, SEEDED.stopped, 'RUNNING');
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('VENDOR_RULE');
    expect((await call('GET', `${STOCKS}/${SEEDED.stopped}`)).json.stock_state).toBe('STOPED');
  });

  it('answers 409 with the vendor error for an unknown stock, 400 for an unknown state', async () => {
    const { sandbox } = paySandbox();
    const unknown = await state(sandbox, '42', 'RUNNING');
    expect(unknown.status).toBe(409);
    expect((await unknown.json()).error.vendor_error).toEqual(vendorError('STOCK_NOT_EXISTS'));
    expect((await state(sandbox, SEEDED.normal, 'DONE')).status).toBe(400);
  });
});
