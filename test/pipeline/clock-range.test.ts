import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOCK_MAX_MS } from '../../src/engine/clock.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { createSandbox } from '../../src/sandbox.js';

const START = Date.parse('2026-03-02T10:00:00+08:00');
let running: RunningSandbox;
beforeAll(async () => {
  running = await serveSandbox({ port: 0, startAt: START, frozen: true });
});
afterAll(() => running.close());

const post = (path: string, body: unknown) =>
  fetch(running.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('moving the clock out of range', () => {
  const refused: [string, unknown][] = [
    ['advance_seconds 1e300', { advance_seconds: 1e300 }],
    ['advance_seconds -1e13', { advance_seconds: -1e13 }],
    ['set 1e20', { set: 1e20 }],
    ['set to the last instant a Date holds', { set: '+275760-09-13T00:00:00.000Z' }],
    ['set after 2106 (beyond unsigned 32-bit seconds)', { set: '2200-01-01T00:00:00Z' }],
    ['set before 1970', { set: '1969-12-31T23:59:59Z' }],
    ['advance past the end from a valid set (refused as a whole)', { set: CLOCK_MAX_MS - 1000, advance_seconds: 2 }],
    ['advance before 1970', { advance_seconds: -(START / 1000) - 1 }],
  ];
  for (const [name, body] of refused) {
    it(`refuses ${name} with 400 BAD_REQUEST and leaves the clock alone`, async () => {
      const before = await (await fetch(`${running.url}/_sandbox/clock`)).json();
      const res = await post('/_sandbox/clock', body);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('BAD_REQUEST');
      const after = await fetch(`${running.url}/_sandbox/clock`);
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual(before);
    });
  }

  it('still issues live tokens and signs waiqin365 requests with sane timestamps afterwards', async () => {
    await post('/_sandbox/clock', { advance_seconds: 1e300 });
    const { appid, secret } = running.sandbox.wechat.credentials();
    const token = await (await fetch(`${running.url}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json();
    const list = await (await post(`/card/batchget?access_token=${token.access_token}`, { offset: 0, count: 1 })).json();
    expect(list.errcode).toBe(0);
    const signed = await (await post('/_sandbox/waiqin/sign', { method: 'getVoucherInfos', body: '{}' })).json();
    expect(signed.timestamp).toBe('20260302100000');
  });

  it('accepts the last instant of the range', async () => {
    const res = await post('/_sandbox/clock', { set: CLOCK_MAX_MS });
    expect(res.status).toBe(200);
    expect((await res.json()).iso).toBe('2106-02-07T06:28:15.000Z');
    await post('/_sandbox/clock', { set: START });
  });
});

describe('a start instant out of range', () => {
  it('is refused when the sandbox is built', () => {
    expect(() => createSandbox({ startAt: 1e20 })).toThrow(RangeError);
    expect(() => createSandbox({ startAt: -1 })).toThrow(RangeError);
  });
});
