import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WechatAPI from 'co-wechat-api';
import { setupSandboxServer } from '../../mocks/node.js';
import { errorEntry } from '../../src/index.js';

/**
 * A real, unmodified npm WeChat SDK (co-wechat-api 3.x: node `https` through httpx, every URL
 * hard-coded to https://api.weixin.qq.com) working against the sandbox purely through msw.
 */
const START = Date.parse('2026-03-01T08:00:00.000Z');
const { server, sandbox } = setupSandboxServer({ seed: 11, startAt: START, frozen: true, validateResponses: true });
const requested: string[] = [];
const errcodes: Promise<number>[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    requested.push(`${request.method} ${url.origin}${url.pathname}`);
  });
  // Request logging through msw's life-cycle events: what the sandbox answered, call by call.
  server.events.on('response:mocked', ({ response }) => {
    errcodes.push(
      response
        .clone()
        .json()
        .then((body: { errcode?: number }) => body.errcode ?? 0),
    );
  });
});
afterEach(() => {
  sandbox.reset();
  requested.length = 0;
  errcodes.length = 0;
});
afterAll(() => server.close());

const card = {
  card_type: 'GROUPON',
  groupon: {
    base_info: {
      logo_url: 'http://mmbiz.qpic.cn/mmbiz/logo/0',
      brand_name: '微信餐厅',
      code_type: 'CODE_TYPE_TEXT',
      title: '双人火锅套餐',
      color: 'Color010',
      notice: '使用时向服务员出示此券',
      description: '不可与其他优惠同享',
      date_info: { type: 'DATE_TYPE_FIX_TERM', fixed_term: 30, fixed_begin_term: 0 },
      sku: { quantity: 100 },
    },
    deal_detail: '锅底2选1',
  },
};

function sdk() {
  const { appid, secret } = sandbox.wechat.credentials();
  return new WechatAPI(appid, secret);
}

describe('co-wechat-api (hard-coded https://api.weixin.qq.com) through the msw handlers', () => {
  it('creates a card, sees a given code consumed once, and reads the change in the sandbox', async () => {
    const api = sdk();
    const created = await api.createCard(card);
    expect(created).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const card_id = created.card_id;
    expect(sandbox.wechat.identities().apps[0]!.cards.find((c) => c.card_id === card_id)?.status).toBe('CARD_STATUS_NOT_VERIFY');

    // Arrange with plain calls: WeChat staff approve the card, a user adds a code to their wallet.
    sandbox.wechat.reviewCard({ card_id, result: 'VERIFY_OK' });
    const openid = sandbox.wechat.credentials().test_users[0]!.openid;
    const given = sandbox.wechat.giveCode({ card_id, openid });

    expect(await api.getCode(given.code)).toMatchObject({ errcode: 0, can_consume: true, user_card_status: 'NORMAL', openid });
    expect(await api.consumeCode(given.code)).toEqual({ errcode: 0, errmsg: 'ok', card: { card_id }, openid });

    const consumedAgain = api.consumeCode(given.code);
    await expect(consumedAgain).rejects.toMatchObject({ name: 'WeChatAPIError', code: 40099 });
    await expect(consumedAgain).rejects.toThrow(`${errorEntry('wechat', '40099').message} rid: `);
    await expect(api.getCode(given.code)).rejects.toMatchObject({ code: 40099 });

    const holder = sandbox.wechat.identities().apps[0]!.users.find((u) => u.openid === openid)!;
    expect(holder.codes.find((c) => c.code === given.code)?.status).toBe('CONSUMED');
    // Only the hard-coded production host was ever called; msw answered all of it in-process.
    expect(new Set(requested.map((r) => new URL(r.split(' ')[1]!).origin))).toEqual(new Set(['https://api.weixin.qq.com']));
  });

  it('exercises the SDK retry path: an access_token expired in sandbox time answers 42001 and the SDK fetches a new one', async () => {
    const api = sdk();
    const { card_id } = await api.createCard(card);
    expect(requested.filter((r) => r.endsWith('/cgi-bin/token'))).toHaveLength(1);

    // The SDK's cache still trusts its token (it reads the real clock); the sandbox says it expired.
    sandbox.clock.advance(7200 * 1000);
    sandbox.wechat.reviewCard({ card_id, result: 'VERIFY_OK' });
    const given = sandbox.wechat.giveCode({ card_id, openid: sandbox.wechat.credentials().test_users[1]!.openid });
    const result = await api.getCode(given.code);

    expect(result).toMatchObject({ errcode: 0, user_card_status: 'NORMAL' });
    expect(requested).toEqual([
      'GET https://api.weixin.qq.com/cgi-bin/token',
      'POST https://api.weixin.qq.com/card/create',
      'POST https://api.weixin.qq.com/card/code/get',
      'GET https://api.weixin.qq.com/cgi-bin/token',
      'POST https://api.weixin.qq.com/card/code/get',
    ]);
    expect(await Promise.all(errcodes)).toEqual([0, 0, Number(errorEntry('wechat', '42001').code), 0, 0]);
  });

  it('surfaces the vendor error for bad credentials unchanged', async () => {
    const { appid } = sandbox.wechat.credentials();
    const api = new WechatAPI(appid, 'not-the-secret');
    await expect(api.getAccessToken()).rejects.toMatchObject({ name: 'WeChatAPIError', code: Number(errorEntry('wechat', '40125').code) });
  });
});
