import { describe, expect, it } from 'vitest';
import { MERCHANTS } from '../../../src/engine/wechatpay/identities.js';
import { APPID, expectError, listPath, MINI_APPID, paySandbox, SEEDED, stockBody, U0, U1, U2 } from './support.js';
import { payList } from '../../support/state-reads.js';
import type { WechatpayErrorKey } from '../../../src/types/error-key.js';

const MAIN = MERCHANTS.main;

describe('list user coupons (根据过滤条件查询用户券)', () => {
  it('lists the seeded coupons of a user under an appid, newest first, with the page shape', async () => {
    const { call } = paySandbox();
    const res = await call('GET', listPath(U0, { appid: APPID, creator_merchant: MAIN }));
    expect(res.status).toBe(200);
    expect(res.json.offset).toBe(0);
    expect(res.json.limit).toBe(20);
    expect(res.json.total_count).toBe(res.json.data.length);
    const states = res.json.data.map((c: any) => c.coupon_state).sort();
    expect(states).toEqual(['EXPIRED', 'SENDED', 'SENDED', 'USED']);
    const times = res.json.data.map((c: any) => Date.parse(c.receive_time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const c of res.json.data) expect(c.display_pattern_info).not.toHaveProperty('description');
  });

  it('filters by every documented filter', async () => {
    const { call } = paySandbox();
    const count = async (openid: string, q: Record<string, string>) => (await call('GET', listPath(openid, { appid: APPID, ...q }))).json.total_count;
    expect(await count(U0, { creator_merchant: MAIN, stock_id: SEEDED.normal })).toBe(2);
    expect(await count(U0, { creator_merchant: MAIN, coupon_state: 'USED' })).toBe(1);
    expect(await count(U0, { creator_merchant: MAIN, coupon_state: 'EXPIRED' })).toBe(1);
    expect(await count(U1, { creator_merchant: MAIN, coupon_state: 'DEACTIVATED' })).toBe(1);
    expect(await count(U2, { creator_merchant: MAIN, coupon_state: 'DELETED' })).toBe(1);
    expect(await count(U0, { belong_merchant: MERCHANTS.subA })).toBe(1);
    expect(await count(U0, { belong_merchant: MAIN })).toBe(3);
    expect(await count(U0, { sender_merchant: MAIN })).toBe(4);
    expect(await count(U0, { creator_merchant: MAIN, belong_merchant: MERCHANTS.subB })).toBe(0); // that coupon is under the mini program appid
    expect((await call('GET', listPath(U0, { appid: MINI_APPID, belong_merchant: MERCHANTS.subB }))).json.total_count).toBe(1);
  });

  it('pages with offset and limit; total_count is the whole match', async () => {
    const { call } = paySandbox();
    const stock = await call('POST', '/v3/marketing/busifavor/stocks', stockBody({ stock_send_rule: { max_coupons: 10, max_coupons_per_user: 10 } }));
    for (let i = 0; i < 5; i++)
      await call('POST', '/v3/marketing/busifavor/coupons/send', { openid: U2, appid: APPID, stock_id: stock.json.stock_id, out_request_no: `p${i}` });
    const page = async (offset: number, limit: number) =>
      (await call('GET', listPath(U2, { appid: APPID, stock_id: stock.json.stock_id, creator_merchant: MAIN, offset, limit }))).json;
    const all = await page(0, 50);
    expect(all.total_count).toBe(5);
    const p1 = await page(0, 2);
    const p2 = await page(2, 2);
    const p3 = await page(4, 2);
    expect([p1, p2, p3].map((p) => p.data.length)).toEqual([2, 2, 1]);
    expect([...p1.data, ...p2.data, ...p3.data].map((c: any) => c.coupon_code)).toEqual(all.data.map((c: any) => c.coupon_code));
    expect(p2).toMatchObject({ offset: 2, limit: 2, total_count: 5 });
    expect((await page(10, 2)).data).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, WechatpayErrorKey]>([
    ['limit above 50', { limit: 51 }, 'PARAM_ERROR'],
    ['limit 0', { limit: 0 }, 'PARAM_ERROR'],
    ['a negative offset', { offset: -1 }, 'PARAM_ERROR'],
    ['a non-numeric limit', { limit: 'ten' }, 'PARAM_ERROR'],
    ['an unknown coupon_state', { coupon_state: 'GONE' }, 'PARAM_ERROR'],
    ['no merchant filter', { creator_merchant: undefined }, 'PARAM_ERROR'],
    ['an unbound appid', { appid: 'wx0000000000000000' }, 'APPID_MCHID_NOT_MATCH'],
    ['an unknown merchant', { creator_merchant: '1999999999' }, 'MCH_NOT_EXISTS'],
    ['another merchant', { creator_merchant: MERCHANTS.foreign }, 'NO_AUTH'],
  ])('answers the vendor error for %s', async (_name, over, key) => {
    const { call } = paySandbox();
    const q = Object.fromEntries(Object.entries({ appid: APPID, creator_merchant: MAIN, ...over }).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    expectError(await call('GET', listPath(U0, q)), key);
  });

  it('answers PARAM_ERROR without appid and USER_NOT_EXISTS for an openid that is no user', async () => {
    const { call } = paySandbox();
    const res = await call('GET', listPath(U0, { creator_merchant: MAIN }));
    expectError(res, 'PARAM_ERROR');
    expect(res.json.detail).toMatchObject({ field: 'appid', location: 'query' });
    expectError(await call('GET', listPath('2323dfsdf342342', { appid: APPID, creator_merchant: MAIN })), 'USER_NOT_EXISTS');
  });

  it('accepts any well-formed openid as a user with an empty wallet', async () => {
    const { call } = paySandbox();
    const res = await call('GET', listPath('oAbCdEfGhIjKlMnOpQrStUvWxYz0', { appid: APPID, creator_merchant: MAIN }));
    expect(res.json).toEqual({ data: [], total_count: 0, offset: 0, limit: 20 });
  });
});

describe('query one coupon', () => {
  it('returns the full coupon object, description included', async () => {
    const { call, sandbox } = paySandbox();
    const [coupon] = payList(sandbox, { openid: U0, appid: APPID, creator_merchant: MAIN, stock_id: SEEDED.normal, coupon_state: 'USED' }).data;
    const res = await call('GET', `/v3/marketing/busifavor/users/${U0}/coupons/${coupon!.coupon_code}/appids/${APPID}`);
    expect(res.json).toMatchObject({
      coupon_code: coupon!.coupon_code,
      coupon_state: 'USED',
      stock_id: SEEDED.normal,
      use_request_no: expect.any(String),
      use_time: expect.any(String),
    });
    expect(res.json.display_pattern_info.description).toEqual(expect.any(String));
  });

  it.each<[string, (code: string) => string, WechatpayErrorKey]>([
    ['an unknown code', (code: string) => `/v3/marketing/busifavor/users/${U0}/coupons/0${code}/appids/${APPID}`, 'COUPON_NOT_EXISTS'],
    ['another user', (code: string) => `/v3/marketing/busifavor/users/${U1}/coupons/${code}/appids/${APPID}`, 'COUPON_NOT_EXISTS'],
    ['an unbound appid', (code: string) => `/v3/marketing/busifavor/users/${U0}/coupons/${code}/appids/wx0000000000000000`, 'APPID_MCHID_NOT_MATCH'],
    ['an openid that is no user', (code: string) => `/v3/marketing/busifavor/users/nobody/coupons/${code}/appids/${APPID}`, 'USER_NOT_EXISTS'],
    ['a code that is too long', () => `/v3/marketing/busifavor/users/${U0}/coupons/${'1'.repeat(33)}/appids/${APPID}`, 'PARAM_ERROR'],
  ])('answers the vendor error for %s', async (_name, path, key) => {
    const { call, sandbox } = paySandbox();
    const [coupon] = payList(sandbox, { openid: U0, appid: APPID, creator_merchant: MAIN, stock_id: SEEDED.normal }).data;
    expectError(await call('GET', path(coupon!.coupon_code)), key);
  });
});
