import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/node.js';
import { createSandbox } from '../../src/sandbox.js';
import { WorldRegistry } from '../../src/worlds/registry.js';
import { World } from '../../src/pipeline/world.js';
import { resolveOptions } from '../../src/options.js';
import { VENDORS } from '../../src/vendors.js';
import { createWorld, json, normalCodes, serveWorlds, v3, waiqin, waiqinError, wechat, wechatError, wechatpayError, type Created } from './support.js';

/** Every credential of a world, tried after it is gone: each vendor's own unknown-credential answer. */
async function expectAllRefused(base: string, world: Created, token: string): Promise<void> {
  const wx = wechat(base, world.credentials.wechat);
  expect(await wx.token()).toEqual(wechatError('40013'));
  expect(await wx.call('/card/batchget', token, { offset: 0, count: 1 })).toEqual(wechatError('40001'));
  const pay = await v3(base, world.credentials.wechatpay, 'GET', '/v3/marketing/busifavor/stocks/98065001');
  expect(pay.status).toBe(401);
  expect(pay.body).toMatchObject(wechatpayError('SIGN_ERROR_MCHID'));
  expect(await waiqin(base, world.credentials.waiqin, 'queryVoucherUsedInfo', { voucherId: '708742168422351694' })).toMatchObject(
    waiqinError('UNKNOWN_OPENID'),
  );
  const control = await json(`${base}/_sandbox/credentials?world=${world.id}`);
  expect(control.status).toBe(404);
}

describe('worlds come and go', () => {
  let running: RunningSandbox;
  let base: string;

  beforeAll(async () => {
    running = await serveWorlds();
    base = running.url;
  });
  afterAll(() => running.close());

  it('200 worlds created concurrently all work, each isolated', async () => {
    const before = await normalCodes(base, 'default');
    const worlds = await Promise.all(Array.from({ length: 200 }, () => createWorld(base)));
    expect(new Set(worlds.map((w) => w.id)).size).toBe(200);
    const code = before[0]!;
    // Every world consumes the same seeded code: each succeeds once, so none saw another's consume.
    const answers = await Promise.all(
      worlds.map(async (w) => {
        const client = wechat(base, w.credentials.wechat);
        const token = (await client.token()).access_token as string;
        const first = await client.call('/card/code/consume', token, { code });
        const again = await client.call('/card/code/consume', token, { code });
        return { first, again, token };
      }),
    );
    for (const { first, again } of answers) {
      expect(first).toMatchObject({ errcode: 0 });
      expect(again).toEqual(wechatError('40099'));
    }
    expect(new Set(answers.map((a) => a.token)).size).toBe(200);
    expect(await normalCodes(base, 'default')).toEqual(before);
    await Promise.all(worlds.map((w) => json(`${base}/_sandbox/worlds/${w.id}`, { method: 'DELETE' })));
  });

  it("a deleted world's credentials get each vendor's unknown-credential error", async () => {
    const world = await createWorld(base);
    const token = (await wechat(base, world.credentials.wechat).token()).access_token as string;
    const deleted = await json(`${base}/_sandbox/worlds/${world.id}`, { method: 'DELETE' });
    expect(deleted).toEqual({ status: 200, body: { ok: true, id: world.id } });
    await expectAllRefused(base, world, token);
    expect((await json(`${base}/_sandbox/worlds/${world.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it("an expired world's credentials get each vendor's unknown-credential error", async () => {
    const world = await createWorld(base, { ttl_seconds: 1 });
    const token = (await wechat(base, world.credentials.wechat).token()).access_token as string;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expectAllRefused(base, world, token);
    const listed = (await json(`${base}/_sandbox/worlds`)).body.worlds.map((w: any) => w.id);
    expect(listed).not.toContain(world.id);
  });

  it('refuses the default world’s deletion and bad create bodies', async () => {
    expect((await json(`${base}/_sandbox/worlds/default`, { method: 'DELETE' })).status).toBe(400);
    const bad = await json(`${base}/_sandbox/worlds`, { method: 'POST', body: JSON.stringify({ seed: -1 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
  });
});

describe('the world limit and what a removed world leaves behind', () => {
  it('answers 409 WORLD_LIMIT past maxWorlds', async () => {
    const sandbox = createSandbox({ maxWorlds: 2 });
    for (let i = 0; i < 2; i++) expect((await sandbox.app.request('/_sandbox/worlds', { method: 'POST', body: '{}' })).status).toBe(200);
    const refused = await sandbox.app.request('/_sandbox/worlds', { method: 'POST', body: '{}' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: { code: 'WORLD_LIMIT', message: expect.stringContaining('2 worlds') } });
  });

  it('drops the routes and tokens of a deleted world (nothing keeps it alive)', async () => {
    let now = 0;
    const registry = new WorldRegistry(new World(resolveOptions({}), VENDORS), VENDORS, { ttlSeconds: 60, maxWorlds: 10 }, () => now);
    const { id, world } = registry.create();
    const appid = world.keys!.wechatApps[0]!;
    const mchid = world.keys!.mchids[0]!;
    const { access_token } = world.store<any>('wechat').transact((state) => {
      // issue a token the way the rule does, through the state's own book
      state.tokens.issue('tok-1', 0, 0);
      return { access_token: 'tok-1' };
    });
    expect(registry.byToken(access_token)).toBe(world);
    expect(registry.byCredential(appid.appid)).toBe(world);
    expect(registry.indexSizes()).toEqual({ worlds: 1, credentials: 2 + 6 + 1, tokens: 1 });
    expect(registry.remove(id)).toBe(true);
    expect(registry.indexSizes()).toEqual({ worlds: 0, credentials: 0, tokens: 0 });
    expect(registry.byToken(access_token)).toBeUndefined();
    expect(registry.byCredential(mchid)).toBeUndefined();
    // Expiry is real time unused: a world touched within its TTL stays.
    const kept = registry.create({ ttl_seconds: 10 });
    now += 9_000;
    expect(registry.get(kept.id)).toBe(kept.world);
    now += 9_000;
    expect(registry.get(kept.id)).toBe(kept.world);
    now += 10_000;
    expect(registry.get(kept.id)).toBeUndefined();
    expect(registry.indexSizes()).toEqual({ worlds: 0, credentials: 0, tokens: 0 });
  });
});
