// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axios from 'axios';
import { setupSandboxServer } from '../../mocks/node.js';
import { VENDOR_ORIGINS } from '../../mocks/index.js';
import { errorEntry } from '../../src/index.js';

const { server, sandbox } = setupSandboxServer({ seed: 2, startAt: Date.parse('2026-03-10T04:00:00Z'), frozen: true });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('setupServer under vitest’s happy-dom environment', () => {
  it('runs in a DOM environment', () => {
    expect(typeof document.createElement).toBe('function');
    expect(window.location.origin).toBeTypeOf('string');
  });

  it('answers a component’s fetch to api.weixin.qq.com, POST JSON included, from the sandbox', async () => {
    const { appid, secret, test_users } = sandbox.wechat.credentials();
    const token = await (await fetch(`${VENDOR_ORIGINS.wechat}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json();
    const card = sandbox.wechat
      .identities()
      .apps[0]!.cards.find((c) => c.status === 'CARD_STATUS_VERIFY_OK' && c.card_type !== 'MEMBER_CARD' && !c.use_custom_code)!;
    const given = sandbox.wechat.giveCode({ card_id: card.card_id, openid: test_users[0]!.openid });
    const res = await fetch(`${VENDOR_ORIGINS.wechat}/card/code/consume?access_token=${token.access_token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: given.code }),
    });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ errcode: 0, errmsg: 'ok', card: { card_id: card.card_id }, openid: given.openid });
  });

  it('answers XMLHttpRequest too (axios picks its XHR adapter in a DOM environment)', async () => {
    expect(typeof XMLHttpRequest).toBe('function');
    const res = await axios.post(`${VENDOR_ORIGINS.wechat}/card/get?access_token=not-a-token`, { card_id: 'p1' }, { adapter: 'xhr' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.data).toMatchObject({ errcode: Number(errorEntry('wechat', '40001').code) });
  });
});
