import { errorEntry } from '../../../src/errors/catalogue.js';
/**
 * Over a real socket: bad input gets the v3 envelope and changes nothing, the server keeps
 * serving, and ~200 concurrent state changes on one resource let exactly the legal number through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../src/node.js';
import { MAX_V3_BODY_BYTES } from '../../../src/http/wechatpay/steps.js';
import { expectRawError, rawCall, signedRaw, type RawAnswer } from './state-support.js';
import { APPID, stockBody, U0, U1, serveStrict } from './support.js';
import { payList, payStock } from '../../support/state-reads.js';
import type { WechatpayErrorKey } from '../../../src/types/error-key.js';

let running: RunningSandbox;
let ts: number;
const SEND = '/v3/marketing/busifavor/coupons/send';
const USE = '/v3/marketing/busifavor/coupons/use';

beforeAll(async () => {
  running = await serveStrict();
  ts = running.sandbox.clock.nowSeconds();
});
afterAll(async () => {
  await running.close();
});

const post = (path: string, body: unknown) => signedRaw(running.url, 'POST', path, typeof body === 'string' ? body : JSON.stringify(body), ts);
const countBy = (answers: RawAnswer[]) =>
  answers.reduce<Record<string, number>>((acc, a) => {
    const key = a.status === 200 ? '200' : `${a.status} ${a.json?.code} ${a.json?.message}`;
    acc[key] = (acc[key] ?? 0) + 1;
    return acc;
  }, {});

async function newStock(over: Record<string, unknown> = {}): Promise<string> {
  const res = await post('/v3/marketing/busifavor/stocks', stockBody(over));
  expect(res.status, res.text).toBe(200);
  return res.json.stock_id;
}

/** Everything a bad request could have touched. */
const snapshot = () =>
  JSON.stringify([
    running.sandbox.wechatpay.seededStocks().stocks,
    payList(running.sandbox, { openid: U0, appid: APPID, creator_merchant: '1230000109', limit: 50 }),
  ]);

describe('bad input over a socket', () => {
  it.each<[string, string, WechatpayErrorKey]>([
    ['malformed JSON', '{"openid":', 'PARAM_ERROR_JSON'],
    ['a JSON array', '[]', 'PARAM_ERROR'],
    ['a JSON string', '"send"', 'PARAM_ERROR'],
    ['a JSON number', '42', 'PARAM_ERROR'],
    ['null', 'null', 'PARAM_ERROR'],
    ['an empty body', '', 'PARAM_ERROR_JSON'],
    ['null fields', JSON.stringify({ openid: null, appid: APPID, stock_id: '98065001', out_request_no: 'n' }), 'PARAM_ERROR'],
    ['a number for stock_id', JSON.stringify({ openid: U0, appid: APPID, stock_id: 98065001, out_request_no: 'n' }), 'PARAM_ERROR'],
    ['an out_request_no of 129 characters', JSON.stringify({ openid: U0, appid: APPID, stock_id: '98065001', out_request_no: 'x'.repeat(129) }), 'PARAM_ERROR'],
  ])('answers %s with the catalogued error and changes nothing', async (_name, body, key) => {
    const before = snapshot();
    expectRawError(await post(SEND, body), key);
    expect(snapshot()).toBe(before);
  });

  it('answers PARAM_ERROR for a chunked body over the limit (no Content-Length) and keeps serving', async () => {
    const before = snapshot();
    const chunk = 'x'.repeat(16 * 1024);
    const chunks = ['{"pad":"', ...Array.from({ length: Math.ceil(MAX_V3_BODY_BYTES / chunk.length) + 1 }, () => chunk), '"}'];
    const res = await rawCall(running.url, 'POST', SEND, chunks, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    expectRawError(res, 'PARAM_ERROR');
    expect(res.json.detail).toEqual({ location: 'body', issue: `body larger than ${MAX_V3_BODY_BYTES} bytes` });
    expect(snapshot()).toBe(before);
    expect((await signedRaw(running.url, 'GET', '/v3/certificates', '', ts)).status).toBe(200);
  });

  it('answers NOT_FOUND in the v3 envelope for a wrong method, a trailing slash, OPTIONS and an unknown path', async () => {
    expectRawError(await signedRaw(running.url, 'GET', SEND, '', ts), 'NOT_FOUND');
    expectRawError(await signedRaw(running.url, 'GET', '/v3/marketing/busifavor/stocks/98065001/', '', ts), 'NOT_FOUND');
    expectRawError(await signedRaw(running.url, 'OPTIONS', '/v3/certificates', '', ts), 'NOT_FOUND');
    expectRawError(await signedRaw(running.url, 'DELETE', '/v3/marketing/busifavor/stocks/98065001', '', ts), 'NOT_FOUND');
  });

  it('answers PARAM_ERROR for list paging out of range (negative, zero, above 50, beyond 2^31-1, not a number)', async () => {
    const list = (q: string) =>
      signedRaw(running.url, 'GET', `/v3/marketing/busifavor/users/${U0}/coupons?appid=${APPID}&creator_merchant=1230000109&${q}`, '', ts);
    for (const q of ['offset=-1', 'limit=0', 'limit=51', 'offset=99999999999999999999', 'offset=abc', 'coupon_state=sended']) {
      const res = await list(q);
      expectRawError(res, 'PARAM_ERROR');
      expect(res.json.detail.location, q).toBe('query');
    }
  });
});

/** How countBy names a catalogued failure: status, code and message, all from the catalogue. */
function outcome(key: WechatpayErrorKey): string {
  const entry = errorEntry('wechatpay', key);
  return `${entry.status} ${entry.code} ${entry.message}`;
}

describe('~200 concurrent state changes on one resource', () => {
  it('uses one coupon exactly once', async () => {
    const stockId = await newStock();
    const sent = await post(SEND, { openid: U1, appid: APPID, stock_id: stockId, out_request_no: 'race-send' });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(USE, {
          coupon_code: sent.json.coupon_code,
          stock_id: stockId,
          appid: APPID,
          use_time: '2026-03-02T10:00:00+08:00',
          use_request_no: `race-use-${i}`,
        }),
      ),
    );
    expect(countBy(answers)).toEqual({ '200': 1, [outcome('COUPON_ALREADY_USED')]: 199 });
  });

  it('sends exactly max_coupons of 200 concurrent sends', async () => {
    const stockId = await newStock({ stock_send_rule: { max_coupons: 50, max_coupons_per_user: 50 } });
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post(SEND, { openid: U1, appid: APPID, stock_id: stockId, out_request_no: `race-cap-${i}` })),
    );
    expect(countBy(answers)).toEqual({ '200': 50, [outcome('RULELIMIT_MAX_COUPONS')]: 150 });
    expect(new Set(answers.filter((a) => a.status === 200).map((a) => a.json.coupon_code)).size).toBe(50);
    expect(payStock(running.sandbox, stockId).send_count_information?.total_send_num).toBe(50);
  });

  it('sends one coupon for 200 concurrent sends with the same out_request_no, every answer the same', async () => {
    const stockId = await newStock({ stock_send_rule: { max_coupons: 100, max_coupons_per_user: 100 } });
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => post(SEND, { openid: U1, appid: APPID, stock_id: stockId, out_request_no: 'race-same' })),
    );
    expect(countBy(answers)).toEqual({ '200': 200 });
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(payStock(running.sandbox, stockId).send_count_information?.total_send_num).toBe(1);
  });
});
