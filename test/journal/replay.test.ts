import { describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../src/sandbox.js';
import { replay } from '../../src/journal/replay.js';
import { VENDORS } from '../../src/vendors.js';
import { state } from './plain-state.js';

async function wechatToken(sandbox: Sandbox): Promise<string> {
  const creds = sandbox.wechat.credentials();
  return ((await (await sandbox.app.request(creds.token_url)).json()) as { access_token: string }).access_token;
}

describe('replaying a journal', () => {
  it('rebuilds the same state of all three vendors, the same clock and the same next ids', async () => {
    const live = createSandbox({ seed: 5 });
    const token = await wechatToken(live);
    const card = live.wechat.identities().apps[0]!.cards[0]!.card_id;
    for (let i = 0; i < 5; i++) {
      const { code } = live.wechat.giveCode({ card_id: card, openid: `o-replay-${i}` });
      if (i % 2 === 0) await live.app.request(`/card/code/consume?access_token=${token}`, { method: 'POST', body: JSON.stringify({ code }) });
    }
    await live.app.request(`/card/code/consume?access_token=${token}`, { method: 'POST', body: '{"code":"nope"}' }); // refused: journaled, changes nothing
    live.world.journal.snapshots.take(live.world, 'ignored-direct'); // not an action: not journaled, not replayed
    await live.app.request('/_sandbox/snapshots', { method: 'POST', body: '{"name":"s1"}' });
    await live.app.request('/_sandbox/clock', { method: 'POST', body: '{"advance_seconds":3600}' });
    live.reset({ seed: 9 });
    await live.call('wechatpay.busifavor-send-coupon', {
      openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      appid: 'wxd678efh567hg6787',
      stock_id: '98065001',
      out_request_no: 'r-1',
    });
    await live.app.request('/_sandbox/snapshots/s1/restore', { method: 'POST' });
    await live.app.request('/_sandbox/clock', { method: 'POST', body: '{"freeze":true,"advance_seconds":60}' });
    const entries = live.world.journal.entries();
    expect(entries.map((e) => e.operation)).toContain('control:/_sandbox/reset');
    expect(entries.find((e) => e.input && JSON.stringify(e.input).includes('nope'))?.outcome).toBe('40056');

    const replayed = createSandbox({ seed: 1 }, live.world.journal.genesis);
    await replay(replayed.world, VENDORS, entries);
    expect(state(replayed)).toEqual(state(live));
    expect(replayed.world.journal.entries()).toEqual(entries);
    expect(replayed.clock.toJSON()).toEqual(live.clock.toJSON());
    expect(replayed.world.ctx.idNonce).toBe(live.world.ctx.idNonce);
    // The next ids minted are the same.
    const next = (s: Sandbox) => s.wechat.giveCode({ card_id: s.wechat.identities().apps[0]!.cards[0]!.card_id, openid: 'o-next' }).code;
    expect(next(replayed)).toBe(next(live));
  });
});
