import { describe, expect, it } from 'vitest';
import type { WechatState } from '../../../src/engine/wechat/model.js';
import { cardBody, expectError, expectOk, wechatSandbox } from './support.js';

/**
 * All or nothing: a rule that throws half-way (a bug, a runtime limit) leaves no trace. The failure
 * is injected into the state itself, after the rule has already changed something.
 */
describe('a WeChat rule that fails half-way', () => {
  const sandbox = () => {
    const unexpected: unknown[] = [];
    const w = wechatSandbox({ empty: true, onUnexpectedError: (error) => void unexpected.push(error) });
    return { w, unexpected, state: <R>(fn: (s: WechatState) => R) => w.sandbox.world.store<WechatState>('wechat').read(fn) };
  };

  it('leaves the code consumable and the statistics untouched when consume fails after changing the code', async () => {
    const { w, unexpected, state } = sandbox();
    const token = await w.token();
    const cardId = (await w.post('/card/create', cardBody('CASH', {}, { least_cost: 0, reduce_cost: 100 }), token)).json.card_id as string;
    await w.control('review', { card_id: cardId, result: 'VERIFY_OK' });
    const code = (await w.control('give-code', { card_id: cardId, openid: 'oAlice' })).json.code as string;
    const events = state((s) => s.events.length);
    // consume sets the code CONSUMED, then records the event: make the recording throw once.
    const log = state((s) => s.events);
    const record = log.record.bind(log);
    log.record = () => {
      log.record = record;
      throw new Error('injected after the code changed');
    };
    expectError(await w.post('/card/code/consume', { code }, token), '-1');
    expect(unexpected).toHaveLength(1);
    expect(state((s) => s.events.length)).toBe(events);
    expect((await w.post('/card/code/get', { code, check_consume: false }, token)).json.user_card_status).toBe('NORMAL');
    expectOk(await w.post('/card/code/consume', { code }, token));
  });

  it('creates neither codes nor a card when bulk-codes hits a Map limit half-way, and the app keeps working', async () => {
    const { w, unexpected, state } = sandbox();
    const before = state((s) => ({ cards: s.cards.length, codes: s.codes.size, appCodes: s.apps[0]!.codes.size, random: JSON.stringify(s.random) }));
    const identities = JSON.stringify(w.sandbox.wechat.identities());
    // V8 refuses a Map beyond 2^24 entries: the same RangeError, 500 entries in.
    const map = state((s) => s.apps[0]!.codes);
    const set = map.set.bind(map);
    let added = 0;
    map.set = (key, value) => {
      if (++added > 500) throw new RangeError('Map maximum size exceeded');
      return set(key, value);
    };
    const r = await w.control('bulk-codes', { count: 1000 });
    map.set = set;
    expect(r.status).toBe(500);
    expect(unexpected).toHaveLength(1);
    expect(state((s) => ({ cards: s.cards.length, codes: s.codes.size, appCodes: s.apps[0]!.codes.size, random: JSON.stringify(s.random) }))).toEqual(before);
    expect(JSON.stringify(w.sandbox.wechat.identities())).toBe(identities);
    const ok = await w.control('bulk-codes', { count: 1000 });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json.total_codes).toBe(before.codes + 1000);
  });
});
