import { describe, expect, it } from 'vitest';
import { contractConfig, runContracts } from '../../contracts/index.js';
import { APPIDS, MERCHANTS, TEST_OPENIDS } from '../../src/engine/wechatpay/identities.js';
import { operations } from '../../src/operations.js';
import type { Sandbox } from '../../src/sandbox.js';
import type { WechatState } from '../../src/engine/wechat/model.js';
import { appForToken } from '../../src/engine/wechat/tokens.js';
import { payList } from '../support/state-reads.js';

/** The app a token authenticates now (throws 40001/42001 as the token step would). */
const appidOfToken = (sandbox: Sandbox, token: string) =>
  sandbox.world.store<WechatState>('wechat').read((s) => appForToken(s, token, sandbox.clock.nowSeconds()).appid);
import { serveWrapped, type Received } from './support.js';

/** What a user can see of a sandbox's state: cards and codes, stocks and coupons, vouchers and holders. */
function stateOf(sandbox: Sandbox) {
  return {
    wechat: sandbox.wechat.identities(),
    stocks: sandbox.wechatpay.seededStocks().stocks,
    coupons: TEST_OPENIDS.map((openid) => payList(sandbox, { openid, appid: APPIDS[0], creator_merchant: MERCHANTS.main, limit: 50 })),
    waiqin: sandbox.waiqin.world(),
  };
}

const writes = (received: Received[]) =>
  received.filter(
    (r) =>
      (r.method === 'POST' && r.path.startsWith('/_sandbox/')) ||
      operations.some((op) => op.writes && op.method === r.method && new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(r.path)),
  );

const MINUTE = 60_000;
/** A sandbox with no room for a world: the kit falls back to the read-only and reset modes. */
const NO_WORLDS = { maxWorlds: 0 };

describe('the contract kit against a sandbox somebody else started (CONTRACT_SANDBOX_URL)', () => {
  it('only reads by default, skips every write case saying how to opt in, and leaves state, token and clock as they were', async () => {
    const target = await serveWrapped(undefined, NO_WORLDS);
    try {
      // The owner's own doings: a frozen clock, a token their app holds, a code they gave.
      const frozenAt = Math.floor(Date.now() / MINUTE) * MINUTE - 3 * 3600_000;
      await target.sandbox.app.request('/_sandbox/clock', { method: 'POST', body: JSON.stringify({ set: frozenAt, freeze: true }) });
      const { appid, secret } = target.sandbox.wechat.credentials();
      const { access_token } = await target.sandbox.call('wechat.token', { grant_type: 'client_credential', appid, secret });
      const card = target.sandbox.wechat.identities().apps[0]!.cards.find((c) => c.status === 'CARD_STATUS_VERIFY_OK' && !c.use_custom_code)!;
      target.sandbox.wechat.giveCode({ card_id: card.card_id, openid: 'oOwnersOwnUser' });
      const before = stateOf(target.sandbox);
      target.received.length = 0;

      // With the owner's token (WECHAT_ACCESS_TOKEN) the kit issues none, so theirs is not superseded.
      const run = await runContracts(
        contractConfig({ sandboxUrl: target.url, wechat: { baseUrl: '', accessToken: access_token }, reportsDir: false, progressMs: false }),
      );

      expect(run.lease).toBe('shared-read-only');
      expect(
        run.failed,
        run.results
          .filter((r) => r.status === 'failed')
          .map((r) => `${r.id}: ${r.reason}`)
          .join('\n'),
      ).toBe(0);
      expect(target.received.length).toBeGreaterThan(20);
      // The one POST: asking for a world of its own, refused (no room), which changes nothing.
      expect(writes(target.received)).toEqual([{ method: 'POST', path: '/_sandbox/worlds' }]);
      const writing = run.results.filter((r) => r.kind === 'scenario' || r.operations.some((id) => operations.find((op) => op.id === id)?.writes));
      expect(writing.length).toBeGreaterThan(10);
      for (const r of writing) {
        expect(r.status, r.id).toBe('skipped');
        expect(r.reason, r.id).toMatch(/CONTRACT_RESET_SANDBOX=1/);
      }
      expect(stateOf(target.sandbox)).toEqual(before);
      expect(target.sandbox.clock.toJSON()).toMatchObject({ now: frozenAt, frozen: true });
      // The owner's token still works past the 300 s a superseded token would have had.
      target.sandbox.clock.advance(301_000);
      expect((await target.sandbox.call('wechat.card-batchget', { offset: 0, count: 1 }, { as: appidOfToken(target.sandbox, access_token) })).errcode).toBe(0);
      expect(appidOfToken(target.sandbox, access_token)).toBe(appid);
      expect(run.teardown.join('\n')).toMatch(/only read; its clock was not touched \(frozen at /);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('with CONTRACT_RESET_SANDBOX=1 runs every case, then resets the world and puts a frozen clock back at the same instant', async () => {
    const startAt = Math.floor(Date.now() / MINUTE) * MINUTE;
    const target = await serveWrapped(undefined, { startAt, frozen: true, ...NO_WORLDS });
    try {
      const frozenAt = startAt + 3 * 3600_000 + 123;
      target.sandbox.clock.set(frozenAt);
      const before = stateOf(target.sandbox);

      const run = await runContracts(contractConfig({ sandboxUrl: target.url, resetSandbox: true, reportsDir: false, progressMs: false }));

      expect(run.lease).toBe('shared-reset');
      expect(run.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
      expect(writes(target.received).length).toBeGreaterThan(10);
      expect(stateOf(target.sandbox)).toEqual(before);
      expect(target.sandbox.clock.toJSON()).toEqual({ now: frozenAt, iso: new Date(frozenAt).toISOString(), frozen: true });
      expect(run.teardown).toEqual([
        `the sandbox at ${target.url} was reset to its seeded world (seed 1), as CONTRACT_RESET_SANDBOX=1 asked`,
        `clock put back: frozen at ${new Date(frozenAt).toISOString()}`,
      ]);
    } finally {
      await target.close();
    }
  }, 90_000);

  it('puts a running clock back at its offset, and real time back on real time, after a case moved it 7201 s', async () => {
    const target = await serveWrapped(undefined, NO_WORLDS);
    try {
      const offsetOf = () => target.sandbox.clock.now() - Date.now();
      const onlyTheClockMover = {
        sandboxUrl: target.url,
        resetSandbox: true,
        reportsDir: false as const,
        progressMs: false as const,
        only: ['scenario:wechat.token-expiry'],
      };

      const onReal = await runContracts(contractConfig(onlyTheClockMover));
      expect(onReal.results.map((r) => [r.id, r.status])).toEqual([['scenario:wechat.token-expiry', 'passed']]);
      expect(target.sandbox.clock.frozen).toBe(false);
      expect(Math.abs(offsetOf())).toBeLessThan(5);
      expect(onReal.teardown[1]).toMatch(/^clock put back: running on real time \(within \d+ ms\)$/);

      const twoDays = 2 * 86_400_000;
      target.sandbox.clock.set(Date.now() + twoDays);
      const ahead = await runContracts(contractConfig(onlyTheClockMover));
      expect(ahead.results.map((r) => r.status)).toEqual(['passed']);
      expect(target.sandbox.clock.frozen).toBe(false);
      expect(Math.abs(offsetOf() - twoDays)).toBeLessThan(100);
      expect(ahead.teardown[1]).toMatch(/^clock put back: running 172(799|800)\.\d{3} s ahead of real time \(within \d+ ms\)$/);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('offering worlds, runs every case in a world of its own, deletes it, and leaves the default world, its token and its clock as they were', async () => {
    const target = await serveWrapped();
    try {
      const frozenAt = Math.floor(Date.now() / MINUTE) * MINUTE - 3 * 3600_000;
      await target.sandbox.app.request('/_sandbox/clock', { method: 'POST', body: JSON.stringify({ set: frozenAt, freeze: true }) });
      const { appid, secret } = target.sandbox.wechat.credentials();
      const { access_token } = await target.sandbox.call('wechat.token', { grant_type: 'client_credential', appid, secret });
      const before = stateOf(target.sandbox);
      target.received.length = 0;

      const run = await runContracts(contractConfig({ sandboxUrl: target.url, reportsDir: false, progressMs: false }));

      expect(run.lease).toBe('shared-world');
      expect(run.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
      expect(writes(target.received).length).toBeGreaterThan(10);
      expect(stateOf(target.sandbox)).toEqual(before);
      expect(target.sandbox.clock.toJSON()).toMatchObject({ now: frozenAt, frozen: true });
      // The owner's token was never superseded: the kit's tokens were its world's.
      target.sandbox.clock.advance(301_000);
      expect(appidOfToken(target.sandbox, access_token)).toBe(appid);
      expect(target.sandbox.worlds.size).toBe(0);
      expect(run.teardown).toEqual([
        expect.stringMatching(
          /^the run used a world of its own on the sandbox at .* \(w_[0-9a-f]{24}\), now deleted; the sandbox's default world was not touched$/,
        ),
      ]);
    } finally {
      await target.close();
    }
  }, 90_000);

  it('has nothing to undo on a sandbox it started itself', async () => {
    const run = await runContracts(contractConfig({ reportsDir: false, progressMs: false, only: ['scenario:wechat.token-expiry'] }));
    expect([run.lease, run.teardown, run.failed]).toEqual(['own', [], 0]);
  });
});
