import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { cardBody } from '../http/wechat/support.js';
import { expectRawError, signedRaw } from '../http/wechatpay/state-support.js';
import { stockBody } from '../http/wechatpay/support.js';

const START = Date.parse('2026-03-02T10:00:00+08:00');
let running: RunningSandbox;
beforeAll(async () => {
  running = await serveSandbox({ port: 0, startAt: START, frozen: true, validateResponses: true });
});
afterAll(() => running.close());

async function createCard(dateInfo: string): Promise<{ errcode: number }> {
  const { appid, secret } = running.sandbox.wechat.credentials();
  const token = (await (await fetch(`${running.url}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json()).access_token;
  // Spliced as text, so that 2^63 goes on the wire as the literal a client would send.
  const body = JSON.stringify(cardBody('CASH', { date_info: 'DATE_INFO' }, { least_cost: 0, reduce_cost: 1 }, START / 1000)).replace('"DATE_INFO"', dateInfo);
  return (await fetch(`${running.url}/card/create?access_token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
}

describe('numbers beyond what the vendors hold', () => {
  const begin = START / 1000;
  for (const [name, end] of [
    ['2^63 as a number', '9223372036854775808'],
    ['2^32 as a number', '4294967296'],
    ['2^32 as text', '"4294967296"'],
  ]) {
    it(`answers WeChat 40079 invalid time for end_timestamp ${name}`, async () => {
      const r = await createCard(`{"type":"DATE_TYPE_FIX_TIME_RANGE","begin_timestamp":${begin},"end_timestamp":${end}}`);
      expect(r.errcode).toBe(errorEntry('wechat', '40079').code);
    });
  }

  it('still creates a card that ends at the last second WeChat can express', async () => {
    const r = await createCard(`{"type":"DATE_TYPE_FIX_TIME_RANGE","begin_timestamp":${begin},"end_timestamp":4294967295}`);
    expect(r.errcode).toBe(0);
  });

  for (const [name, path] of [
    ['discount_amount', '"discount_amount":500'],
    ['transaction_minimum', '"transaction_minimum":1000'],
  ]) {
    it(`answers WeChat Pay PARAM_ERROR for ${name} 2^63 instead of rounding it`, async () => {
      const body = JSON.stringify(stockBody({ out_request_no: `big-${name}` })).replace(path, path.replace(/\d+$/, '9223372036854775808'));
      expectRawError(await signedRaw(running.url, 'POST', '/v3/marketing/busifavor/stocks', body, Math.floor(START / 1000)), 'PARAM_ERROR');
    });
  }
});
