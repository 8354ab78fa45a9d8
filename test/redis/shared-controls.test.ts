/**
 * The sandbox's own controls on three built CLI processes sharing one real redis-server: the
 * clock, tokens, reset, snapshots and worlds are one shared state, whichever instance moves them.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { skipRedis } from './redis-server.js';
import { expectNoBugLines, expectWechatError, seededNormalCodes, shareToken, wechatToken, type Instance, useCluster } from './support.js';
import { createWorld, json, normalCodes, wechat, wechatError } from '../worlds/support.js';

const all = useCluster(3, 3).instances;
let a: Instance, b: Instance, c: Instance;
beforeAll(() => void ([a, b, c] = all as [Instance, Instance, Instance]));

// Each case starts from the seeded world on a running clock (a reset drops the tokens: one new one for all).
beforeEach(async () => {
  if (skipRedis) return;
  expect((await a.control('POST', '/_sandbox/reset', {})).status).toBe(200);
  await shareToken(all);
});

const clockOf = async (i: Instance) => (await i.control('GET', '/_sandbox/clock')).json;

describe.skipIf(skipRedis)('one clock, one token book', () => {
  it('freezes on A, reads the same instant on B and C; advances on B, the same instant everywhere', async () => {
    const frozen = await a.control('POST', '/_sandbox/clock', { freeze: true });
    expect(frozen.status, frozen.text).toBe(200);
    expect(frozen.json.frozen).toBe(true);
    const at = frozen.json.now as number;
    for (const i of [b, c]) expect(await clockOf(i)).toEqual(frozen.json);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const moved = await b.control('POST', '/_sandbox/clock', { advance_seconds: 3600 });
    expect(moved.json).toMatchObject({ now: at + 3_600_000, frozen: true });
    for (const i of all) expect(await clockOf(i)).toEqual(moved.json);
    const set = Date.parse('2027-01-05T10:00:00+08:00');
    const setOnC = await c.control('POST', '/_sandbox/clock', { set, freeze: true });
    expect(setOnC.json).toMatchObject({ now: set, frozen: true });
    for (const i of all) expect((await clockOf(i)).now).toBe(set);
  });

  it('a token minted on A before B advances the clock 7,200 s is 42001 on C (and on A), a new one works everywhere', async () => {
    await a.control('POST', '/_sandbox/clock', { freeze: true });
    const token = await wechatToken(a);
    const card = (await seededNormalCodes(a))[0]!;
    const get = (i: Instance, t: string) =>
      fetch(`${i.url}/card/code/get?access_token=${t}`, { method: 'POST', body: JSON.stringify({ code: card.code, card_id: card.card_id }) }).then(
        async (r) => ({
          status: r.status,
          text: '',
          json: await r.json(),
        }),
      );
    expect((await get(c, token)).json.errcode).toBe(0);
    expect((await b.control('POST', '/_sandbox/clock', { advance_seconds: 7199 })).status).toBe(200);
    expect((await get(c, token)).json.errcode).toBe(0);
    expect((await b.control('POST', '/_sandbox/clock', { advance_seconds: 1 })).status).toBe(200);
    expectWechatError(await get(c, token), '42001');
    expectWechatError(await get(a, token), '42001');
    const fresh = await wechatToken(b);
    for (const i of all) expect((await get(i, fresh)).json.errcode).toBe(0);
  });
});

describe.skipIf(skipRedis)('reset and snapshots', () => {
  it('reset on A restores a code consumed on C to NORMAL on B', async () => {
    const { code, card_id } = (await seededNormalCodes(b))[0]!;
    expect((await c.wechat('/card/code/consume', { code })).json.errcode).toBe(0);
    expect((await b.codeGet(code, card_id)).json.user_card_status).toBe('CONSUMED');
    const reset = await a.control('POST', '/_sandbox/reset', {});
    expect(reset.json).toMatchObject({ ok: true, seed: 1, empty: false });
    await shareToken(all);
    for (const i of all) expect((await i.codeGet(code, card_id)).json).toMatchObject({ errcode: 0, user_card_status: 'NORMAL' });
  });

  it('a snapshot saved on A, a change on B, restored on C: the state is back on every instance', async () => {
    const [first, second] = await seededNormalCodes(a);
    const saved = await a.control('POST', '/_sandbox/snapshots', { name: 'before' });
    expect(saved.status, saved.text).toBe(200);
    for (const i of all) expect((await i.control('GET', '/_sandbox/snapshots')).json.snapshots).toMatchObject([{ name: 'before' }]);
    for (const { code } of [first!, second!]) expect((await b.wechat('/card/code/consume', { code })).json.errcode).toBe(0);
    for (const i of all) expect((await i.codeGet(first!.code, first!.card_id)).json.user_card_status).toBe('CONSUMED');
    const restored = await c.control('POST', '/_sandbox/snapshots/before/restore');
    expect(restored.json, restored.text).toMatchObject({ ok: true, name: 'before' });
    for (const i of all) {
      for (const { code, card_id } of [first!, second!])
        expect((await i.codeGet(code, card_id)).json).toMatchObject({ errcode: 0, user_card_status: 'NORMAL' });
    }
    expect((await b.control('DELETE', '/_sandbox/snapshots/before')).status).toBe(200);
    for (const i of all) expect((await i.control('GET', '/_sandbox/snapshots')).json.snapshots).toEqual([]);
  });
});

describe.skipIf(skipRedis)('worlds', () => {
  it('a world created on A works with its credentials on B and C; deleted on C, it is gone everywhere', async () => {
    const world = await createWorld(a.url);
    for (const i of all) expect((await json(`${i.url}/_sandbox/worlds`)).body.worlds.map((w: { id: string }) => w.id)).toContain(world.id);
    const onB = wechat(b.url, world.credentials.wechat);
    const { access_token: token } = await onB.token();
    expect(token).toBeTypeOf('string');
    const [code] = await normalCodes(c.url, world.id);
    expect(await wechat(c.url, world.credentials.wechat).call('/card/code/consume', token, { code })).toMatchObject({ errcode: 0 });
    // The world's own state: consumed there, untouched in the default world (the seeded codes are the same).
    expect(await onB.call('/card/code/consume', token, { code })).toEqual(wechatError('40099'));
    expect(await normalCodes(a.url, 'default')).toContain(code);

    expect(await json(`${c.url}/_sandbox/worlds/${world.id}`, { method: 'DELETE' })).toEqual({ status: 200, body: { ok: true, id: world.id } });
    for (const i of all) {
      expect((await json(`${i.url}/_sandbox/worlds`)).body.worlds.map((w: { id: string }) => w.id)).not.toContain(world.id);
      expect((await json(`${i.url}/_sandbox/credentials?world=${world.id}`)).status).toBe(404);
      const wx = wechat(i.url, world.credentials.wechat);
      expect(await wx.token()).toEqual(wechatError('40013'));
      expect(await wx.call('/card/batchget', token, { offset: 0, count: 1 })).toEqual(wechatError('40001'));
    }
    expectNoBugLines(all);
  });
});
