import { errorEntry } from '../../../src/errors/catalogue.js';
import { describe, expect, it } from 'vitest';
import { CARD_TYPES } from '../../../src/engine/wechat/model.js';
import { schemaId, schemas } from '../../../src/schema/registry.js';
import { cardBody, expectError, expectOk, START, wechatSandbox } from './support.js';

const NOW = START / 1000;
const typeExtra: Record<string, Record<string, unknown>> = {
  GROUPON: { deal_detail: 'two-person meal' },
  CASH: { least_cost: 1000, reduce_cost: 200 },
  DISCOUNT: { discount: 20 },
  GIFT: { gift: 'a cake' },
  GENERAL_COUPON: { default_detail: 'anything' },
  MEMBER_CARD: { supply_bonus: false, supply_balance: false, prerogative: 'members get 10% off' },
  BOARDING_PASS: { from: 'Guangzhou', to: 'Beijing', flight: 'CZ3101' },
  MEETING_TICKET: { meeting_detail: 'Hall 3, 9:00' },
};

async function created(type = 'CASH', base: Record<string, unknown> = {}, extra: Record<string, unknown> = typeExtra[type] ?? {}) {
  const w = wechatSandbox({ empty: true });
  const token = await w.token();
  const r = await w.post('/card/create', cardBody(type, base, extra), token);
  expectOk(r);
  return { w, token, cardId: r.json.card_id as string };
}

describe('card/create and card/get', () => {
  for (const type of CARD_TYPES) {
    it(`creates a ${type} card that reads back under review`, async () => {
      const date = type === 'MEMBER_CARD' ? { date_info: { type: 'DATE_TYPE_PERMANENT' } } : {};
      const { w, token, cardId } = await created(type, date);
      expect(cardId).toMatch(/^p[A-Za-z0-9_-]{27}$/);
      const r = await w.post('/card/get', { card_id: cardId }, token);
      expectOk(r);
      expect(r.json.card.card_type).toBe(type);
      const base = r.json.card[type.toLowerCase()].base_info;
      expect(base).toMatchObject({
        id: cardId,
        status: 'CARD_STATUS_NOT_VERIFY',
        color: '#63b359',
        sku: { quantity: 100, total_quantity: 100 },
        get_limit: 100,
        create_time: NOW,
        update_time: NOW,
        area_code_list: [],
      });
    });
  }

  it('accepts the old numeric date_info type and string timestamps', async () => {
    const { w, token, cardId } = await created('CASH', { date_info: { type: 1, begin_timestamp: String(NOW), end_timestamp: String(NOW + 86400) } });
    const base = (await w.post('/card/get', { card_id: cardId }, token)).json.card.cash.base_info;
    expect(base.date_info).toEqual({ type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: NOW, end_timestamp: NOW + 86400 });
  });

  it('answers 40079 invalid time for a window that already ended, and for a permanent coupon', async () => {
    const w = wechatSandbox({ empty: true });
    const token = await w.token();
    expectError(
      await w.post(
        '/card/create',
        cardBody('CASH', { date_info: { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: NOW - 100, end_timestamp: NOW - 10 } }, typeExtra.CASH),
        token,
      ),
      '40079',
    );
    expectError(await w.post('/card/create', cardBody('CASH', { date_info: { type: 'DATE_TYPE_PERMANENT' } }, typeExtra.CASH), token), '40079');
    expect((await w.post('/card/batchget', { offset: 0, count: 10 }, token)).json.total_num).toBe(0);
  });

  it('answers 40122 for a stock over 100 000 000 and 41011 without base_info essentials', async () => {
    const w = wechatSandbox({ empty: true });
    const token = await w.token();
    expectError(await w.post('/card/create', cardBody('CASH', { sku: { quantity: 100_000_001 } }, typeExtra.CASH), token), '40122');
    const body = cardBody('CASH', {}, typeExtra.CASH);
    delete (body.card.cash as any).base_info.title;
    expectError(await w.post('/card/create', body, token), '41011');
    expectError(await w.post('/card/create', { card: { card_type: 'CASH', groupon: {} } }, token), '41011');
    expectError(await w.post('/card/create', { card: { card_type: 'COUPON', coupon: {} } }, token), '40071');
  });

  it('answers 40073 for an unknown card_id', async () => {
    const { w, token } = await created();
    expectError(await w.post('/card/get', { card_id: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc' }, token), '40073');
  });
});

describe('card/batchget', () => {
  it("pages through the app's cards in creation order with total_num", async () => {
    const w = wechatSandbox();
    const token = await w.token();
    const all = w.sandbox.wechat.identities().apps[0]!.cards.map((c) => c.card_id);
    const page = await w.post('/card/batchget', { offset: 2, count: 3 }, token);
    expect(page.json).toEqual({ errcode: 0, errmsg: 'ok', card_id_list: all.slice(2, 5), total_num: all.length, card_list: [] });
    const past = await w.post('/card/batchget', { offset: 100, count: 3 }, token);
    expect(past.json.card_id_list).toEqual([]);
  });

  it('filters by status_list', async () => {
    const w = wechatSandbox();
    const token = await w.token();
    const cards = w.sandbox.wechat.identities().apps[0]!.cards;
    const wanted = ['CARD_STATUS_VERIFY_OK', 'CARD_STATUS_DISPATCH'];
    const r = await w.post('/card/batchget', { offset: 0, count: 50, status_list: wanted }, token);
    const expected = cards.filter((c) => wanted.includes(c.status)).map((c) => c.card_id);
    expect(r.json.card_id_list).toEqual(expected);
    expect(r.json.total_num).toBe(expected.length);
    expectError(await w.post('/card/batchget', { offset: 0, count: 10, status_list: ['CARD_STATUS_BOGUS'] }, token), '47001');
  });

  it("answers the schema's code for count 0, count 51 or a negative offset", async () => {
    const w = wechatSandbox();
    const token = await w.token();
    // The limits' codes are undocumented: the schema (x-errors) names them, the route must follow.
    const props = (schemas().schema(schemaId('wechat/card-batchget.request.json')) as any).properties;
    expectError(await w.post('/card/batchget', { offset: 0, count: 0 }, token), props.count['x-errors'].minimum);
    expectError(await w.post('/card/batchget', { offset: 0, count: 51 }, token), props.count['x-errors'].maximum);
    expectError(await w.post('/card/batchget', { offset: -1, count: 5 }, token), props.offset['x-errors'].minimum);
  });
});

describe('card review (control action)', () => {
  it('moves NOT_VERIFY to VERIFY_OK then DISPATCH, and refuses illegal moves with 409 / 40078', async () => {
    const { w, token, cardId } = await created();
    const status = async () => (await w.post('/card/get', { card_id: cardId }, token)).json.card.cash.base_info.status;
    expect((await w.control('review', { card_id: cardId, result: 'DISPATCH' })).json.error.vendor_error.code).toBe(40078);
    expect((await w.control('review', { card_id: cardId, result: 'VERIFY_OK' })).json).toEqual({ card_id: cardId, status: 'CARD_STATUS_VERIFY_OK' });
    expect(await status()).toBe('CARD_STATUS_VERIFY_OK');
    const again = await w.control('review', { card_id: cardId, result: 'VERIFY_FAIL' });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({
      code: 'VENDOR_RULE',
      vendor_error: { vendor: 'wechat', code: 40078, message: errorEntry('wechat', '40078').message },
    });
    expect((await w.control('review', { card_id: cardId, result: 'DISPATCH' })).status).toBe(200);
    expect(await status()).toBe('CARD_STATUS_DISPATCH');
  });

  it('moves NOT_VERIFY to VERIFY_FAIL; a failed card goes back to review when updated', async () => {
    const { w, token, cardId } = await created();
    await w.control('review', { card_id: cardId, result: 'VERIFY_FAIL', reason: 'blurry logo' });
    expect((await w.control('review', { card_id: cardId, result: 'VERIFY_OK' })).status).toBe(409);
    const r = await w.post('/card/update', { card_id: cardId, cash: { base_info: { logo_url: 'http://mmbiz.qpic.cn/mmbiz/better/0' } } }, token);
    expect(r.json.send_check).toBe(true);
    expect((await w.control('review', { card_id: cardId, result: 'VERIFY_OK' })).status).toBe(200);
  });

  it('answers 400 for a bad review body and 409 / 40073 for an unknown card', async () => {
    const { w } = await created();
    expect((await w.control('review', { card_id: 'x', result: 'MAYBE' })).status).toBe(400);
    expect((await w.control('review', { card_id: 'pUnknown', result: 'VERIFY_OK' })).json.error.vendor_error.code).toBe(40073);
  });
});

describe('card/update', () => {
  async function verified() {
    const c = await created();
    await c.w.control('review', { card_id: c.cardId, result: 'VERIFY_OK' });
    const status = async () => (await c.w.post('/card/get', { card_id: c.cardId }, c.token)).json.card.cash.base_info;
    return { ...c, base: status };
  }

  it('changes fields without review: send_check false, status kept', async () => {
    const { w, token, cardId, base } = await verified();
    w.sandbox.clock.advance(60_000);
    const r = await w.post(
      '/card/update',
      { card_id: cardId, cash: { base_info: { service_phone: '020-88888888', get_limit: 2, can_give_friend: false } } },
      token,
    );
    expect(r.json).toEqual({ errcode: 0, errmsg: 'ok', send_check: false });
    expect(await base()).toMatchObject({
      service_phone: '020-88888888',
      get_limit: 2,
      can_give_friend: false,
      status: 'CARD_STATUS_VERIFY_OK',
      update_time: NOW + 60,
    });
  });

  it('sends the card back to review when a review field changes (send_check true)', async () => {
    const { w, token, cardId, base } = await verified();
    const r = await w.post('/card/update', { card_id: cardId, cash: { base_info: { notice: 'new notice', description: 'new text' } } }, token);
    expect(r.json.send_check).toBe(true);
    expect((await base()).status).toBe('CARD_STATUS_NOT_VERIFY');
  });

  it('does not send the card to review when a review field is sent unchanged', async () => {
    const { w, token, cardId, base } = await verified();
    const r = await w.post('/card/update', { card_id: cardId, cash: { base_info: { notice: 'Show the code', color: 'Color010' } } }, token);
    expect(r.json.send_check).toBe(false);
    expect((await base()).status).toBe('CARD_STATUS_VERIFY_OK');
  });

  it('treats advanced_info time_limit as a review field and abstract as not', async () => {
    const { w, token, cardId } = await verified();
    const a = await w.post('/card/update', { card_id: cardId, cash: { advanced_info: { abstract: { abstract: 'summary' } } } }, token);
    expect(a.json.send_check).toBe(false);
    const b = await w.post('/card/update', { card_id: cardId, cash: { advanced_info: { time_limit: [{ type: 'MONDAY' }] } } }, token);
    expect(b.json.send_check).toBe(true);
  });

  it('refuses a field that cannot change with 40150 and changes nothing', async () => {
    const { w, token, cardId, base } = await verified();
    const before = await base();
    expectError(await w.post('/card/update', { card_id: cardId, cash: { base_info: { brand_name: 'Other', notice: 'changed' } } }, token), '40150');
    expectError(await w.post('/card/update', { card_id: cardId, cash: { reduce_cost: 1 } }, token), '40150');
    expect(await base()).toEqual(before);
  });

  it('widens the validity window, and answers 40100 for narrowing or a fixed-term change', async () => {
    const { w, token, cardId, base } = await verified();
    const old = (await base()).date_info;
    expectError(
      await w.post(
        '/card/update',
        {
          card_id: cardId,
          cash: { base_info: { date_info: { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: old.begin_timestamp, end_timestamp: old.end_timestamp - 1 } } },
        },
        token,
      ),
      '40100',
    );
    expectError(
      await w.post(
        '/card/update',
        {
          card_id: cardId,
          cash: { base_info: { date_info: { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: old.begin_timestamp + 1, end_timestamp: old.end_timestamp } } },
        },
        token,
      ),
      '40100',
    );
    expectError(await w.post('/card/update', { card_id: cardId, cash: { base_info: { date_info: { type: 'DATE_TYPE_FIX_TERM' } } } }, token), '40100');
    const r = await w.post(
      '/card/update',
      {
        card_id: cardId,
        cash: {
          base_info: { date_info: { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: old.begin_timestamp - 10, end_timestamp: old.end_timestamp + 86400 } },
        },
      },
      token,
    );
    expect(r.json.send_check).toBe(false);
    expect((await base()).date_info).toEqual({
      type: 'DATE_TYPE_FIX_TIME_RANGE',
      begin_timestamp: old.begin_timestamp - 10,
      end_timestamp: old.end_timestamp + 86400,
    });
  });

  it('tolerates a member_card key on a CASH card for base_info (SDK habit), but not member-only fields', async () => {
    const { w, token, cardId, base } = await verified();
    const r = await w.post('/card/update', { card_id: cardId, member_card: { base_info: { service_phone: '400-1' } } }, token);
    expectOk(r);
    expect((await base()).service_phone).toBe('400-1');
    expectError(await w.post('/card/update', { card_id: cardId, member_card: { bonus_rules: 'x' } }, token), '40150');
  });

  it('answers 40071 for an unknown type key, 40150 for two type keys, 41011 for none', async () => {
    const { w, token, cardId } = await verified();
    expectError(await w.post('/card/update', { card_id: cardId, coupon: { base_info: {} } }, token), '40071');
    expectError(await w.post('/card/update', { card_id: cardId, cash: { base_info: {} }, gift: { base_info: {} } }, token), '40150');
    expectError(await w.post('/card/update', { card_id: cardId }, token), '41011');
    expectError(await w.post('/card/update', { cash: { base_info: {} } }, token), '41012');
  });

  it('updates member-card fields of a member card', async () => {
    const w = wechatSandbox();
    const token = await w.token();
    const member = w.card((c) => c.card_type === 'MEMBER_CARD');
    const a = await w.post(
      '/card/update',
      { card_id: member.card_id, member_card: { bonus_rules: 'one point per yuan', prerogative: 'members get 20% off' } },
      token,
    );
    expect(a.json.send_check).toBe(true);
    const card = (await w.post('/card/get', { card_id: member.card_id }, token)).json.card.member_card;
    expect(card).toMatchObject({ bonus_rules: 'one point per yuan', prerogative: 'members get 20% off' });
  });
});

describe('card/modifystock', () => {
  it('increases and reduces quantity and total_quantity', async () => {
    const { w, token, cardId } = await created();
    const sku = async () => (await w.post('/card/get', { card_id: cardId }, token)).json.card.cash.base_info.sku;
    expectOk(await w.post('/card/modifystock', { card_id: cardId, increase_stock_value: 50 }, token));
    expect(await sku()).toEqual({ quantity: 150, total_quantity: 150 });
    expectOk(await w.post('/card/modifystock', { card_id: cardId, reduce_stock_value: 30 }, token));
    expect(await sku()).toEqual({ quantity: 120, total_quantity: 120 });
    expectOk(await w.post('/card/modifystock', { card_id: cardId, increase_stock_value: 0, reduce_stock_value: 0 }, token));
    expectOk(await w.post('/card/modifystock', { card_id: cardId }, token));
    expect(await sku()).toEqual({ quantity: 120, total_quantity: 120 });
  });

  it('refuses to reduce below zero (40122) and leaves the stock alone', async () => {
    const { w, token, cardId } = await created();
    expectError(await w.post('/card/modifystock', { card_id: cardId, reduce_stock_value: 101 }, token), '40122');
    expectError(await w.post('/card/modifystock', { card_id: cardId, increase_stock_value: 100_000_000 }, token), '40122');
    expectError(await w.post('/card/modifystock', { card_id: cardId, reduce_stock_value: -1 }, token), '40122');
    expectError(await w.post('/card/modifystock', { card_id: cardId, reduce_stock_value: 1.5 }, token), '47001');
    const sku = (await w.post('/card/get', { card_id: cardId }, token)).json.card.cash.base_info.sku;
    expect(sku).toEqual({ quantity: 100, total_quantity: 100 });
  });

  it('keeps received codes out of the stock: quantity drops, total_quantity stays', async () => {
    const { w, token, cardId } = await created();
    await w.control('review', { card_id: cardId, result: 'VERIFY_OK' });
    for (const openid of ['oA', 'oB', 'oC']) expect((await w.control('give-code', { card_id: cardId, openid })).status).toBe(200);
    const sku = (await w.post('/card/get', { card_id: cardId }, token)).json.card.cash.base_info.sku;
    expect(sku).toEqual({ quantity: 97, total_quantity: 100 });
  });
});

describe('card/delete', () => {
  it('marks the card deleted; held codes stay valid; later changes answer 40078', async () => {
    const { w, token, cardId } = await created();
    await w.control('review', { card_id: cardId, result: 'VERIFY_OK' });
    const given = (await w.control('give-code', { card_id: cardId, openid: 'oHolder' })).json;
    expectOk(await w.post('/card/delete', { card_id: cardId }, token));
    expect((await w.post('/card/get', { card_id: cardId }, token)).json.card.cash.base_info.status).toBe('CARD_STATUS_DELETE');
    expectError(await w.post('/card/delete', { card_id: cardId }, token), '40078');
    expectError(await w.post('/card/update', { card_id: cardId, cash: { base_info: { service_phone: '1' } } }, token), '40078');
    expectError(await w.post('/card/modifystock', { card_id: cardId, increase_stock_value: 1 }, token), '40078');
    const give = await w.control('give-code', { card_id: cardId, openid: 'oOther' });
    expect(give.json.error.vendor_error.code).toBe(40078);
    expect((await w.post('/card/code/get', { code: given.code }, token)).json.user_card_status).toBe('NORMAL');
    expectOk(await w.post('/card/code/consume', { code: given.code }, token));
  });

  it('answers 41012 without card_id and 40073 for an unknown one', async () => {
    const { w, token } = await created();
    expectError(await w.post('/card/delete', {}, token), '41012');
    expectError(await w.post('/card/delete', { card_id: 'pNope' }, token), '40073');
  });
});
