import { describe, expect, it } from 'vitest';
import type { WechatState } from '../../../src/engine/wechat/model.js';
import { issueToken, MAX_REMEMBERED_TOKENS, sameSecret, TOKEN_GRACE, TOKEN_MEMORY, TOKEN_TTL } from '../../../src/engine/wechat/tokens.js';
import { expectError, expectOk, wechatSandbox } from './support.js';

/** Issues `count` tokens of the default app through the engine rule (one transaction each). */
function issuer() {
  const w = wechatSandbox({ empty: true });
  const store = w.sandbox.world.store<WechatState>('wechat');
  const request = { grant_type: 'client_credential', appid: w.creds.appid, secret: w.creds.secret };
  const issue = (count: number) => {
    let last = '';
    for (let i = 0; i < count; i++) last = store.transact((s) => issueToken(s, request, w.sandbox.clock.nowSeconds())).access_token;
    return last;
  };
  const remembered = () => store.read((s) => s.tokens.size);
  return { w, issue, remembered };
}

/** Fastest of seven timings of `fn` (ms): noise on a shared machine (GC, other processes) only ever adds time. */
function fastest(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe('the token book', () => {
  it('issues a token in the same time with 20 000 tokens issued as with none', () => {
    const { issue } = issuer();
    issue(2000); // JIT warm-up before the first timing
    const early = fastest(() => issue(500));
    issue(20_000);
    const late = fastest(() => issue(500));
    expect(late / early, `${early.toFixed(1)} ms -> ${late.toFixed(1)} ms per 500`).toBeLessThan(3);
  });

  it('forgets superseded tokens once their grace period is over, and expired ones a week after expiry', async () => {
    const { w, issue, remembered } = issuer();
    const first = issue(1);
    issue(999);
    expect(remembered()).toBe(1000);
    w.sandbox.clock.advance((TOKEN_GRACE + 1) * 1000);
    const newest = issue(1);
    expect(remembered()).toBeLessThanOrEqual(2);
    expectError(await w.post('/card/batchget', { offset: 0, count: 1 }, first), '40001');
    expectOk(await w.post('/card/batchget', { offset: 0, count: 1 }, newest));
    w.sandbox.clock.advance(TOKEN_TTL * 1000);
    expectError(await w.post('/card/batchget', { offset: 0, count: 1 }, newest), '42001');
    w.sandbox.clock.advance(TOKEN_MEMORY * 1000);
    issue(1);
    expect(remembered()).toBe(1);
    expectError(await w.post('/card/batchget', { offset: 0, count: 1 }, newest), '40001');
  });

  it(`remembers at most ${MAX_REMEMBERED_TOKENS} tokens, and never forgets an app's current one`, async () => {
    const { w, issue, remembered } = issuer();
    const other = w.sandbox.wechat.credentials().apps[1]!;
    const otherToken = await w.token(other.appid, other.secret);
    issue(MAX_REMEMBERED_TOKENS + 500);
    expect(remembered()).toBeLessThanOrEqual(MAX_REMEMBERED_TOKENS + 2);
    const newest = issue(1);
    expectOk(await w.post('/card/batchget', { offset: 0, count: 1 }, newest));
    expectOk(await w.post('/card/batchget', { offset: 0, count: 1 }, otherToken));
  }, 60_000);
});

describe('the AppSecret comparison', () => {
  it('tells equal secrets from different ones of any length', () => {
    const secret = '0123456789abcdef0123456789abcdef';
    expect(sameSecret(secret, secret)).toBe(true);
    for (const other of ['', '0', secret.slice(0, -1), `${secret}0`, `1${secret.slice(1)}`, `${secret.slice(0, -1)}e`]) {
      expect(sameSecret(other, secret), other).toBe(false);
    }
  });
});
