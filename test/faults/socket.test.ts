/**
 * Fault rules over a real socket (src/node.ts): vendor errors with no state change, latency,
 * timeout after commit with an idempotent retry, the socket kinds, seeded probability, rate limits
 * and the fault log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { payList } from '../support/state-reads.js';
import { APPID, T0, U0 } from '../http/wechatpay/support.js';

let running: RunningSandbox;
const USE = '/v3/marketing/busifavor/coupons/use';

beforeAll(async () => {
  // lenientAuth: the v3 calls need no signature here; signatures are tested elsewhere.
  running = await serveSandbox({
    port: 0,
    startAt: T0,
    frozen: true,
    lenientAuth: true,
    validateResponses: true,
    onUnexpectedError: (e) => {
      throw e;
    },
  });
});
afterAll(async () => {
  await running.close();
});
beforeEach(() => running.sandbox.reset());

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${running.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
};
const addFault = async (rule: Record<string, unknown>) => {
  const res = await control('POST', '/_sandbox/faults', rule);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as { id: string };
};
const post = async (path: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 5000) => {
  const res = await fetch(`${running.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as any) : undefined };
};

async function wechatToken(): Promise<string> {
  const { appid, secret } = running.sandbox.wechat.credentials();
  const res = await fetch(`${running.url}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

function givenCode(): string {
  const card_id = running.sandbox.wechat.identities().apps[0]!.cards[0]!.card_id;
  return running.sandbox.wechat.giveCode({ card_id, openid: 'o-fault-user' }).code;
}

const sendedCoupon = (index = 0) => {
  const list = payList(running.sandbox, { openid: U0, appid: APPID, creator_merchant: '1230000109', coupon_state: 'SENDED', limit: 50 });
  return list.data[index]!;
};
const couponState = (code: string) =>
  payList(running.sandbox, { openid: U0, appid: APPID, creator_merchant: '1230000109', limit: 50 }).data.find((c) => c.coupon_code === code)?.coupon_state;
const useBody = (coupon: { coupon_code: string; stock_id: string }, no: string) => ({
  coupon_code: coupon.coupon_code,
  stock_id: coupon.stock_id,
  appid: APPID,
  use_time: '2026-03-02T10:00:00+08:00',
  use_request_no: no,
});

describe('vendor_error', () => {
  it('answers the next consume of code X with -1, the code stays NORMAL, the following consume succeeds', async () => {
    const token = await wechatToken();
    const code = givenCode();
    const other = givenCode();
    await addFault({ operation: 'wechat.code-consume', match: { code }, kind: 'vendor_error', error: -1, count: 1 });
    // Another code is not selected by the match.
    expect((await post(`/card/code/consume?access_token=${token}`, { code: other })).json.errcode).toBe(0);
    const failed = await post(`/card/code/consume?access_token=${token}`, { code });
    expect(failed.json.errcode).toBe(-1);
    expect(failed.json.errmsg).toMatch(new RegExp(`^${errorEntry('wechat', '-1').message} rid: `));
    expect((await post(`/card/code/get?access_token=${token}`, { code })).json.user_card_status).toBe('NORMAL');
    expect((await post(`/card/code/consume?access_token=${token}`, { code })).json.errcode).toBe(0);
    const listed = await control('GET', '/_sandbox/faults');
    expect(listed.json.faults[0]).toMatchObject({ kind: 'vendor_error', error: '-1', hits: 1, remaining: 0 });
  });

  it('answers 429 FREQUENCY_LIMITED on v3 by key, and the X-Sandbox-Fault header only for the request that carries it', async () => {
    const coupon = sendedCoupon();
    const headed = await post(USE, useBody(coupon, 'h-1'), { 'X-Sandbox-Fault': 'vendor_error=FREQUENCY_LIMITED' });
    expect({ status: headed.status, code: headed.json.code }).toEqual({ status: 429, code: 'FREQUENCY_LIMITED' });
    expect(couponState(coupon.coupon_code)).toBe('SENDED');
    expect((await post(USE, useBody(coupon, 'h-1'))).status).toBe(200);
    const log = await control('GET', '/_sandbox/faults/log');
    expect(log.json.log).toEqual([
      expect.objectContaining({ source: 'header', kind: 'vendor_error', error: 'FREQUENCY_LIMITED', operation: 'wechatpay.busifavor-use-coupon' }),
    ]);
  });

  it('refuses an error that is not in the vendor catalogue', async () => {
    expect((await control('POST', '/_sandbox/faults', { vendor: 'wechat', kind: 'vendor_error', error: 'NOPE' })).status).toBe(400);
  });
});

describe('timeout_after_commit', () => {
  it('times out at the client, the coupon reads USED, the retry with the same use_request_no gets the first result', async () => {
    const coupon = sendedCoupon();
    await addFault({ operation: 'wechatpay.busifavor-use-coupon', kind: 'timeout_after_commit', hold_ms: 2000, count: 1 });
    await expect(post(USE, useBody(coupon, 'u-timeout'), {}, 300)).rejects.toThrow(/abort|timeout/i);
    expect(couponState(coupon.coupon_code)).toBe('USED');
    const retry = await post(USE, useBody(coupon, 'u-timeout'));
    expect(retry.status, retry.text).toBe(200);
    expect(retry.json).toMatchObject({ stock_id: coupon.stock_id, openid: U0 });
  });

  it('drops the connection after the hold when the client waits', async () => {
    const coupon = sendedCoupon();
    await addFault({ vendor: 'wechatpay', kind: 'timeout_after_commit', hold_ms: 50 });
    await expect(post(USE, useBody(coupon, 'u-drop'))).rejects.toThrow();
    expect(couponState(coupon.coupon_code)).toBe('USED');
  });
});

describe('socket kinds', () => {
  it('connection_reset fails the fetch and changes nothing', async () => {
    const coupon = sendedCoupon();
    await post(USE, useBody(coupon, 'r-1'), { 'X-Sandbox-Fault': 'connection_reset' }).then(
      () => expect.unreachable(),
      (error: Error) => expect(error.message).toMatch(/fetch failed/),
    );
    expect(couponState(coupon.coupon_code)).toBe('SENDED');
  });

  it('empty_response closes without a byte after applying the operation', async () => {
    const coupon = sendedCoupon();
    await addFault({ vendor: 'wechatpay', kind: 'empty_response', count: 1 });
    await expect(post(USE, useBody(coupon, 'e-1'))).rejects.toThrow(/fetch failed/);
    expect(couponState(coupon.coupon_code)).toBe('USED');
  });

  it('malformed_body sends truncated JSON', async () => {
    const token = await wechatToken();
    await addFault({ vendor: 'wechat', operation: 'wechat.code-get', kind: 'malformed_body' });
    const res = await fetch(`${running.url}/card/code/get?access_token=${token}`, { method: 'POST', body: JSON.stringify({ code: givenCode() }) });
    const text = await res.text();
    expect(text.startsWith('{')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe('latency', () => {
  it('delays by the fixed ms, within ±20%', async () => {
    const token = await wechatToken();
    const code = givenCode();
    // The fastest of a few calls, so a load spike on a shared machine does not count as latency.
    const fastest = async (n: number) => {
      let best = Infinity;
      for (let i = 0; i < n; i++) {
        const started = performance.now();
        expect((await post(`/card/code/get?access_token=${token}`, { code })).json.errcode).toBe(0);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const baseline = await fastest(5);
    await addFault({ vendor: 'wechat', kind: 'latency', ms: 200 });
    const took = (await fastest(3)) - baseline;
    expect(took).toBeGreaterThanOrEqual(200 * 0.8);
    expect(took).toBeLessThanOrEqual(200 * 1.2);
  });
});

describe('probability with a seed', () => {
  it('gives the same sequence twice', async () => {
    const token = await wechatToken();
    const code = givenCode();
    const run = async () => {
      await control('DELETE', '/_sandbox/faults');
      await addFault({ operation: 'wechat.code-get', kind: 'vendor_error', error: 45011, probability: 0.5, seed: 1234 });
      const seq: number[] = [];
      for (let i = 0; i < 16; i++) seq.push((await post(`/card/code/get?access_token=${token}`, { code })).json.errcode);
      return seq;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([0, 45011]));
    expect(await run()).toEqual(first);
  });
});

describe('rate limits', () => {
  it('600 v3 uses in one sandbox second with a 500 QPS limit: the last 100 get 429 FREQUENCY_LIMITED', async () => {
    const set = await control('POST', '/_sandbox/limits', { wechatpay_qps_by_operation: { 'wechatpay.busifavor-use-coupon': 500 } });
    expect(set.status).toBe(200);
    const coupon = sendedCoupon();
    const statuses: number[] = [];
    for (let batch = 0; batch < 12; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post(USE, useBody(coupon, `q-${batch}-${i}`))));
      statuses.push(...answers.map((a) => (a.json?.code === 'FREQUENCY_LIMITED' ? 429 : a.status)));
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(100);
    expect(statuses.slice(500).every((s) => s === 429)).toBe(true);
    const limits = await control('GET', '/_sandbox/limits');
    expect(limits.json.counters).toEqual([
      expect.objectContaining({ vendor: 'wechatpay', operation: 'wechatpay.busifavor-use-coupon', window: 'second', count: 600 }),
    ]);
    // The next sandbox second starts a new window.
    running.sandbox.clock.advance(1000);
    expect((await post(USE, useBody(coupon, 'q-next'))).json?.code).not.toBe('FREQUENCY_LIMITED');
  });

  it('WeChat daily quota: 45009 beyond it until Shanghai midnight or clear-quota', async () => {
    let token = await wechatToken();
    const code = givenCode();
    await control('POST', '/_sandbox/limits', { wechat_daily_quota_by_operation: { 'wechat.code-get': 2 } });
    const get = async () => (await post(`/card/code/get?access_token=${token}`, { code })).json.errcode;
    expect([await get(), await get(), await get()]).toEqual([0, 0, 45009]);
    expect((await control('POST', '/_sandbox/limits/clear-quota', {})).json.ok).toBe(true);
    expect(await get()).toBe(0);
    expect(await get()).toBe(0);
    expect(await get()).toBe(45009);
    // T0 is 10:00 in Shanghai: 14 hours on is the next Shanghai day.
    running.sandbox.clock.advance(14 * 3600_000);
    token = await wechatToken(); // the old one expired (7200 s)
    expect(await get()).toBe(0);
    const log = await control('GET', '/_sandbox/faults/log');
    expect(log.json.log.filter((e: any) => e.source === 'limits' && e.error === '45009')).toHaveLength(2);
  });
});
