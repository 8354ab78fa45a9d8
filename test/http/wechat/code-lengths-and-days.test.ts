import { describe, expect, it } from 'vitest';
import { cardBody, DAY_MS, expectError, expectOk, wechatSandbox } from './support.js';

/** An empty sandbox with one verified custom-code CASH card and a code 'OLD-1' held by oLong. */
async function customCard() {
  const w = wechatSandbox({ empty: true });
  const token = await w.token();
  const cardId = (await w.post('/card/create', cardBody('CASH', { use_custom_code: true, get_limit: 5 }, { reduce_cost: 100 }), token)).json.card_id as string;
  await w.control('review', { card_id: cardId, result: 'VERIFY_OK' });
  expect((await w.control('give-code', { card_id: cardId, openid: 'oLong', code: 'OLD-1' })).status).toBe(200);
  return { w, token, cardId, post: (path: string, body: unknown) => w.post(path, body, token) };
}

describe('code lengths follow each page (code/get string(20), code/update code string(16), new_code string(64))', () => {
  it('a code renamed to 30 characters is held and listed, but code/get, consume and unavailable refuse it with 45021', async () => {
    const { w, cardId, post } = await customCard();
    const long = 'L'.repeat(30);
    expectOk(await post('/card/code/update', { code: 'OLD-1', card_id: cardId, new_code: long }));
    expectError(await post('/card/code/get', { code: 'OLD-1', card_id: cardId }), '40056');
    // The response schema allows codes up to string(64): with response validation on, a 20-char
    // limit there turned this answer into -1 system error.
    expect((await post('/card/user/getcardlist', { openid: 'oLong' })).json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      card_list: [{ code: long, card_id: cardId }],
      has_share_card: false,
    });
    expectError(await post('/card/code/get', { code: long, card_id: cardId }), '45021');
    expectError(await post('/card/code/consume', { code: long, card_id: cardId }), '45021');
    expectError(await post('/card/code/unavailable', { code: long, card_id: cardId }), '45021');
    expectError(await post('/card/code/update', { code: long, card_id: cardId, new_code: 'SHORT-1' }), '45021');
    // Refused for its length only: the code is still NORMAL and usable by the user.
    expect((await w.control('gift-code', { code: long, card_id: cardId })).json).toMatchObject({ code: long, user_card_status: 'GIFTING' });
  });

  it('a code renamed to exactly 20 characters still works everywhere', async () => {
    const { cardId, post } = await customCard();
    const twenty = '2'.repeat(20);
    expectOk(await post('/card/code/update', { code: 'OLD-1', card_id: cardId, newcode: twenty }));
    const got = await post('/card/code/get', { code: twenty, card_id: cardId, check_consume: true });
    expect(got.json).toMatchObject({ errcode: 0, card: { card_id: cardId, code: twenty }, openid: 'oLong', can_consume: true, user_card_status: 'NORMAL' });
    expect((await post('/card/code/consume', { code: twenty, card_id: cardId })).json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      card: { card_id: cardId },
      openid: 'oLong',
    });
  });

  it('a code of 17..20 characters can be queried but not renamed again (code/update code is string(16))', async () => {
    const { cardId, post } = await customCard();
    const seventeen = '7'.repeat(17);
    expectOk(await post('/card/code/update', { code: 'OLD-1', card_id: cardId, new_code: seventeen }));
    expect((await post('/card/code/get', { code: seventeen, card_id: cardId })).json.user_card_status).toBe('NORMAL');
    expectError(await post('/card/code/update', { code: seventeen, card_id: cardId, new_code: 'X-1' }), '45021');
    expectError(await post('/card/code/update', { code: 'OLD-1', card_id: cardId, new_code: 'N'.repeat(65) }), '45021');
  });

  it('a 64-character custom code given by the control API reads back through getcardlist', async () => {
    const { w, cardId, post } = await customCard();
    const code = 'G'.repeat(64);
    expect((await w.control('give-code', { card_id: cardId, openid: 'oLong', code })).status).toBe(200);
    expect((await post('/card/user/getcardlist', { openid: 'oLong', card_id: cardId })).json.card_list).toEqual([
      { code: 'OLD-1', card_id: cardId },
      { code, card_id: cardId },
    ]);
  });
});

describe('datacube days are Asia/Shanghai days, not UTC days', () => {
  it('counts a view at 00:30 Shanghai (still the previous UTC day) on the Shanghai day', async () => {
    // 2026-03-09T16:30Z is 2026-03-10 00:30 in Shanghai.
    const w = wechatSandbox({ empty: true, startAt: Date.parse('2026-03-09T16:30:00Z') });
    let token = await w.token();
    const cardId = (await w.post('/card/create', cardBody('CASH', {}, { reduce_cost: 1 }, Date.parse('2026-03-09T16:30:00Z') / 1000), token)).json.card_id;
    await w.control('review', { card_id: cardId, result: 'VERIFY_OK' });
    await w.control('view-card', { card_id: cardId, openid: 'oNight' });
    w.sandbox.clock.advance(DAY_MS);
    token = await w.token();
    const day = (d: string) => w.post('/datacube/getcardbizuininfo', { begin_date: d, end_date: d, cond_source: 1 }, token);
    expect((await day('2026-03-09')).json).toEqual({ list: [] });
    expect((await day('2026-03-10')).json.list).toEqual([expect.objectContaining({ ref_date: '2026-03-10', view_cnt: 1, view_user: 1, receive_cnt: 0 })]);
  });
});
