import { describe, expect, it } from 'vitest';
import { TOKEN_GRACE, TOKEN_TTL } from '../../../src/engine/wechat/tokens.js';
import { expectError, expectOk, wechatSandbox } from './support.js';
import type { WechatErrorKey } from '../../../src/types/error-key.js';

describe('GET /cgi-bin/token', () => {
  it('issues a token valid 7200 s, with no errcode in the success body', async () => {
    const w = wechatSandbox();
    const r = await w.send(`/cgi-bin/token?grant_type=client_credential&appid=${w.creds.appid}&secret=${w.creds.secret}`);
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('application/json; charset=utf-8');
    expect(r.json).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/), expires_in: 7200 });
  });

  const cases: [string, (appid: string, secret: string) => string, WechatErrorKey][] = [
    ['appid missing', (_a, s) => `grant_type=client_credential&secret=${s}`, '41002'],
    ['unknown appid (even without grant_type)', (_a, s) => `appid=wx0000000000000000&secret=${s}`, '40013'],
    ['secret missing', (a) => `grant_type=client_credential&appid=${a}`, '41004'],
    ['wrong secret', (a) => `grant_type=client_credential&appid=${a}&secret=nope`, '40125'],
    ['wrong secret before a bad grant_type', (a) => `grant_type=password&appid=${a}&secret=nope`, '40125'],
    ['grant_type missing', (a, s) => `appid=${a}&secret=${s}`, '40002'],
    ['grant_type other than client_credential', (a, s) => `grant_type=authorization_code&appid=${a}&secret=${s}`, '40002'],
  ];
  for (const [name, query, key] of cases) {
    it(`answers ${key} for ${name}`, async () => {
      const w = wechatSandbox();
      expectError(await w.send(`/cgi-bin/token?${query(w.creds.appid, w.creds.secret)}`), key);
    });
  }

  it('answers 43001 require GET method to a POST', async () => {
    const w = wechatSandbox();
    expectError(await w.post(`/cgi-bin/token?grant_type=client_credential&appid=${w.creds.appid}&secret=${w.creds.secret}`, {}), '43001');
  });
});

describe('access_token on the card APIs', () => {
  it('answers 41001 without a token and 40001 for an unknown one', async () => {
    const w = wechatSandbox();
    expectError(await w.post('/card/batchget', { offset: 0, count: 1 }), '41001');
    expectError(await w.post('/card/batchget?access_token=', { offset: 0, count: 1 }), '41001');
    expectError(await w.post('/card/batchget', { offset: 0, count: 1 }, 'forged-token'), '40001');
  });

  it('expires the token after 7200 s of sandbox time (42001) and a fresh one works', async () => {
    const w = wechatSandbox();
    const token = await w.token();
    w.sandbox.clock.advance((TOKEN_TTL - 1) * 1000);
    expectOk(await w.post('/card/batchget', { offset: 0, count: 1 }, token));
    w.sandbox.clock.advance(1000);
    expectError(await w.post('/card/batchget', { offset: 0, count: 1 }, token), '42001');
    expectOk(await w.post('/card/batchget', { offset: 0, count: 1 }, await w.token()));
  });

  it('keeps a replaced token valid for 5 minutes, then answers 40001 (not latest)', async () => {
    const w = wechatSandbox();
    const old = await w.token();
    const fresh = await w.token();
    expect(fresh).not.toBe(old);
    w.sandbox.clock.advance((TOKEN_GRACE - 1) * 1000);
    expectOk(await w.post('/card/batchget', { offset: 0, count: 1 }, old));
    w.sandbox.clock.advance(1000);
    expectError(await w.post('/card/batchget', { offset: 0, count: 1 }, old), '40001');
    expectOk(await w.post('/card/batchget', { offset: 0, count: 1 }, fresh));
  });

  it('scopes a token to its own app: cards and codes of another app are invisible', async () => {
    const w = wechatSandbox();
    const [main, other] = w.sandbox.wechat.identities().apps;
    const mainToken = await w.token();
    const otherToken = await w.token(other!.appid, other!.secret);
    const mainList = await w.post('/card/batchget', { offset: 0, count: 50 }, mainToken);
    const otherList = await w.post('/card/batchget', { offset: 0, count: 50 }, otherToken);
    expect(mainList.json.card_id_list).toEqual(main!.cards.map((c) => c.card_id));
    expect(otherList.json.card_id_list).toEqual(other!.cards.map((c) => c.card_id));
    expectError(await w.post('/card/get', { card_id: main!.cards[0]!.card_id }, otherToken), '40073');
    const otherCode = other!.users.flatMap((u) => u.codes)[0]!;
    expectError(await w.post('/card/code/get', { code: otherCode.code }, mainToken), '40056');
    expectOk(await w.post('/card/code/get', { code: otherCode.code }, otherToken));
    expectError(await w.post('/card/user/getcardlist', { openid: other!.users[0]!.openid }, mainToken), '40003');
  });
});
