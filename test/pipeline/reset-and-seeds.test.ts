import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { MAX_SEED } from '../../src/options.js';
import { createSandbox } from '../../src/sandbox.js';

let running: RunningSandbox;
beforeAll(async () => {
  running = await serveSandbox({ port: 0, seed: 5, startAt: Date.parse('2026-03-02T10:00:00+08:00'), frozen: true });
});
afterAll(() => running.close());

const reset = (body: unknown) =>
  fetch(`${running.url}/_sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const credentials = async () => (await fetch(`${running.url}/_sandbox/credentials`)).json();

describe('POST /_sandbox/reset', () => {
  it('restores the start-up world on a bare reset, whatever seed an earlier reset chose', async () => {
    const startup = await credentials();
    expect(await (await reset({ seed: 7 })).json()).toMatchObject({ ok: true, seed: 7, empty: false });
    const seven = await credentials();
    expect(seven).not.toEqual(startup);
    expect(await (await reset({})).json()).toMatchObject({ ok: true, seed: 5, empty: false });
    expect(await credentials()).toEqual(startup);
  });

  it('takes each field absent as at start-up: {"empty":true} empties the start-up seed, then {} brings the data back', async () => {
    expect(await (await reset({ seed: 7 })).json()).toMatchObject({ seed: 7 });
    expect(await (await reset({ empty: true })).json()).toMatchObject({ seed: 5, empty: true });
    expect(running.sandbox.wechat.identities().apps[0]!.cards).toEqual([]);
    expect(await (await reset({})).json()).toMatchObject({ seed: 5, empty: false });
    expect(running.sandbox.wechat.identities().apps[0]!.cards.length).toBeGreaterThan(0);
  });

  for (const seed of [MAX_SEED + 1, -1, 1.5, 2 ** 63]) {
    it(`refuses seed ${seed} with 400 and keeps the world`, async () => {
      const before = await credentials();
      const res = await reset({ seed });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('BAD_REQUEST');
      expect(await credentials()).toEqual(before);
    });
  }

  it(`accepts the largest seed, ${MAX_SEED}`, async () => {
    expect((await reset({ seed: MAX_SEED })).status).toBe(200);
    await reset({});
  });
});

describe('the seed option', () => {
  it("is an integer from 0 to 2^32-1: a larger one no longer aliases a smaller one's world", () => {
    expect(() => createSandbox({ seed: 4294967296 })).toThrow(RangeError);
    expect(() => createSandbox({ seed: -1 })).toThrow(RangeError);
    expect(() => createSandbox({ seed: 0.5 })).toThrow(RangeError);
    expect(() => createSandbox().reset({ seed: 4294967296 })).toThrow(RangeError);
    expect(createSandbox({ seed: 0 }).credentials()).not.toEqual(createSandbox({ seed: MAX_SEED }).credentials());
  });
});
