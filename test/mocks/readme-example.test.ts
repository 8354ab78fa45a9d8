// @vitest-environment happy-dom
// The README's "Use in your frontend tests" example under happy-dom, as the README says to run it
// for a DOM (the pragma above), verbatim but for the import paths ('coupon-sandbox/msw/node' there).
// test/package/readme-snippets.test.ts runs the README block itself, as pasted, in a new project.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupSandboxServer } from '../../mocks/node.js';

// --- the code under test: a tiny coupon client with WeChat's host hard-coded ---
const WECHAT = 'https://api.weixin.qq.com';

async function getToken(appid: string, secret: string): Promise<string> {
  const res = await fetch(`${WECHAT}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
  const body = await res.json();
  if (body.errcode) throw new Error(`token: ${body.errcode}`);
  return body.access_token;
}

async function redeem(token: string, code: string): Promise<'redeemed' | 'already-used' | 'error'> {
  const res = await fetch(`${WECHAT}/card/code/consume?access_token=${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const body = await res.json();
  if (body.errcode === 0) return 'redeemed';
  return body.errcode === 40099 ? 'already-used' : 'error';
}

// --- the sandbox: one per test file, reset between tests ---
const { server, sandbox } = setupSandboxServer({
  seed: 1,
  startAt: Date.parse('2026-03-10T04:00:00Z'), // 12:00 in Shanghai
  frozen: true,
  validateResponses: true,
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  sandbox.reset();
});
afterAll(() => server.close());

/** Arrange with plain calls: a reviewed card and a user holding one of its codes. */
function userWithCode() {
  const { appid, secret, test_users } = sandbox.wechat.credentials();
  const card = sandbox.wechat.identities().apps[0]!.cards.find((c) => c.status === 'CARD_STATUS_VERIFY_OK' && c.card_type === 'CASH' && !c.use_custom_code)!;
  const given = sandbox.wechat.giveCode({ card_id: card.card_id, openid: test_users[0]!.openid });
  return { appid, secret, code: given.code };
}

describe('redeem', () => {
  it('redeems a code once, then reports it used', async () => {
    const { appid, secret, code } = userWithCode();
    const token = await getToken(appid, secret);
    expect(await redeem(token, code)).toBe('redeemed');
    expect(await redeem(token, code)).toBe('already-used');
  });

  it('fails once the token expired in sandbox time (no sleeping)', async () => {
    const { appid, secret, code } = userWithCode();
    const token = await getToken(appid, secret);
    sandbox.clock.advance(7200 * 1000);
    expect(await redeem(token, code)).toBe('error'); // 42001 access_token expired
  });

  it('shows an outage when WeChat is down (per-test override)', async () => {
    server.use(http.post(`${WECHAT}/card/code/consume`, () => HttpResponse.json({ errcode: -1, errmsg: 'system error' })));
    const { appid, secret, code } = userWithCode();
    expect(await redeem(await getToken(appid, secret), code)).toBe('error');
  });
});
