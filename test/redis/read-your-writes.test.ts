/**
 * Three built CLI processes on one real redis-server: a change answered by one instance is what
 * the very next request to any other sees (every request first catches up with the log's head),
 * and a WeChat Pay request number names one send whichever instance it is replayed on.
 */
import { describe, expect, it } from 'vitest';
import { skipRedis } from './redis-server.js';
import { expectNoBugLines, expectWechatError, giveCode, newCard, newStock, PAY_APPID, U0, wechatToken, type Instance, useCluster } from './support.js';
import { voucher } from '../journal/support.js';

const all = useCluster(3, 1).instances;

const SEND = '/v3/marketing/busifavor/coupons/send';

describe.skipIf(skipRedis)('read-your-writes across instances', () => {
  it('20 rounds: a code given on one instance is NORMAL on the next, consumed there, CONSUMED on the third, 40099 back on the first', async () => {
    const card = await newCard(all[0]!, 100);
    for (let round = 0; round < 20; round++) {
      const [giver, reader, third] = [all[round % 3]!, all[(round + 1) % 3]!, all[(round + 2) % 3]!];
      const code = await giveCode(giver, card, `o-ryw-${round}`);
      const seen = await reader.codeGet(code, card);
      expect(seen.json, `round ${round}`).toMatchObject({ errcode: 0, openid: `o-ryw-${round}`, user_card_status: 'NORMAL', card: { card_id: card, code } });
      const consumed = await reader.wechat('/card/code/consume', { code });
      expect(consumed.json, `round ${round}`).toMatchObject({ errcode: 0, errmsg: 'ok', openid: `o-ryw-${round}`, card: { card_id: card } });
      expect((await third.codeGet(code, card)).json, `round ${round}`).toMatchObject({ errcode: 0, user_card_status: 'CONSUMED', can_consume: false });
      expectWechatError(await giver.wechat('/card/code/consume', { code }), '40099');
    }
    // Each give took one of the card's 100: every instance counts the same 80 left.
    for (const i of all) expect((await i.wechat('/card/get', { card_id: card })).json.card.cash.base_info.sku).toEqual({ quantity: 80, total_quantity: 100 });
  });

  it('a token minted on A works on B and C at once', async () => {
    const [a, b, c] = all as [Instance, Instance, Instance];
    const token = await wechatToken(a);
    const card = await newCard(a, 10);
    const code = await giveCode(a, card, 'o-token');
    const url = (i: Instance) => `${i.url}/card/code/get?access_token=${token}`;
    const answers = await Promise.all([b, c, b, c].map(async (i) => (await fetch(url(i), { method: 'POST', body: JSON.stringify({ code }) })).json()));
    for (const answer of answers) expect(answer).toMatchObject({ errcode: 0, user_card_status: 'NORMAL', openid: 'o-token' });
    // Every instance shares one client token afterwards, so the suite's own stays the live one.
    for (const i of all) i.useToken(token);
  });

  it('a WeChat Pay stock created on A is sent from on B; the coupon is listed on C', async () => {
    const [a, b, c] = all as [Instance, Instance, Instance];
    const stock = await newStock(a, 'ryw');
    const sent = await b.pay('POST', SEND, { openid: U0, appid: PAY_APPID, stock_id: stock, out_request_no: 'ryw-1' });
    expect(sent.status, sent.text).toBe(200);
    const seen = await c.pay('GET', `/v3/marketing/busifavor/users/${U0}/coupons/${sent.json.coupon_code}/appids/${PAY_APPID}`);
    expect(seen.json, seen.text).toMatchObject({ stock_id: stock, coupon_code: sent.json.coupon_code, coupon_state: 'SENDED' });
  });

  it('a waiqin365 voucher added on C is listed on A and B', async () => {
    const [a, b, c] = all as [Instance, Instance, Instance];
    const added = await c.waiqin('addVoucherInfo', voucher('ryw-voucher', await c.clockMs()));
    expect(added.json.return_code, added.text).toBe('0');
    const id = JSON.parse(added.json.response_data).voucherId as string;
    for (const i of [a, b]) {
      const listed = await i.waiqin('getVoucherInfos', { start_create_date: '2000-01-01', end_create_date: '2100-01-01' });
      // response_data is JSON text whose ids are bare numbers beyond 2^53: compared as text.
      expect(listed.json.response_data).toContain(`{"id":${id},"name":"ryw-voucher",`);
    }
  });
});

describe.skipIf(skipRedis)('idempotency across instances', () => {
  it('coupons/send replayed on another instance with the same out_request_no answers the first coupon; the stock sent one', async () => {
    const [a, b, c] = all as [Instance, Instance, Instance];
    const stock = await newStock(a, 'idem');
    const sentCount = async (i: Instance) => (await i.pay('GET', `/v3/marketing/busifavor/stocks/${stock}`)).json.send_count_information?.total_send_num ?? 0;
    expect(await Promise.all(all.map(sentCount))).toEqual([0, 0, 0]);
    const body = { openid: U0, appid: PAY_APPID, stock_id: stock, out_request_no: 'idem-1' };
    const first = await a.pay('POST', SEND, body);
    expect(first.status, first.text).toBe(200);
    expect(first.json.coupon_code).toMatch(/^\d+$/);
    const again = await b.pay('POST', SEND, body);
    expect({ status: again.status, json: again.json }).toEqual({ status: 200, json: first.json });
    const third = await c.pay('POST', SEND, body);
    expect(third.json).toEqual(first.json);
    expect(await Promise.all(all.map(sentCount))).toEqual([1, 1, 1]);
    // Another request number is another coupon.
    const other = await c.pay('POST', SEND, { ...body, out_request_no: 'idem-2' });
    expect(other.json.coupon_code).not.toBe(first.json.coupon_code);
    expect(await Promise.all(all.map(sentCount))).toEqual([2, 2, 2]);
    expectNoBugLines(all);
  });
});
