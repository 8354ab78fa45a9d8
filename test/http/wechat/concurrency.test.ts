import { errorEntry } from '../../../src/errors/catalogue.js';
import { describe, expect, it } from 'vitest';
import { cardBody, wechatSandbox } from './support.js';

describe('atomic state changes under concurrency', () => {
  it('lets exactly one of 50 concurrent consumes of one code succeed', async () => {
    const w = wechatSandbox();
    const token = await w.token();
    const cash = w.card((c) => c.card_type === 'CASH' && !c.use_custom_code);
    const { code } = (await w.control('give-code', { card_id: cash.card_id, openid: 'oRace' })).json;
    const replies = await Promise.all(Array.from({ length: 50 }, () => w.post('/card/code/consume', { code }, token)));
    const codes = replies.map((r) => r.json.errcode);
    expect(codes.filter((c) => c === 0)).toHaveLength(1);
    expect(codes.filter((c) => c === 40099)).toHaveLength(49);
  });

  it('never oversells stock when 40 users receive at once from a stock of 10', async () => {
    const w = wechatSandbox({ empty: true });
    const token = await w.token();
    const cardId = (await w.post('/card/create', cardBody('CASH', { sku: { quantity: 10 } }, { reduce_cost: 1 }), token)).json.card_id;
    await w.control('review', { card_id: cardId, result: 'VERIFY_OK' });
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => w.control('give-code', { card_id: cardId, openid: `oUser${i}` })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(10);
    const refused = replies.filter((r) => r.status === 409);
    expect(refused).toHaveLength(30);
    expect(new Set(refused.map((r) => r.json.error.vendor_error.code))).toEqual(new Set([Number(errorEntry('wechat', '45031').code)]));
    const sku = (await w.post('/card/get', { card_id: cardId }, token)).json.card.cash.base_info.sku;
    expect(sku).toEqual({ quantity: 0, total_quantity: 10 });
  });
});
