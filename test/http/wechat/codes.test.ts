import { errorEntry } from '../../../src/errors/catalogue.js';
import { describe, expect, it } from 'vitest';
import { GIFT_TIMEOUT_SECONDS } from '../../../src/engine/wechat/validity.js';
import { cardBody, DAY_MS, expectError, expectOk, START, wechatSandbox } from './support.js';
import type { WechatErrorKey } from '../../../src/types/error-key.js';

const NOW = START / 1000;

/** An empty sandbox with one verified card of the given base_info, a token and helpers. */
async function withCard(base: Record<string, unknown> = {}, extra: Record<string, unknown> = { least_cost: 0, reduce_cost: 100 }) {
  const w = wechatSandbox({ empty: true });
  const token = await w.token();
  const cardId = (await w.post('/card/create', cardBody('CASH', base, extra), token)).json.card_id as string;
  await w.control('review', { card_id: cardId, result: 'VERIFY_OK' });
  const give = async (openid = 'oAlice', more: Record<string, unknown> = {}) => {
    const r = await w.control('give-code', { card_id: cardId, openid, ...more });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return r.json.code as string;
  };
  const h = {
    w,
    token,
    cardId,
    give,
    /** Moves the sandbox clock (ms) and takes a fresh token, as an SDK would after 42001. */
    async travel(ms: number) {
      w.sandbox.clock.advance(ms);
      h.token = await w.token();
    },
    get: (code: string, check_consume?: boolean) =>
      w.post('/card/code/get', { code, card_id: cardId, ...(check_consume === undefined ? {} : { check_consume }) }, h.token),
    status: async (code: string) => (await h.get(code, false)).json.user_card_status,
  };
  return h;
}

describe('giving codes (control action)', () => {
  it('gives a 12-digit code that code/get reports NORMAL with the card window', async () => {
    const { give, get, cardId } = await withCard();
    const code = await give('oAlice', { outer_str: 'shop-42' });
    expect(code).toMatch(/^[1-9]\d{11}$/);
    const r = await get(code, true);
    expect(r.json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      card: { card_id: cardId, begin_time: NOW - 3600, end_time: NOW + 30 * 86400, code },
      openid: 'oAlice',
      can_consume: true,
      user_card_status: 'NORMAL',
      outer_str: 'shop-42',
    });
  });

  it('answers 45031 when the stock is empty and never oversells', async () => {
    const { w, cardId, give } = await withCard({ sku: { quantity: 2 } });
    await give('oA');
    await give('oB');
    const r = await w.control('give-code', { card_id: cardId, openid: 'oC' });
    expect(r.status).toBe(409);
    expect(r.json.error.vendor_error).toEqual({ vendor: 'wechat', code: 45031, message: errorEntry('wechat', '45031').message });
  });

  it('answers 45033 past the per-user get_limit', async () => {
    const { w, cardId, give } = await withCard({ get_limit: 2 });
    await give('oA');
    await give('oA');
    expect((await w.control('give-code', { card_id: cardId, openid: 'oA' })).json.error.vendor_error.code).toBe(45033);
    await give('oB');
  });

  it('refuses cards that are not verified (40078)', async () => {
    const w = wechatSandbox({ empty: true });
    const token = await w.token();
    const cardId = (await w.post('/card/create', cardBody('CASH', {}, { reduce_cost: 1 }), token)).json.card_id;
    expect((await w.control('give-code', { card_id: cardId, openid: 'oA' })).json.error.vendor_error.code).toBe(40078);
    await w.control('review', { card_id: cardId, result: 'VERIFY_FAIL' });
    expect((await w.control('give-code', { card_id: cardId, openid: 'oA' })).json.error.vendor_error.code).toBe(40078);
  });

  it('needs a caller-chosen code for a custom-code card (41013) and refuses a taken one (40116)', async () => {
    const { w, cardId, give } = await withCard({ use_custom_code: true });
    expect((await w.control('give-code', { card_id: cardId, openid: 'oA' })).json.error.vendor_error.code).toBe(41013);
    expect(await give('oA', { code: 'MY-CODE-1' })).toBe('MY-CODE-1');
    expect((await w.control('give-code', { card_id: cardId, openid: 'oB', code: 'MY-CODE-1' })).json.error.vendor_error.code).toBe(40116);
  });
});

describe('card/code/get and card/code/consume', () => {
  it('consumes once; a second consume answers 40099', async () => {
    const { w, token, give, status, cardId } = await withCard();
    const code = await give();
    const r = await w.post('/card/code/consume', { code }, token);
    expect(r.json).toEqual({ errcode: 0, errmsg: 'ok', card: { card_id: cardId }, openid: 'oAlice' });
    expect(await status(code)).toBe('CONSUMED');
    expectError(await w.post('/card/code/consume', { code }, token), '40099');
  });

  it('answers 40056 for an unknown code whatever check_consume says', async () => {
    const { get } = await withCard();
    expectError(await get('999999999999', true), '40056');
    expectError(await get('999999999999', false), '40056');
  });

  it('answers 40056 when card_id names another card, 40073 for an unknown card_id', async () => {
    const { w, token, give } = await withCard();
    const code = await give();
    const other = (await w.post('/card/create', cardBody('CASH', {}, { reduce_cost: 1 }), token)).json.card_id;
    expectError(await w.post('/card/code/get', { code, card_id: other }, token), '40056');
    expectError(await w.post('/card/code/get', { code, card_id: 'pUnknownCard' }, token), '40073');
  });

  it('needs card_id for custom-code cards on the code APIs (41012)', async () => {
    const { w, token, give, cardId } = await withCard({ use_custom_code: true });
    const code = await give('oA', { code: 'CUSTOM-1' });
    for (const path of ['/card/code/get', '/card/code/consume', '/card/code/unavailable']) {
      expectError(await w.post(path, { code }, token), '41012');
    }
    expectOk(await w.post('/card/code/consume', { code, card_id: cardId }, token));
  });

  // Each status reachable, and what code/get says with check_consume true / false.
  const table: [string, (h: Awaited<ReturnType<typeof withCard>>, code: string) => Promise<void>, string, WechatErrorKey | null][] = [
    ['NORMAL', async () => {}, 'NORMAL', null],
    ['CONSUMED', async (h, code) => void (await h.w.post('/card/code/consume', { code }, h.token)), 'CONSUMED', '40099'],
    ['GIFTING', async (h, code) => void (await h.w.control('gift-code', { code })), 'GIFTING', '40127'],
    ['GIFT_TIMEOUT', async (h, code) => void (await h.w.control('gift-code', { code }), await h.w.control('gift-timeout', { code })), 'GIFT_TIMEOUT', null],
    ['DELETE', async (h, code) => void (await h.w.control('delete-code', { code })), 'DELETE', '40127'],
    ['UNAVAILABLE', async (h, code) => void (await h.w.post('/card/code/unavailable', { code }, h.token)), 'UNAVAILABLE', '40127'],
    ['EXPIRE', async (h) => h.travel(31 * DAY_MS), 'EXPIRE', '40127'],
  ];
  for (const [name, reach, shown, strictError] of table) {
    it(`reports ${name}: check_consume false -> status, true -> ${strictError ?? 'ok'}`, async () => {
      const h = await withCard();
      const code = await h.give();
      await reach(h, code);
      const loose = await h.get(code, false);
      expectOk(loose);
      expect(loose.json.user_card_status).toBe(shown);
      expect(loose.json.can_consume).toBe(strictError === null);
      const strict = await h.get(code, true);
      if (strictError) expectError(strict, strictError);
      else expect(strict.json.user_card_status).toBe(shown);
      const consumed = await h.w.post('/card/code/consume', { code }, h.token);
      if (strictError) expectError(consumed, strictError);
      else expectOk(consumed);
    });
  }

  it('treats a missing check_consume as true', async () => {
    const { w, token, give } = await withCard();
    const code = await give();
    await w.post('/card/code/consume', { code }, token);
    expectError(await w.post('/card/code/get', { code }, token), '40099');
  });

  it('answers 40071 when consuming a member card code', async () => {
    const w = wechatSandbox();
    const token = await w.token();
    const member = w.card((c) => c.card_type === 'MEMBER_CARD');
    const code = (await w.control('give-code', { card_id: member.card_id, openid: 'oNewMember' })).json.code;
    expectError(await w.post('/card/code/consume', { code }, token), '40071');
  });
});

describe('fixed-term validity', () => {
  it('counts days from receipt, starting fixed_begin_term days later', async () => {
    const h = await withCard({ date_info: { type: 'DATE_TYPE_FIX_TERM', fixed_term: 3, fixed_begin_term: 1 } });
    const code = await h.give();
    // Received 2026-03-10 (Shanghai): valid 2026-03-11 00:00 to 2026-03-13 23:59:59 (+08:00).
    const begin = Date.parse('2026-03-11T00:00:00+08:00') / 1000;
    const r = await h.get(code, true);
    expect(r.json.card).toMatchObject({ begin_time: begin, end_time: begin + 3 * 86400 - 1 });
    expect(r.json.can_consume).toBe(false);
    expectError(await h.w.post('/card/code/consume', { code }, h.token), '40127');
    expect((await h.w.post('/card/user/getcardlist', { openid: 'oAlice' }, h.token)).json.card_list).toEqual([{ code, card_id: h.cardId }]);
    await h.travel(begin * 1000 - h.w.sandbox.clock.now());
    expect((await h.get(code, true)).json.can_consume).toBe(true);
    await h.travel((begin + 3 * 86400) * 1000 - h.w.sandbox.clock.now());
    expect(await h.status(code)).toBe('EXPIRE');
  });
});

describe('gifts', () => {
  it("gives the friend a new code; the giver's code answers 40056", async () => {
    const h = await withCard();
    const code = await h.give('oGiver');
    expect((await h.w.control('gift-code', { code })).json).toMatchObject({ code, user_card_status: 'GIFTING' });
    const accepted = await h.w.control('accept-gift', { code, friend_openid: 'oFriend' });
    expect(accepted.status).toBe(200);
    const fresh = accepted.json.code;
    expect(fresh).not.toBe(code);
    expectError(await h.get(code, false), '40056');
    expectError(await h.w.post('/card/code/consume', { code }, h.token), '40056');
    expect((await h.get(fresh, true)).json).toMatchObject({ openid: 'oFriend', user_card_status: 'NORMAL' });
    const list = await h.w.post('/card/user/getcardlist', { openid: 'oFriend' }, h.token);
    expect(list.json).toEqual({ errcode: 0, errmsg: 'ok', card_list: [{ code: fresh, card_id: h.cardId }], has_share_card: true });
    expect((await h.w.post('/card/user/getcardlist', { openid: 'oGiver' }, h.token)).json.card_list).toEqual([]);
  });

  it('times a gift out after 24 h of sandbox time; the code is usable again', async () => {
    const h = await withCard();
    const code = await h.give();
    await h.w.control('gift-code', { code });
    await h.travel((GIFT_TIMEOUT_SECONDS - 1) * 1000);
    expect(await h.status(code)).toBe('GIFTING');
    await h.travel(1000);
    expect(await h.status(code)).toBe('GIFT_TIMEOUT');
    expect((await h.w.control('accept-gift', { code, friend_openid: 'oLate' })).json.error.vendor_error.code).toBe(40127);
    expectOk(await h.w.post('/card/code/consume', { code }, h.token));
  });

  it('refuses illegal gift moves', async () => {
    const h = await withCard();
    const code = await h.give();
    expect((await h.w.control('gift-timeout', { code })).json.error.vendor_error.code).toBe(40127);
    expect((await h.w.control('accept-gift', { code, friend_openid: 'oF' })).json.error.vendor_error.code).toBe(40127);
    await h.w.control('gift-code', { code });
    expect((await h.w.control('gift-code', { code })).json.error.vendor_error.code).toBe(40127);
    expect((await h.w.control('accept-gift', { code, friend_openid: 'oAlice' })).json.error.vendor_error.code).toBe(40003);
    expect((await h.w.control('delete-code', { code })).json.error.vendor_error.code).toBe(40127);
    await h.w.post('/card/code/unavailable', { code }, h.token);
    expect((await h.w.control('gift-code', { code })).json.error.vendor_error.code).toBe(40127);
  });

  it('refuses gifting a card with can_give_friend false (45030)', async () => {
    const h = await withCard({ can_give_friend: false });
    const code = await h.give();
    expect((await h.w.control('gift-code', { code })).json.error.vendor_error.code).toBe(45030);
  });
});

describe('card/code/unavailable', () => {
  it('is irreversible: a second call answers 40127; consumed codes answer 40099', async () => {
    const h = await withCard();
    const code = await h.give();
    expectOk(await h.w.post('/card/code/unavailable', { code, reason: 'refund' }, h.token));
    expectError(await h.w.post('/card/code/unavailable', { code }, h.token), '40127');
    expect((await h.w.control('delete-code', { code })).json.error.vendor_error.code).toBe(40127);
    const other = await h.give('oB');
    await h.w.post('/card/code/consume', { code: other }, h.token);
    expectError(await h.w.post('/card/code/unavailable', { code: other }, h.token), '40099');
    expectError(await h.w.post('/card/code/unavailable', { code: '111111111111' }, h.token), '40056');
  });
});

describe('card/code/update', () => {
  it('renames a custom code with new_code, and with newcode as SDKs send it', async () => {
    const h = await withCard({ use_custom_code: true });
    await h.give('oA', { code: 'OLD-1' });
    expectOk(await h.w.post('/card/code/update', { code: 'OLD-1', card_id: h.cardId, new_code: 'NEW-1' }, h.token));
    expectError(await h.w.post('/card/code/get', { code: 'OLD-1', card_id: h.cardId }, h.token), '40056');
    expectOk(await h.w.post('/card/code/update', { code: 'NEW-1', card_id: h.cardId, newcode: 'NEW-2' }, h.token));
    expect((await h.get('NEW-2', true)).json).toMatchObject({ user_card_status: 'NORMAL', openid: 'oA', card: { code: 'NEW-2' } });
  });

  it('refuses taken codes (40116), missing new codes (41011), consumed codes (40099), other cards (45030)', async () => {
    const h = await withCard({ use_custom_code: true });
    await h.give('oA', { code: 'C-1' });
    await h.give('oB', { code: 'C-2' });
    expectError(await h.w.post('/card/code/update', { code: 'C-1', card_id: h.cardId, new_code: 'C-2' }, h.token), '40116');
    expectError(await h.w.post('/card/code/update', { code: 'C-1', card_id: h.cardId }, h.token), '41011');
    expectError(await h.w.post('/card/code/update', { card_id: h.cardId, new_code: 'X' }, h.token), '41013');
    await h.w.post('/card/code/consume', { code: 'C-1', card_id: h.cardId }, h.token);
    expectError(await h.w.post('/card/code/update', { code: 'C-1', card_id: h.cardId, new_code: 'C-9' }, h.token), '40099');
    const plain = await withCard();
    const code = await plain.give();
    expectError(await plain.w.post('/card/code/update', { code, new_code: '123' }, plain.token), '45030');
  });
});

describe('card/user/getcardlist', () => {
  it('lists only usable codes of the user, filters by card_id, answers 40003 for strangers', async () => {
    const w = wechatSandbox();
    const token = await w.token();
    const alice = w.sandbox.wechat.identities().apps[0]!.users[0]!;
    const statuses = new Set(alice.codes.map((c) => c.status));
    for (const s of ['NORMAL', 'CONSUMED', 'GIFTING', 'GIFT_TIMEOUT', 'DELETE', 'UNAVAILABLE', 'EXPIRE']) expect(statuses).toContain(s);
    const usable = alice.codes.filter((c) => c.status === 'NORMAL' || c.status === 'GIFT_TIMEOUT').map(({ code, card_id }) => ({ code, card_id }));
    const r = await w.post('/card/user/getcardlist', { openid: alice.openid }, token);
    expect(r.json).toEqual({ errcode: 0, errmsg: 'ok', card_list: usable, has_share_card: false });
    const one = usable[0]!.card_id;
    const filtered = await w.post('/card/user/getcardlist', { openid: alice.openid, card_id: one }, token);
    expect(filtered.json.card_list).toEqual(usable.filter((c) => c.card_id === one));
    expectError(await w.post('/card/user/getcardlist', { openid: 'oNobodyHere' }, token), '40003');
    expectError(await w.post('/card/user/getcardlist', { openid: alice.openid, card_id: 'pNope' }, token), '40073');
  });
});
