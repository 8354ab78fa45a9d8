import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/sandbox.js';
import { expectOk, START, wechatSandbox } from './support.js';

describe('seeded world', () => {
  it('is the same for the same seed and different for another', () => {
    const a = createSandbox({ seed: 5, startAt: START, frozen: true }).wechat;
    const b = createSandbox({ seed: 5, startAt: START, frozen: true }).wechat;
    const c = createSandbox({ seed: 6, startAt: START, frozen: true }).wechat;
    expect(a.identities()).toEqual(b.identities());
    expect(a.credentials()).toEqual(b.credentials());
    expect(c.identities().apps[0]!.cards).not.toEqual(a.identities().apps[0]!.cards);
    expect(c.credentials().test_users).not.toEqual(a.credentials().test_users);
  });

  it("keeps the apps' appid and secret across seeds, so start-up credentials survive a reset", () => {
    const apps = (seed: number) =>
      createSandbox({ seed, startAt: START, frozen: true })
        .wechat.credentials()
        .apps.map(({ appid, secret }) => ({ appid, secret }));
    const first = apps(1);
    expect(new Set(first.map((a) => a.appid)).size).toBe(2);
    for (const seed of [0, 2, 7, 123456]) expect(apps(seed)).toEqual(first);
  });

  it('answers the start-up token request after POST /_sandbox/reset {"seed":7}', async () => {
    const sandbox = createSandbox({ startAt: START, frozen: true });
    const { appid, secret } = sandbox.wechat.credentials();
    const reset = await sandbox.app.request('/_sandbox/reset', { method: 'POST', body: '{"seed":7}' });
    expect(reset.status).toBe(200);
    const res = await sandbox.app.request(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
    expect(await res.json()).toEqual({ access_token: expect.any(String), expires_in: 7200 });
  });

  it('holds cards of several types and statuses, and several apps', () => {
    const ids = createSandbox({ startAt: START, frozen: true }).wechat.identities();
    expect(ids.apps.length).toBeGreaterThanOrEqual(2);
    const cards = ids.apps[0]!.cards;
    expect(new Set(cards.map((c) => c.status))).toEqual(
      new Set(['CARD_STATUS_NOT_VERIFY', 'CARD_STATUS_VERIFY_FAIL', 'CARD_STATUS_VERIFY_OK', 'CARD_STATUS_DELETE', 'CARD_STATUS_DISPATCH']),
    );
    expect(new Set(cards.map((c) => c.card_type)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(cards.map((c) => c.cond_source))).toEqual(new Set([0, 1]));
  });

  it('starts empty with --empty (apps and test users only) and reset restores the world', async () => {
    const w = wechatSandbox({ empty: true });
    expect(w.sandbox.wechat.identities().apps[0]!.cards).toEqual([]);
    expect(w.creds.test_users.length).toBeGreaterThan(0);
    const seeded = wechatSandbox();
    const before = seeded.sandbox.wechat.identities();
    const token = await seeded.token();
    const code = before.apps[0]!.users[0]!.codes.find((c) => c.status === 'NORMAL')!.code;
    expectOk(await seeded.post('/card/code/consume', { code }, token));
    expect(seeded.sandbox.wechat.identities()).not.toEqual(before);
    expect((await seeded.sandbox.app.request('/_sandbox/reset', { method: 'POST' })).status).toBe(200);
    expect(seeded.sandbox.wechat.identities()).toEqual(before);
  });

  it('lists credentials and identities over HTTP', async () => {
    const w = wechatSandbox();
    const creds = await w.send('/_sandbox/credentials');
    expect(creds.json.wechat).toMatchObject({ appid: expect.stringMatching(/^wx[0-9a-f]{16}$/), secret: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const ids = await w.send('/_sandbox/wechat/identities');
    expect(ids.json.apps[0].appid).toBe(creds.json.wechat.appid);
  });

  it('builds quickly (start-up budget)', () => {
    const t = performance.now();
    createSandbox({ seed: 99 });
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('bulk codes (load tests)', () => {
  it('generates 200 000 codes quickly, each answering the code APIs', async () => {
    const w = wechatSandbox();
    const t = performance.now();
    const r = await w.control('bulk-codes', { count: 200_000 });
    expect(performance.now() - t).toBeLessThan(3000);
    expect(r.json).toMatchObject({ count: 200_000, first_code: expect.stringMatching(/^\d{12}$/) });
    const token = await w.token();
    const got = await w.post('/card/code/get', { code: r.json.last_code }, token);
    expect(got.json).toMatchObject({ errcode: 0, user_card_status: 'NORMAL', card: { card_id: r.json.card_id } });
    expectOk(await w.post('/card/code/consume', { code: r.json.first_code }, token));
    const list = await w.post('/card/user/getcardlist', { openid: got.json.openid }, token);
    expect(list.json.card_list).toEqual([{ code: r.json.last_code, card_id: r.json.card_id }]);
  });

  it('honours stock when filling an existing card (45031)', async () => {
    const w = wechatSandbox();
    const cash = w.card((c) => c.card_type === 'CASH' && !c.use_custom_code);
    const r = await w.control('bulk-codes', { card_id: cash.card_id, count: cash.quantity + 1 });
    expect(r.json.error.vendor_error.code).toBe(45031);
    expect((await w.control('bulk-codes', { card_id: cash.card_id, count: cash.quantity })).status).toBe(200);
  });
});
