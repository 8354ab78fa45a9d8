import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/node.js';
import { createWorld, json, normalCodes, serveWorlds, v3, waiqin, waiqinError, wechat, wechatError, wechatpayError, type Created } from './support.js';

/** Worlds of one sandbox over a real socket: each holds its own data, clock and tokens. */
describe('worlds are isolated', () => {
  let running: RunningSandbox;
  let base: string;
  let a: Created;
  let b: Created;

  beforeAll(async () => {
    running = await serveWorlds();
    base = running.url;
    [a, b] = await Promise.all([createWorld(base, { seed: 7, name: 'A' }), createWorld(base, { seed: 7, name: 'B' })]);
  });
  afterAll(() => running.close());

  it('gives each world its own credentials, none of them the default world’s', async () => {
    const def = (await json(`${base}/_sandbox/credentials`)).body;
    const fromRoute = (await json(`${base}/_sandbox/credentials?world=${a.id}`)).body;
    expect(fromRoute).toEqual(a.credentials);
    expect(a.id).toMatch(/^w_[0-9a-f]{24}$/);
    for (const world of [a, b]) {
      expect(world.credentials.wechat.appid).toMatch(/^wx[0-9a-f]{16}$/);
      expect(world.credentials.wechatpay.mchid).toMatch(/^\d{10}$/);
      expect(world.credentials.waiqin.openid).toMatch(/^\d{19}$/);
    }
    const ids = (c: any) => [c.wechat.appid, c.wechat.secret, c.wechatpay.mchid, c.waiqin.openid, c.waiqin.appkey];
    const all = [...ids(def), ...ids(a.credentials), ...ids(b.credentials)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('two worlds of the same seed hold the same codes', async () => {
    const [codesA, codesB] = await Promise.all([normalCodes(base, a.id), normalCodes(base, b.id)]);
    expect(codesA.length).toBeGreaterThan(0);
    expect(codesA).toEqual(codesB);
  });

  it('consuming a code in world A leaves it NORMAL in world B', async () => {
    const code = (await normalCodes(base, a.id))[0]!;
    const wa = wechat(base, a.credentials.wechat);
    const wb = wechat(base, b.credentials.wechat);
    const [ta, tb] = [(await wa.token()).access_token, (await wb.token()).access_token];
    expect(await wa.call('/card/code/consume', ta, { code })).toMatchObject({ errcode: 0 });
    // WeChat answers code/get of a consumed code with 40099.
    expect(await wa.call('/card/code/get', ta, { code })).toEqual(wechatError('40099'));
    expect(await wb.call('/card/code/get', tb, { code })).toMatchObject({ errcode: 0, user_card_status: 'NORMAL' });
    expect(await normalCodes(base, b.id)).toContain(code);
  });

  it("refuses A's credentials in B: A's token acts only on A, A's secret is not B's, a world header cannot move a vendor call", async () => {
    const wa = wechat(base, a.credentials.wechat);
    const wb = wechat(base, b.credentials.wechat);
    const ta = (await wa.token()).access_token;
    // A card created in B does not exist for A's token.
    const created = await wb.call('/card/create', (await wb.token()).access_token, {
      card: {
        card_type: 'GROUPON',
        groupon: {
          base_info: {
            logo_url: 'http://mmbiz.qpic.cn/x/0',
            code_type: 'CODE_TYPE_QRCODE',
            brand_name: 'B',
            title: 'only in B',
            color: 'Color010',
            notice: 'n',
            description: 'd',
            date_info: { type: 'DATE_TYPE_FIX_TERM', fixed_term: 30, fixed_begin_term: 0 },
            sku: { quantity: 10 },
          },
          deal_detail: 'x',
        },
      },
    });
    expect(created).toMatchObject({ errcode: 0 });
    expect(await wa.call('/card/get', ta, { card_id: created.card_id })).toEqual(wechatError('40073'));
    const moved = await json(`${base}/card/get?access_token=${ta}`, {
      method: 'POST',
      body: JSON.stringify({ card_id: created.card_id }),
      headers: { 'x-sandbox-world': b.id },
    });
    expect(moved.body).toEqual(wechatError('40073'));
    expect(await wechat(base, { appid: a.credentials.wechat.appid, secret: b.credentials.wechat.secret }).token()).toEqual(wechatError('40125'));
  });

  it("advancing A's clock leaves B's alone (and only A's tokens expire)", async () => {
    const wa = wechat(base, a.credentials.wechat);
    const wb = wechat(base, b.credentials.wechat);
    const [ta, tb] = [(await wa.token()).access_token, (await wb.token()).access_token];
    const before = (await json(`${base}/_sandbox/clock`, { headers: { 'x-sandbox-world': b.id } })).body;
    const moved = await json(`${base}/_sandbox/clock?world=${a.id}`, { method: 'POST', body: JSON.stringify({ advance_seconds: 7200 }) });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.now)).toBe(Date.parse(before.now) + 7200_000);
    expect((await json(`${base}/_sandbox/clock?world=${b.id}`)).body).toEqual(before);
    expect((await json(`${base}/_sandbox/clock`)).body).toEqual(before);
    expect(await wa.call('/card/batchget', ta, { offset: 0, count: 1 })).toEqual(wechatError('42001'));
    expect(await wb.call('/card/batchget', tb, { offset: 0, count: 1 })).toMatchObject({ errcode: 0 });
    await json(`${base}/_sandbox/clock?world=${a.id}`, { method: 'POST', body: JSON.stringify({ advance_seconds: -7200 }) });
  });

  it("a v3 coupon sent with B's mchid is invisible to A's mchid", async () => {
    const pb = b.credentials.wechatpay;
    const openid = pb.openids[0];
    const appid = pb.appids[0];
    const stocks = (await json(`${base}/_sandbox/wechatpay/stocks?world=${b.id}`)).body.stocks;
    const stock = stocks.find((s: any) => s.stock_state === 'RUNNING' && s.coupon_code_mode === 'WECHATPAY_MODE' && s.belong_merchant === pb.mchid);
    expect(stock, 'a running stock of B’s merchant').toBeDefined();
    const sent = await v3(base, pb, 'POST', '/v3/marketing/busifavor/coupons/send', { stock_id: stock.stock_id, openid, appid, out_request_no: 'world-b-1' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const path = `/v3/marketing/busifavor/users/${openid}/coupons/${sent.body.coupon_code}/appids/${appid}`;
    const inB = await v3(base, pb, 'GET', path);
    expect(inB.status).toBe(200);
    expect(inB.body).toMatchObject({ stock_id: stock.stock_id, belong_merchant: pb.mchid });
    const inA = await v3(base, a.credentials.wechatpay, 'GET', path);
    expect(inA.status).toBe(404);
    expect(inA.body).toMatchObject(wechatpayError('COUPON_NOT_EXISTS'));
    const listB = await v3(base, pb, 'GET', `/v3/marketing/busifavor/users/${openid}/coupons?appid=${appid}&creator_merchant=${pb.mchid}&limit=50`);
    expect(listB.body.data.map((c: any) => c.coupon_code)).toContain(sent.body.coupon_code);
    const listA = await v3(
      base,
      a.credentials.wechatpay,
      'GET',
      `/v3/marketing/busifavor/users/${openid}/coupons?appid=${appid}&creator_merchant=${a.credentials.wechatpay.mchid}&limit=50`,
    );
    expect(listA.status, JSON.stringify(listA.body)).toBe(200);
    // A's own (seeded) coupons are listed: the answer is not empty for want of data.
    expect(listA.body.data.length).toBeGreaterThan(0);
    expect(listA.body.data.map((c: any) => c.coupon_code)).not.toContain(sent.body.coupon_code);
  });

  it('routes waiqin365 by the tenant openid, each world signing with its own appkey', async () => {
    const ok = await waiqin(base, a.credentials.waiqin, 'queryVoucherUsedInfo', { voucherId: '708742168422351694', voucherStatus: '0' });
    expect(ok.return_code).toBe('0');
    const crossed = await waiqin(base, { openid: a.credentials.waiqin.openid, appkey: b.credentials.waiqin.appkey }, 'queryVoucherUsedInfo', {
      voucherId: '708742168422351694',
    });
    expect(crossed).toMatchObject(waiqinError('BAD_DIGEST'));
  });

  it('lists every world, the default one first', async () => {
    const { body } = await json(`${base}/_sandbox/worlds`);
    expect(body.worlds[0]).toEqual({ id: 'default', name: null, created_at: expect.any(String), expires_at: null, default: true });
    expect(body.worlds).toContainEqual({ id: a.id, name: 'A', created_at: expect.any(String), expires_at: expect.any(String), default: false });
  });

  it('answers 404 naming an unknown world on every control route', async () => {
    for (const path of ['/_sandbox/credentials', '/_sandbox/clock', '/_sandbox/wechat/identities']) {
      const res = await json(`${base}${path}?world=w_nope`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('"w_nope"') } });
    }
    const reset = await json(`${base}/_sandbox/reset`, { method: 'POST', body: '{}', headers: { 'x-sandbox-world': 'w_nope' } });
    expect(reset.status).toBe(404);
  });

  it('resets one world without touching another', async () => {
    const code = (await normalCodes(base, b.id))[0]!;
    const wb = wechat(base, b.credentials.wechat);
    expect(await wb.call('/card/code/consume', (await wb.token()).access_token, { code })).toMatchObject({ errcode: 0 });
    const codesA = await normalCodes(base, a.id);
    expect((await json(`${base}/_sandbox/reset?world=${b.id}`, { method: 'POST', body: '{}' })).status).toBe(200);
    expect(await normalCodes(base, b.id)).toContain(code);
    expect(await normalCodes(base, a.id)).toEqual(codesA);
    // Its credentials survive a reset, as the default world's do.
    expect((await wb.token()).access_token).toEqual(expect.any(String));
  });
});
