import { describe, expect, it } from 'vitest';
import { v3Authorization } from '../../../src/http/wechatpay/signer.js';
import { MAX_V3_BODY_BYTES } from '../../../src/http/wechatpay/steps.js';
import { APPID, BASE, expectError, MERCHANT, paySandbox, send, SEEDED, stockBody, U0 } from './support.js';
import { payList } from '../../support/state-reads.js';

/** Sends raw text, correctly signed, so only the body itself is at fault. */
async function raw(ctx: ReturnType<typeof paySandbox>, path: string, text: string) {
  const auth = await v3Authorization(MERCHANT, 'POST', path, text, { timestamp: ctx.sandbox.clock.nowSeconds() });
  return send(ctx.sandbox, new Request(BASE + path, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: text }));
}

const snapshot = (ctx: ReturnType<typeof paySandbox>) =>
  JSON.stringify([ctx.sandbox.wechatpay.seededStocks().stocks, payList(ctx.sandbox, { openid: U0, appid: APPID, creator_merchant: '1230000109', limit: 50 })]);

describe('bad input gets a vendor error and changes nothing', () => {
  it.each([
    ['malformed JSON', '{"stock_name": '],
    ['an empty body', ''],
    ['XML', '<xml><stock_name>x</stock_name></xml>'],
  ])('answers PARAM_ERROR_JSON for %s', async (_name, text) => {
    const ctx = paySandbox();
    const before = snapshot(ctx);
    expectError(await raw(ctx, '/v3/marketing/busifavor/stocks', text), 'PARAM_ERROR_JSON');
    expect(snapshot(ctx)).toBe(before);
  });

  it.each([
    ['a JSON array', []],
    ['a number for stock_name', stockBody({ stock_name: 42 })],
    ['a string for max_coupons', stockBody({ stock_send_rule: { max_coupons: '10', max_coupons_per_user: 1 } })],
    ['a stock_name of 22 characters', stockBody({ stock_name: '一二三四五六七八九十一二三四五六七八九十一二' })],
    ['a comment of 21 characters', stockBody({ comment: '一二三四五六七八九十一二三四五六七八九十一' })],
    ['a goods_name of 16 characters', stockBody({ goods_name: '一二三四五六七八九十一二三四五六' })],
    ['an out_request_no of 129 characters', stockBody({ out_request_no: 'x'.repeat(129) })],
    ['an unknown stock_type', stockBody({ stock_type: 'FREE' })],
    ['an unknown background_color', stockBody({ display_pattern_info: { background_color: 'Color011' } })],
    [
      'a week day 7',
      stockBody({
        coupon_use_rule: {
          ...stockBody().coupon_use_rule,
          coupon_available_time: { ...stockBody().coupon_use_rule.coupon_available_time, available_week: { week_day: [7] } },
        },
      }),
    ],
    [
      'a date without offset',
      stockBody({
        coupon_use_rule: {
          ...stockBody().coupon_use_rule,
          coupon_available_time: { available_begin_time: '2026-03-01 00:00:00', available_end_time: '2026-03-31T00:00:00+08:00' },
        },
      }),
    ],
    [
      'a missing out_request_no',
      (() => {
        const b = stockBody();
        delete b.out_request_no;
        return b;
      })(),
    ],
  ])('answers PARAM_ERROR for %s', async (_name, body) => {
    const ctx = paySandbox();
    const before = snapshot(ctx);
    const res = await raw(ctx, '/v3/marketing/busifavor/stocks', JSON.stringify(body));
    expectError(res, 'PARAM_ERROR');
    expect(res.json.detail.location).toBe('body');
    expect(snapshot(ctx)).toBe(before);
  });

  it('answers PARAM_ERROR for a body above the size limit', async () => {
    const ctx = paySandbox();
    const before = snapshot(ctx);
    const huge = JSON.stringify(stockBody({ comment: 'x'.repeat(MAX_V3_BODY_BYTES) }));
    expectError(await raw(ctx, '/v3/marketing/busifavor/stocks', huge), 'PARAM_ERROR');
    expect(snapshot(ctx)).toBe(before);
  });

  it('answers PARAM_ERROR for a use_time that is not RFC 3339, and for a too long coupon_code', async () => {
    const ctx = paySandbox();
    const base = { coupon_code: '1', stock_id: SEEDED.normal, appid: APPID, use_time: '2026-03-02T10:00:00+08:00', use_request_no: 'u' };
    expectError(await raw(ctx, '/v3/marketing/busifavor/coupons/use', JSON.stringify({ ...base, use_time: 'yesterday' })), 'PARAM_ERROR');
    expectError(await raw(ctx, '/v3/marketing/busifavor/coupons/use', JSON.stringify({ ...base, coupon_code: '1'.repeat(33) })), 'PARAM_ERROR');
  });
});
