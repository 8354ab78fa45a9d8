import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../../src/operations.js';
import { cardBody, DAY_MS, expectError, START, wechatSandbox, type Reply } from './support.js';
import type { WechatErrorKey } from '../../../src/types/error-key.js';

/**
 * The catalogue's per-operation error lists (src/operations.ts) must be exactly what each WeChat
 * operation can answer: every listed key is produced here by a real request through the app, and
 * no operation lists a key this table cannot produce. (-1 "system error" is the one exception: it
 * is what any operation answers for a sandbox fault, so it is listed everywhere and asserted only
 * to be listed.)
 */

const NOW = START / 1000;
const D = '2026-03-01';
const LONG_ID = 'p'.repeat(33); // card_id is string(32)

type World = Awaited<ReturnType<typeof world>>;

/** An empty sandbox with a plain card, a custom-code card, a member card, a deleted card and codes in the states the table needs. */
async function world() {
  const w = wechatSandbox({ empty: true });
  const token = await w.token();
  const create = async (body: unknown) => {
    const r = await w.post('/card/create', body, token);
    expect(r.json.errcode, JSON.stringify(r.json)).toBe(0);
    const cardId = r.json.card_id as string;
    expect((await w.control('review', { card_id: cardId, result: 'VERIFY_OK' })).status).toBe(200);
    return cardId;
  };
  const cash = await create(cardBody('CASH', {}, { reduce_cost: 100 }));
  const custom = await create(cardBody('CASH', { use_custom_code: true, get_limit: 10 }, { reduce_cost: 100 }));
  const member = await create(
    cardBody('MEMBER_CARD', { date_info: { type: 'DATE_TYPE_PERMANENT' } }, { supply_bonus: false, supply_balance: false, prerogative: 'p' }),
  );
  const deleted = await create(cardBody('CASH', {}, { reduce_cost: 100 }));
  expect((await w.post('/card/delete', { card_id: deleted }, token)).json.errcode).toBe(0);
  const give = async (card_id: string, more: Record<string, unknown> = {}) => {
    const r = await w.control('give-code', { card_id, openid: 'oAudit', ...more });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return r.json.code as string;
  };
  const normal = await give(cash);
  const consumed = await give(cash);
  expect((await w.post('/card/code/consume', { code: consumed }, token)).json.errcode).toBe(0);
  const removed = await give(cash);
  expect((await w.control('delete-code', { code: removed })).status).toBe(200);
  const customNormal = await give(custom, { code: 'C-NORMAL' });
  const customTaken = await give(custom, { code: 'C-TAKEN' });
  const customConsumed = await give(custom, { code: 'C-CONSUMED' });
  expect((await w.post('/card/code/consume', { code: customConsumed, card_id: custom }, token)).json.errcode).toBe(0);
  const customRemoved = await give(custom, { code: 'C-REMOVED' });
  expect((await w.control('delete-code', { code: customRemoved })).status).toBe(200);
  const memberCode = await give(member);
  const post = (path: string, body: unknown) => w.post(path, body, token);
  return { w, token, post, cash, custom, member, deleted, normal, consumed, removed, customNormal, customTaken, customConsumed, customRemoved, memberCode };
}

type Scenario = [key: WechatErrorKey, what: string, run: (x: World) => Promise<Reply>];

const dateRules = (path: string, extra: Record<string, unknown>): Scenario[] => [
  ['61500', 'a date not in YYYY-MM-DD form', (x) => x.post(path, { begin_date: '2026-3-1', end_date: D, ...extra })],
  ['61501', 'an inverted range', (x) => x.post(path, { begin_date: D, end_date: '2026-02-27', ...extra })],
  ['41011', 'no end_date', (x) => x.post(path, { begin_date: D, ...extra })],
];

/** Operation-specific errors (the token-and-body errors every POST operation shares are generated below). */
const SPECIFIC: Record<string, Scenario[]> = {
  'wechat.token': [
    ['40002', 'grant_type missing', (x) => x.w.send(`/cgi-bin/token?appid=${x.w.creds.appid}&secret=${x.w.creds.secret}`)],
    ['40013', 'an unknown appid', (x) => x.w.send('/cgi-bin/token?grant_type=client_credential&appid=wxnope&secret=x')],
    ['40125', 'a wrong secret', (x) => x.w.send(`/cgi-bin/token?grant_type=client_credential&appid=${x.w.creds.appid}&secret=wrong`)],
    ['41002', 'appid missing', (x) => x.w.send('/cgi-bin/token?grant_type=client_credential')],
    ['41004', 'secret missing', (x) => x.w.send(`/cgi-bin/token?grant_type=client_credential&appid=${x.w.creds.appid}`)],
    [
      '43001',
      'POST instead of GET',
      (x) => x.w.send(`/cgi-bin/token?grant_type=client_credential&appid=${x.w.creds.appid}&secret=${x.w.creds.secret}`, { method: 'POST' }),
    ],
  ],
  'wechat.card-create': [
    ['40071', 'an unknown card_type', (x) => x.post('/card/create', { card: { card_type: 'FOO', foo: cardBody('CASH').card.cash } })],
    [
      '40079',
      'a window ending before it begins',
      (x) =>
        x.post(
          '/card/create',
          cardBody('CASH', { date_info: { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: NOW, end_timestamp: NOW - 60 } }, { reduce_cost: 1 }),
        ),
    ],
    ['40122', 'a quantity over 100000000', (x) => x.post('/card/create', cardBody('CASH', { sku: { quantity: 100000001 } }, { reduce_cost: 1 }))],
    ['41011', 'no card', (x) => x.post('/card/create', {})],
    [
      '41012',
      'a consume_share_card_list entry without card_id',
      (x) => x.post('/card/create', cardBody('CASH', {}, { reduce_cost: 1, advanced_info: { consume_share_card_list: [{ num: 1 }] } })),
    ],
    ['45021', 'a brand_name over its length', (x) => x.post('/card/create', cardBody('CASH', { brand_name: 'x'.repeat(100) }, { reduce_cost: 1 }))],
  ],
  'wechat.card-get': [
    ['40073', 'an unknown card_id', (x) => x.post('/card/get', { card_id: 'pUnknown' })],
    ['41012', 'no card_id', (x) => x.post('/card/get', {})],
    ['45021', 'a card_id over 32 characters', (x) => x.post('/card/get', { card_id: LONG_ID })],
  ],
  'wechat.card-batchget': [['41011', 'no offset', (x) => x.post('/card/batchget', { count: 10 })]],
  'wechat.card-update': [
    ['40071', 'a key that is no card type', (x) => x.post('/card/update', { card_id: x.cash, coupon: { base_info: { notice: 'n' } } })],
    ['40073', 'an unknown card_id', (x) => x.post('/card/update', { card_id: 'pUnknown', cash: { base_info: { notice: 'n' } } })],
    ['40078', 'a deleted card', (x) => x.post('/card/update', { card_id: x.deleted, cash: { base_info: { notice: 'n' } } })],
    [
      '40079',
      'an end_timestamp past 2^32-1 (unsigned 32-bit seconds)',
      (x) =>
        x.post('/card/update', {
          card_id: x.cash,
          cash: { base_info: { date_info: { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: NOW, end_timestamp: 2 ** 32 } } },
        }),
    ],
    [
      '40100',
      'a window that shrinks',
      (x) =>
        x.post('/card/update', {
          card_id: x.cash,
          cash: { base_info: { date_info: { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: NOW, end_timestamp: NOW + 86400 } } },
        }),
    ],
    ['40150', 'a field that cannot change (brand_name)', (x) => x.post('/card/update', { card_id: x.cash, cash: { base_info: { brand_name: 'Other' } } })],
    ['41011', 'nothing to update', (x) => x.post('/card/update', { card_id: x.cash })],
    ['41012', 'no card_id', (x) => x.post('/card/update', { cash: { base_info: { notice: 'n' } } })],
    ['45021', 'a notice over string(48)', (x) => x.post('/card/update', { card_id: x.cash, cash: { base_info: { notice: 'n'.repeat(49) } } })],
  ],
  'wechat.card-modifystock': [
    ['40073', 'an unknown card_id', (x) => x.post('/card/modifystock', { card_id: 'pUnknown', increase_stock_value: 1 })],
    ['40078', 'a deleted card', (x) => x.post('/card/modifystock', { card_id: x.deleted, increase_stock_value: 1 })],
    ['40122', 'reducing below zero', (x) => x.post('/card/modifystock', { card_id: x.cash, reduce_stock_value: 1000 })],
    ['41012', 'no card_id', (x) => x.post('/card/modifystock', { increase_stock_value: 1 })],
    ['45021', 'a card_id over 32 characters', (x) => x.post('/card/modifystock', { card_id: LONG_ID, increase_stock_value: 1 })],
  ],
  'wechat.card-delete': [
    ['40073', 'an unknown card_id', (x) => x.post('/card/delete', { card_id: 'pUnknown' })],
    ['40078', 'a card already deleted', (x) => x.post('/card/delete', { card_id: x.deleted })],
    ['41012', 'no card_id', (x) => x.post('/card/delete', {})],
    ['45021', 'a card_id over 32 characters', (x) => x.post('/card/delete', { card_id: LONG_ID })],
  ],
  'wechat.rid-get': [
    ['76001', 'a well-formed rid never answered', (x) => x.post('/cgi-bin/openapi/rid/get', { rid: '00000000-00000000-00000000' })],
    ['76002', 'a malformed rid', (x) => x.post('/cgi-bin/openapi/rid/get', { rid: 'not-a-rid' })],
    [
      '76003',
      "another app's rid",
      async (x) => {
        const other = x.w.creds.apps[1]!;
        const otherToken = await x.w.token(other.appid, other.secret);
        const refused = await x.w.post('/card/code/get', { code: '999999999999' }, otherToken);
        const rid = / rid: (\S+)$/.exec(refused.json.errmsg as string)![1]!;
        return x.post('/cgi-bin/openapi/rid/get', { rid });
      },
    ],
  ],
  'wechat.code-get': [
    ['40056', 'an unknown code', (x) => x.post('/card/code/get', { code: '999999999999' })],
    ['40073', 'an unknown card_id', (x) => x.post('/card/code/get', { code: x.normal, card_id: 'pUnknown' })],
    ['40099', 'a consumed code, check_consume true', (x) => x.post('/card/code/get', { code: x.consumed, check_consume: true })],
    ['40127', 'a deleted code, check_consume true', (x) => x.post('/card/code/get', { code: x.removed, check_consume: true })],
    ['41012', 'a custom code without card_id', (x) => x.post('/card/code/get', { code: x.customNormal })],
    ['41013', 'no code', (x) => x.post('/card/code/get', { card_id: x.cash })],
    ['45021', 'a code over string(20)', (x) => x.post('/card/code/get', { code: '1'.repeat(21) })],
  ],
  'wechat.code-consume': [
    ['40056', 'an unknown code', (x) => x.post('/card/code/consume', { code: '999999999999' })],
    ['40071', 'a member card code', (x) => x.post('/card/code/consume', { code: x.memberCode })],
    ['40073', 'an unknown card_id', (x) => x.post('/card/code/consume', { code: x.normal, card_id: 'pUnknown' })],
    ['40099', 'a consumed code', (x) => x.post('/card/code/consume', { code: x.consumed })],
    ['40127', 'a deleted code', (x) => x.post('/card/code/consume', { code: x.removed })],
    ['41012', 'a custom code without card_id', (x) => x.post('/card/code/consume', { code: x.customNormal })],
    ['41013', 'no code', (x) => x.post('/card/code/consume', { card_id: x.cash })],
    ['45021', 'a code over string(20)', (x) => x.post('/card/code/consume', { code: '1'.repeat(21) })],
  ],
  'wechat.code-update': [
    ['40056', 'an unknown code', (x) => x.post('/card/code/update', { code: 'C-NONE', card_id: x.custom, new_code: 'C-NEW' })],
    ['40073', 'an unknown card_id', (x) => x.post('/card/code/update', { code: x.customNormal, card_id: 'pUnknown', new_code: 'C-NEW' })],
    ['40099', 'a consumed code', (x) => x.post('/card/code/update', { code: x.customConsumed, card_id: x.custom, new_code: 'C-NEW' })],
    ['40116', 'a new code already in use', (x) => x.post('/card/code/update', { code: x.customNormal, card_id: x.custom, new_code: x.customTaken })],
    ['40127', 'a deleted code', (x) => x.post('/card/code/update', { code: x.customRemoved, card_id: x.custom, new_code: 'C-NEW' })],
    ['41011', 'neither new_code nor newcode', (x) => x.post('/card/code/update', { code: x.customNormal, card_id: x.custom })],
    ['41012', 'a custom code without card_id', (x) => x.post('/card/code/update', { code: x.customNormal, new_code: 'C-NEW' })],
    ['41013', 'no code', (x) => x.post('/card/code/update', { card_id: x.custom, new_code: 'C-NEW' })],
    ['45021', 'a code over string(16)', (x) => x.post('/card/code/update', { code: 'C'.repeat(17), card_id: x.custom, new_code: 'C-NEW' })],
    ['45030', 'a card without custom codes', (x) => x.post('/card/code/update', { code: x.normal, new_code: '123123123123' })],
  ],
  'wechat.code-unavailable': [
    ['40056', 'an unknown code', (x) => x.post('/card/code/unavailable', { code: '999999999999' })],
    ['40073', 'an unknown card_id', (x) => x.post('/card/code/unavailable', { code: x.normal, card_id: 'pUnknown' })],
    ['40099', 'a consumed code', (x) => x.post('/card/code/unavailable', { code: x.consumed })],
    ['40127', 'a deleted code', (x) => x.post('/card/code/unavailable', { code: x.removed })],
    ['41012', 'a custom code without card_id', (x) => x.post('/card/code/unavailable', { code: x.customNormal })],
    ['41013', 'no code', (x) => x.post('/card/code/unavailable', { card_id: x.cash })],
    ['45021', 'a code over string(20)', (x) => x.post('/card/code/unavailable', { code: '1'.repeat(21) })],
  ],
  'wechat.user-getcardlist': [
    ['40003', 'an openid the app never saw', (x) => x.post('/card/user/getcardlist', { openid: 'oStranger' })],
    ['40073', 'an unknown card_id', (x) => x.post('/card/user/getcardlist', { openid: 'oAudit', card_id: 'pUnknown' })],
    ['41011', 'no openid', (x) => x.post('/card/user/getcardlist', {})],
    ['45021', 'an openid over string(64)', (x) => x.post('/card/user/getcardlist', { openid: 'o'.repeat(65) })],
  ],
  'wechat.datacube-getcardbizuininfo': dateRules('/datacube/getcardbizuininfo', { cond_source: 1 }),
  'wechat.datacube-getcardcardinfo': [
    ...dateRules('/datacube/getcardcardinfo', { cond_source: 1 }),
    ['40073', 'an unknown card_id', (x) => x.post('/datacube/getcardcardinfo', { begin_date: D, end_date: D, cond_source: 1, card_id: 'pUnknown' })],
    ['45021', 'a card_id over 32 characters', (x) => x.post('/datacube/getcardcardinfo', { begin_date: D, end_date: D, cond_source: 1, card_id: LONG_ID })],
  ],
  'wechat.datacube-getcardmembercardinfo': dateRules('/datacube/getcardmembercardinfo', { cond_source: 1 }),
  'wechat.datacube-getcardmembercarddetail': [
    ...dateRules('/datacube/getcardmembercarddetail', { card_id: 'pUnknown' }),
    ['40073', 'a card that is not a member card', (x) => x.post('/datacube/getcardmembercarddetail', { begin_date: D, end_date: D, card_id: x.cash })],
    ['41012', 'no card_id', (x) => x.post('/datacube/getcardmembercarddetail', { begin_date: D, end_date: D })],
    ['45021', 'a card_id over 32 characters', (x) => x.post('/datacube/getcardmembercarddetail', { begin_date: D, end_date: D, card_id: LONG_ID })],
  ],
};

/** The errors every POST operation behind an access_token shares. */
function shared(path: string): Scenario[] {
  return [
    ['40001', 'a forged access_token', (x) => x.w.post(path, {}, 'forged')],
    ['41001', 'no access_token', (x) => x.w.post(path, {})],
    [
      '42001',
      'an expired access_token',
      async (x) => {
        x.w.sandbox.clock.advance(7200 * 1000);
        return x.post(path, {});
      },
    ],
    ['43002', 'GET instead of POST', (x) => x.w.send(`${path}?access_token=${x.token}`)],
    ['44002', 'an empty body', (x) => x.post(path, '')],
    ['47001', 'a body that is not JSON', (x) => x.post(path, 'card_id=p1')],
  ];
}

const wechatOps = operationsOf('wechat');

describe('every WeChat operation answers exactly the errors the catalogue lists', () => {
  for (const op of wechatOps) {
    const scenarios = [...(op.method === 'POST' ? shared(op.path) : []), ...(SPECIFIC[op.id] ?? [])];

    it(`${op.id}: the listed keys are exactly the keys produced below (plus -1)`, () => {
      expect(op.errors).toContain('-1');
      const produced = [...new Set(scenarios.map(([key]) => key))].sort();
      expect([...op.errors].filter((k) => k !== '-1').sort()).toEqual(produced);
      expect(op.errors.length, 'no duplicates').toBe(new Set(op.errors).size);
    });

    for (const [key, what, run] of scenarios) {
      it(`${op.id} answers ${key} for ${what}`, async () => {
        const x = await world();
        expectError(await run(x), key);
      });
    }
  }

  it('has a scenario table for every WeChat operation and no stale entries', () => {
    expect(Object.keys(SPECIFIC).sort()).toEqual(wechatOps.map((o) => o.id).sort());
  });

  it('keeps the 42001 scenario honest: the same token works before 7200 s', async () => {
    const x = await world();
    x.w.sandbox.clock.advance(7199 * 1000);
    expect((await x.post('/card/get', { card_id: x.cash })).json.errcode).toBe(0);
    x.w.sandbox.clock.advance(DAY_MS);
    expectError(await x.post('/card/get', { card_id: x.cash }), '42001');
  });
});
