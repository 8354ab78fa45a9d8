import { describe, expect, it } from 'vitest';
import { cardBody, DAY_MS, expectError, START, wechatSandbox } from './support.js';
import type { WechatErrorKey } from '../../../src/types/error-key.js';

/** The undocumented counters real getcardbizuininfo rows carry (VENDOR-BEHAVIOUR.md B.6): 0 without Friend's Vouchers. */
const FRIENDS = { view_friends_cnt: 0, view_friends_user: 0, receive_friends_cnt: 0, receive_friends_user: 0, verify_friends_cnt: 0, verify_friends_user: 0 };
/** The undocumented fields real getcardcardinfo rows carry (VENDOR-BEHAVIOUR.md B.6). */
const CARD_EXTRAS = { is_pay: 0, verify_noself_cnt: 0, verify_noself_user: 0, isfriendscard: 0 };

const NOW = START / 1000; // 2026-03-10 12:00 Shanghai
const D = '2026-03-10';

async function activeDay() {
  const w = wechatSandbox({ empty: true });
  let token = await w.token();
  const endOfD2 = Date.parse('2026-03-12T23:59:59+08:00') / 1000;
  const cardId = (
    await w.post(
      '/card/create',
      cardBody('CASH', { date_info: { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: NOW - 3600, end_timestamp: endOfD2 } }, { reduce_cost: 100 }),
      token,
    )
  ).json.card_id;
  await w.control('review', { card_id: cardId, result: 'VERIFY_OK' });
  await w.control('view-card', { card_id: cardId, openid: 'oA' });
  await w.control('view-card', { card_id: cardId, openid: 'oA' });
  await w.control('view-card', { card_id: cardId, openid: 'oB' });
  const a1 = (await w.control('give-code', { card_id: cardId, openid: 'oA' })).json.code;
  const a2 = (await w.control('give-code', { card_id: cardId, openid: 'oA' })).json.code;
  const b1 = (await w.control('give-code', { card_id: cardId, openid: 'oB' })).json.code;
  await w.post('/card/code/consume', { code: a1 }, token);
  await w.control('gift-code', { code: a2 });
  await w.control('accept-gift', { code: a2, friend_openid: 'oC' });
  const query = async (path: string, body: Record<string, unknown>) => {
    token = await w.token();
    return w.post(path, body, token);
  };
  return { w, cardId, b1, query };
}

describe('datacube statistics agree with what happened', () => {
  it('reports one day of activity the next day, per merchant and per card', async () => {
    const { w, cardId, query } = await activeDay();
    expectError(await query('/datacube/getcardbizuininfo', { begin_date: D, end_date: D, cond_source: 1 }), '61501');
    w.sandbox.clock.advance(DAY_MS);
    const expected = {
      ref_date: D,
      view_cnt: 3,
      view_user: 2,
      receive_cnt: 3,
      receive_user: 2,
      verify_cnt: 1,
      verify_user: 1,
      given_cnt: 1,
      given_user: 1,
      expire_cnt: 0,
      expire_user: 0,
    };
    const biz = await query('/datacube/getcardbizuininfo', { begin_date: '2026-03-01', end_date: D, cond_source: 1 });
    expect(biz.status).toBe(200);
    expect(biz.json).toEqual({ list: [{ ...expected, ...FRIENDS }] });
    // Field order as WeChat sends it: documented counters first, then the friends counters.
    expect(Object.keys(biz.json.list[0])).toEqual([...Object.keys(expected), ...Object.keys(FRIENDS)]);
    expect((await query('/datacube/getcardbizuininfo', { begin_date: D, end_date: D, cond_source: 0 })).json).toEqual({ list: [] });
    const perCard = await query('/datacube/getcardcardinfo', { begin_date: D, end_date: D, cond_source: 1, card_id: cardId });
    expect(perCard.json).toEqual({ list: [{ ...expected, card_id: cardId, card_type: 1, ...CARD_EXTRAS }] });
    expect(Object.keys(perCard.json.list[0])).toEqual([
      'ref_date',
      'card_id',
      'card_type',
      'is_pay',
      'view_cnt',
      'view_user',
      'receive_cnt',
      'receive_user',
      'verify_cnt',
      'verify_user',
      'given_cnt',
      'given_user',
      'expire_cnt',
      'expire_user',
      'verify_noself_cnt',
      'verify_noself_user',
      'isfriendscard',
    ]);
  });

  it('counts an expiry on the day the code expired, computed from the clock', async () => {
    const { w, query } = await activeDay();
    w.sandbox.clock.advance(5 * DAY_MS);
    // b1 and the friend's code were still usable when the window closed at 2026-03-12 23:59:59.
    const r = await query('/datacube/getcardbizuininfo', { begin_date: '2026-03-11', end_date: '2026-03-14', cond_source: 1 });
    expect(r.json.list).toEqual([
      {
        ref_date: '2026-03-13',
        view_cnt: 0,
        view_user: 0,
        receive_cnt: 0,
        receive_user: 0,
        verify_cnt: 0,
        verify_user: 0,
        given_cnt: 0,
        given_user: 0,
        expire_cnt: 2,
        expire_user: 2,
        ...FRIENDS,
      },
    ]);
  });

  it('keeps rows sparse: days without activity are absent', async () => {
    const w = wechatSandbox();
    const token = await w.token();
    const r = await w.post('/datacube/getcardbizuininfo', { begin_date: '2026-01-08', end_date: '2026-03-09', cond_source: 1 }, token);
    expect(r.json.list.length).toBeGreaterThan(3);
    for (const row of r.json.list) {
      const { ref_date, ...counts } = row;
      expect(ref_date).toMatch(/^2026-0[1-3]-\d\d$/);
      expect(Object.values(counts).some((n) => n !== 0)).toBe(true);
    }
  });

  it('reports member-card receipts and activations', async () => {
    const w = wechatSandbox();
    const member = w.card((c) => c.card_type === 'MEMBER_CARD');
    const given = (await w.control('give-code', { card_id: member.card_id, openid: 'oMember' })).json;
    await w.control('activate-member-card', { code: given.code });
    await w.control('activate-member-card', { code: given.code });
    w.sandbox.clock.advance(DAY_MS);
    const token = await w.token();
    const summary = await w.post('/datacube/getcardmembercardinfo', { begin_date: D, end_date: D, cond_source: 1 }, token);
    expect(summary.json.list).toHaveLength(1);
    expect(summary.json.list[0]).toMatchObject({ ref_date: D, receive_cnt: 1, receive_user: 1, active_user: 1 });
    const detail = await w.post('/datacube/getcardmembercarddetail', { begin_date: D, end_date: D, card_id: member.card_id }, token);
    expect(detail.json.list[0]).toMatchObject({ ref_date: D, cardid: member.card_id, receive_cnt: 1, active_cnt: 1, active_user: 1, new_user: 1 });
    expect(detail.json.list[0].total_user).toBe(summary.json.list[0].total_user);
    const coupon = w.card((c) => c.card_type === 'CASH');
    expectError(await w.post('/datacube/getcardmembercarddetail', { begin_date: D, end_date: D, card_id: coupon.card_id }, token), '40073');
  });
});

describe('datacube date rules', () => {
  const bad: [string, string, WechatErrorKey][] = [
    ['2026-3-01', '2026-03-02', '61500'],
    ['2026-02-30', '2026-03-02', '61500'],
    ['20260301', '2026-03-02', '61500'],
    ['2026-03-01', '2026-03-02T00:00', '61500'],
    ['2026-03-05', '2026-03-01', '61501'],
    ['2026-01-01', '2026-03-04', '61501'], // 63 days
    ['2026-03-01', '2026-03-10', '61501'], // today (Shanghai)
    ['2026-03-01', '2026-03-11', '61501'], // the future
  ];
  for (const [begin, end, key] of bad) {
    for (const path of ['/datacube/getcardbizuininfo', '/datacube/getcardcardinfo', '/datacube/getcardmembercardinfo']) {
      it(`${path} answers ${key} for ${begin}..${end}`, async () => {
        const w = wechatSandbox();
        expectError(await w.post(path, { begin_date: begin, end_date: end, cond_source: 0 }, await w.token()), key);
      });
    }
  }

  it('accepts a 62-day range ending yesterday', async () => {
    const w = wechatSandbox();
    const r = await w.post('/datacube/getcardbizuininfo', { begin_date: '2026-01-07', end_date: '2026-03-09', cond_source: 0 }, await w.token());
    // The seeded world has history in that window: a non-empty bare {"list"} (no errcode on datacube success).
    expect(Object.keys(r.json)).toEqual(['list']);
    expect(r.json.list.length).toBeGreaterThan(0);
    expect(r.json.list[0].ref_date >= '2026-01-07' && r.json.list.at(-1).ref_date <= '2026-03-09').toBe(true);
  });

  it('uses Shanghai days: at 2026-03-10 23:30 +08:00 (15:30 UTC) yesterday is 2026-03-09', async () => {
    const w = wechatSandbox({ startAt: Date.parse('2026-03-10T15:30:00Z') });
    const token = await w.token();
    expectError(await w.post('/datacube/getcardbizuininfo', { begin_date: '2026-03-10', end_date: '2026-03-10', cond_source: 0 }, token), '61501');
    const yesterday = await w.post('/datacube/getcardbizuininfo', { begin_date: '2026-03-09', end_date: '2026-03-09', cond_source: 0 }, token);
    expect(yesterday.json).toEqual({ list: expect.any(Array) });
  });
});
