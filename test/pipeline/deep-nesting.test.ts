import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { signWaiqinRequest } from '../../src/http/waiqin/signer.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { MAX_JSON_DEPTH } from '../../src/pipeline/bounded-json.js';
import { cardBody } from '../http/wechat/support.js';
import { expectRawError, signedRaw } from '../http/wechatpay/state-support.js';
import { APPID, SEEDED, stockBody, U0 } from '../http/wechatpay/support.js';
import { voucherBody } from '../http/waiqin/support.js';

const START = Date.parse('2026-03-02T10:00:00+08:00');
let running: RunningSandbox;
const unexpected: unknown[] = [];
beforeAll(async () => {
  running = await serveSandbox({ port: 0, startAt: START, frozen: true, validateResponses: true, onUnexpectedError: (e) => void unexpected.push(e) });
});
afterAll(() => running.close());

/** `body` (JSON text of an object) with an unknown field nested `levels` deep. */
const deepen = (body: string, levels: number) => `${body.slice(0, -1)},"x":${'['.repeat(levels)}${']'.repeat(levels)}}`;
const post = (path: string, body: string) => fetch(running.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe.each([5000, MAX_JSON_DEPTH])('a body nested %i levels deep', (levels) => {
  it('is a WeChat 47001 data format error on card/create', async () => {
    const { appid, secret } = running.sandbox.wechat.credentials();
    const token = (await (await fetch(`${running.url}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json()).access_token;
    const json = await (await post(`/card/create?access_token=${token}`, deepen(JSON.stringify(cardBody('CASH', {}, {}, START / 1000)), levels))).json();
    expect(json.errcode).toBe(errorEntry('wechat', '47001').code);
  });

  for (const [path, body] of [
    ['/v3/marketing/busifavor/coupons/send', () => JSON.stringify({ stock_id: SEEDED.normal, openid: U0, appid: APPID, out_request_no: `deep-${levels}` })],
    ['/v3/marketing/busifavor/stocks', () => JSON.stringify(stockBody({ out_request_no: `deep-stock-${levels}` }))],
  ] as const) {
    it(`is a WeChat Pay PARAM_ERROR on ${path}`, async () => {
      const answer = await signedRaw(running.url, 'POST', path, deepen(body(), levels), Math.floor(START / 1000));
      expectRawError(answer, 'PARAM_ERROR');
    });
  }

  it('is a waiqin365 PARAM_ERROR on addVoucherInfo', async () => {
    const creds = running.sandbox.waiqin.credentials() as { openid: string; appkey: string };
    const body = deepen(JSON.stringify(voucherBody({ startDate: '2026-03-02', endDate: '2026-04-30' })), levels);
    const signed = signWaiqinRequest({ method: 'addVoucherInfo', body, openid: creds.openid, appkey: creds.appkey, now: START });
    const envelope = await (await post(signed.path, body)).json();
    const entry = errorEntry('waiqin', 'PARAM_ERROR');
    expect({ code: envelope.return_code, msg: envelope.return_msg }).toEqual({ code: String(entry.code), msg: entry.message });
  });

  it('is a 400 BAD_REQUEST on the control surface', async () => {
    for (const path of ['/_sandbox/reset', '/_sandbox/wechat/give-code', '/_sandbox/clock']) {
      const res = await post(path, deepen('{}'.replace('{}', '{"a":1}'), levels));
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.code).toBe('BAD_REQUEST');
    }
  });
});

describe('the depth bound', () => {
  it('lets every vendor body of the examples through (none nests beyond a few levels)', async () => {
    const body = JSON.stringify({ a: JSON.parse(`${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}`) });
    const res = await post('/_sandbox/reset', body);
    // Parsed, then refused by the reset schema (an unknown field), not by the depth bound.
    expect((await res.json()).error.message).not.toMatch(/nests deeper/);
  });

  it('reported no unexpected error', () => {
    expect(unexpected).toEqual([]);
  });
});
