/**
 * Concurrent changes of one resource spread over three built CLI processes on one real
 * redis-server: the log's order lets exactly the legal number through, whichever instance each
 * request reached, and every instance ends with the same state.
 */
import { describe, expect, it } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { skipRedis } from './redis-server.js';
import {
  countBy,
  expectNoBugLines,
  expectPayError,
  expectWechatError,
  newCard,
  newStock,
  PAY_APPID,
  U0,
  wechatVendorError,
  giveCode,
  type Answer,
  useCluster,
  sendCoupon,
} from './support.js';

const all = useCluster(3, 2).instances;

/** The instance the i-th concurrent request goes to: round robin over the three. */
const on = (i: number) => all[i % all.length]!;

describe.skipIf(skipRedis)('exactly once across instances', () => {
  it('1,000 concurrent consumes of one code over 3 instances: one errcode 0, 999 × 40099', async () => {
    const card = await newCard(all[0]!, 10);
    const code = await giveCode(all[1]!, card, 'o-race');
    const answers = await Promise.all(Array.from({ length: 1000 }, (_, i) => on(i).wechat('/card/code/consume', { code })));
    expect(countBy(answers, (a) => a.json?.errcode ?? a.status)).toEqual({ 0: 1, 40099: 999 });
    expect(answers.find((a) => a.json.errcode === 0)!.json).toMatchObject({ errcode: 0, errmsg: 'ok', openid: 'o-race', card: { card_id: card } });
    for (const a of answers.filter((a) => a.json.errcode !== 0)) expectWechatError(a, '40099');
    for (const i of all) expect((await i.codeGet(code, card)).json).toMatchObject({ errcode: 0, user_card_status: 'CONSUMED' });
  }, 40_000);

  it('300 concurrent receives of a card with stock 100: exactly 100 codes, 200 × 45031, stock 0 on every instance', async () => {
    const card = await newCard(all[2]!, 100);
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => on(i).control('POST', '/_sandbox/wechat/give-code', { card_id: card, openid: `o-stock-${i}` })),
    );
    expect(countBy(answers, (a) => a.status)).toEqual({ 200: 100, 409: 200 });
    const codes = answers.filter((a) => a.status === 200).map((a) => a.json.code as string);
    expect(new Set(codes).size).toBe(100);
    for (const a of answers.filter((a) => a.status === 409)) {
      expect(a.json.error).toMatchObject({ code: 'VENDOR_RULE', vendor_error: wechatVendorError('45031') });
    }
    expect(errorEntry('wechat', '45031').message).toBe('stock is out of limit');
    for (const i of all) {
      expect((await i.wechat('/card/get', { card_id: card })).json.card.cash.base_info.sku).toEqual({ quantity: 0, total_quantity: 100 });
      // Every code given is one of the card's, held by the user it was given to, on every instance.
      for (const code of [codes[0]!, codes[99]!]) expect((await i.codeGet(code, card)).json).toMatchObject({ errcode: 0, user_card_status: 'NORMAL' });
    }
  }, 30_000);

  it('200 concurrent v3 coupons/use of one coupon with distinct use_request_no over 3 instances: one 200, 199 × COUPON_ALREADY_USED', async () => {
    const stock = await newStock(all[0]!, 'race-use');
    const sent = await sendCoupon(all[1]!, stock, 'race-send');
    const nowMs = await all[0]!.clockMs();
    const ts = Math.floor(nowMs / 1000);
    const useTime = new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
    const answers: Answer[] = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        on(i).payAt(ts, 'POST', '/v3/marketing/busifavor/coupons/use', {
          coupon_code: sent.json.coupon_code,
          stock_id: stock,
          appid: PAY_APPID,
          use_time: useTime,
          use_request_no: `race-use-${i}`,
        }),
      ),
    );
    expect(countBy(answers, (a) => (a.status === 200 ? 200 : `${a.status} ${a.json?.code}`))).toEqual({ 200: 1, '400 RESOURCE_ALREADY_EXISTS': 199 });
    for (const a of answers.filter((a) => a.status !== 200)) expectPayError(a, 'COUPON_ALREADY_USED');
    const winner = answers.findIndex((a) => a.status === 200);
    for (const i of all) {
      const coupon = await i.pay('GET', `/v3/marketing/busifavor/users/${U0}/coupons/${sent.json.coupon_code}/appids/${PAY_APPID}`);
      expect(coupon.json, coupon.text).toMatchObject({ coupon_state: 'USED', use_request_no: `race-use-${winner}` });
    }
    expectNoBugLines(all);
  }, 30_000);
});
