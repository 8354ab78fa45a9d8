/**
 * The H5 coupon link over a real socket: a merchant signs the link with its APIv2 key (here with
 * wechatpay-axios-plugin's own v2 signer, independent of the sandbox's), a user opens it through
 * POST /_sandbox/wechatpay/h5-open, and the page shows the coupon, or the vendor's error.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { h5CouponUrl, v2Sign } from '../../../src/index.js';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';
import type { WechatpayErrorKey } from '../../../src/types/error-key.js';
import { control, merchantsOf, signedCall, type MerchantCreds } from './key-support.js';

const require = createRequire(import.meta.url);
const { Hash } = require('wechatpay-axios-plugin');

const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const PAGE = 'https://action.weixin.qq.com/busifavor/getcouponinfo';
let running: RunningSandbox;
let base: string;
let m: Record<MerchantCreds['mode'], MerchantCreds>;
let openids: string[];
let appids: string[];

beforeAll(async () => {
  running = await serveSandbox({
    port: 0,
    validateResponses: true,
    startAt: T0,
    frozen: true,
    onUnexpectedError: (e) => {
      throw e;
    },
  });
  base = running.url;
  m = await merchantsOf(base);
  const creds = (await (await fetch(`${base}/_sandbox/credentials`)).json()).wechatpay;
  openids = creds.openids;
  appids = creds.appids;
});
afterAll(() => running.close());
beforeEach(async () => {
  await control(base, '/_sandbox/reset');
});

/** A link as a merchant's server builds it, signed by the plugin's Hash.sign (v2 rules, HMAC-SHA256). */
function link(params: Record<string, string>, key: string, fragment = '#wechat_redirect'): string {
  const sign = Hash.sign(Hash.ALGO_HMAC_SHA256, params, key);
  return `${PAGE}?${new URLSearchParams({ ...params, sign })}${fragment}`;
}

const open = (url: string, appid?: string) => control(base, '/_sandbox/wechatpay/h5-open', appid ? { url, appid } : { url });
const refused = (key: WechatpayErrorKey) => ({
  page: 'ERROR',
  title: errorEntry('wechatpay', key).message,
  vendor_error: { code: errorEntry('wechatpay', key).code, message: errorEntry('wechatpay', key).message },
});

async function newStock(over: Record<string, unknown> = {}): Promise<string> {
  const body = {
    stock_name: 'H5满减券',
    belong_merchant: m.certificate.mchid,
    goods_name: '全场通用',
    stock_type: 'NORMAL',
    out_request_no: `h5stock${Math.random().toString(36).slice(2)}`,
    coupon_use_rule: {
      coupon_available_time: { available_begin_time: '2026-02-01T00:00:00+08:00', available_end_time: '2026-04-30T23:59:59+08:00' },
      fixed_normal_coupon: { discount_amount: 100, transaction_minimum: 200 },
      use_method: 'OFF_LINE',
    },
    stock_send_rule: { max_coupons: 10, max_coupons_per_user: 1 },
    coupon_code_mode: 'WECHATPAY_MODE',
    ...over,
  };
  const res = await signedCall(base, m.certificate, 'POST', '/v3/marketing/busifavor/stocks', body);
  expect(res.status).toBe(200);
  return res.json.stock_id;
}

describe('the v2 sign', () => {
  it('reproduces the published APIv2 example and agrees with wechatpay-axios-plugin and node:crypto', () => {
    const params = { appid: 'wxd930ea5d5a258f4f', mch_id: '10000100', device_info: '1000', body: 'test', nonce_str: 'ibuaiVcKdpRxkhJA' };
    const key = '192006250b4c09247ec02edce69f6a2d';
    expect(v2Sign(params, key)).toBe('6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6');
    expect(v2Sign(params, key)).toBe(Hash.sign(Hash.ALGO_HMAC_SHA256, params, key));
    const h5 = { stock_id: '98065001', out_request_no: 'abc123', send_coupon_merchant: '1230000109', open_id: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', coupon_code: '' };
    const expected = createHmac('sha256', key)
      .update(`open_id=${h5.open_id}&out_request_no=abc123&send_coupon_merchant=1230000109&stock_id=98065001&key=${key}`)
      .digest('hex')
      .toUpperCase();
    expect(v2Sign(h5, key)).toBe(expected);
  });

  it('h5CouponUrl builds the documented link: the parameters, sign last, the fragment', () => {
    const url = h5CouponUrl(
      {
        stock_id: '98065001',
        out_request_no: 'abc123',
        send_coupon_merchant: '1230000109',
        open_id: 'oUpF8u',
        customize_send_time: '2026-03-01T10:00:00+08:00',
      },
      'k'.repeat(32),
    );
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(PAGE);
    expect([...parsed.searchParams.keys()]).toEqual(['stock_id', 'out_request_no', 'send_coupon_merchant', 'open_id', 'customize_send_time', 'sign']);
    expect(parsed.searchParams.get('customize_send_time')).toBe('2026-03-01T10:00:00+08:00');
    expect(parsed.hash).toBe('#wechat_pay&wechat_redirect');
    expect(parsed.searchParams.get('sign')).toBe(
      Hash.sign(Hash.ALGO_HMAC_SHA256, Object.fromEntries([...parsed.searchParams].filter(([k]) => k !== 'sign')), 'k'.repeat(32)),
    );
  });
});

describe('POST /_sandbox/wechatpay/h5-open', () => {
  it("a right sign issues the coupon: the page shows it and the merchant's API lists it", async () => {
    const stockId = await newStock();
    const params = { stock_id: stockId, out_request_no: 'h5001', send_coupon_merchant: m.certificate.mchid, open_id: openids[0]! };
    const res = await open(link(params, m.certificate.apiv2_key));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      page: 'RECEIVED',
      title: '领取成功',
      coupon: {
        stock_id: stockId,
        coupon_code: expect.stringMatching(/^\d{22}$/),
        out_request_no: 'h5001',
        openid: openids[0],
        appid: appids[0],
        receive_time: '2026-03-02T10:00:00+08:00',
        available_start_time: '2026-03-02T10:00:00+08:00',
        expire_time: '2026-04-30T23:59:59+08:00',
      },
    });
    const listed = await signedCall(
      base,
      m.certificate,
      'GET',
      `/v3/marketing/busifavor/users/${openids[0]}/coupons?appid=${appids[0]}&stock_id=${stockId}&creator_merchant=${m.certificate.mchid}`,
    );
    expect(listed.json.data.map((c: any) => c.coupon_code)).toEqual([res.json.coupon.coupon_code]);
    // Opened again, the same link shows the same coupon (out_request_no is the idempotency key)...
    expect((await open(link(params, m.certificate.apiv2_key))).json).toEqual(res.json);
    // ...and the same out_request_no for another user is the vendor's reuse error.
    expect((await open(link({ ...params, open_id: openids[1]! }, m.certificate.apiv2_key))).json).toEqual(refused('RESOURCE_ALREADY_EXISTS'));
    const stock = await signedCall(base, m.certificate, 'GET', `/v3/marketing/busifavor/stocks/${stockId}`);
    expect(stock.json.send_count_information.total_send_num).toBe(1);
  });

  it("a wrong sign is refused with the page's error 272758293 and issues nothing", async () => {
    const stockId = await newStock();
    const params = { stock_id: stockId, out_request_no: 'h5002', send_coupon_merchant: m.certificate.mchid, open_id: openids[0]! };
    const tampered = link(params, m.certificate.apiv2_key).replace('h5002', 'h5003');
    const others = [tampered, link(params, m.public_key.apiv2_key), link(params, m.certificate.apiv2_key).replace(/&sign=[^#]*/, '')];
    for (const url of others) expect((await open(url)).json).toEqual({ page: 'ERROR', title: '领取失败', error_code: 272758293 });
    const stock = await signedCall(base, m.certificate, 'GET', `/v3/marketing/busifavor/stocks/${stockId}`);
    expect(stock.json.send_count_information.total_send_num).toBe(0);
  });

  it('without the #wechat_redirect fragment the page answers 268435461; both documented fragments work', async () => {
    const stockId = await newStock({ stock_send_rule: { max_coupons: 10, max_coupons_per_user: 5 } });
    const params = (n: string) => ({ stock_id: stockId, out_request_no: n, send_coupon_merchant: m.certificate.mchid, open_id: openids[0]! });
    expect((await open(link(params('f1'), m.certificate.apiv2_key, ''))).json).toEqual({ page: 'ERROR', title: '领取失败', error_code: 268435461 });
    expect((await open(link(params('f2'), m.certificate.apiv2_key, '#wechat_redirect'))).json.page).toBe('RECEIVED');
    expect((await open(link(params('f3'), m.certificate.apiv2_key, '#wechat_pay&wechat_redirect'))).json.page).toBe('RECEIVED');
  });

  it("checks the parameters and the stock with the vendor's errors", async () => {
    const stockId = await newStock();
    const key = m.certificate.apiv2_key;
    const params = { stock_id: stockId, out_request_no: 'p1', send_coupon_merchant: m.certificate.mchid, open_id: openids[0]! };
    const bad = (await open(link({ ...params, out_request_no: 'with-dash' }, key))).json;
    expect([bad.page, bad.vendor_error.code, bad.vendor_error.detail.field]).toEqual(['ERROR', 'PARAM_ERROR', 'out_request_no']);
    expect((await open(link({ ...params, stock_id: '1' }, key))).json).toEqual(refused('STOCK_NOT_EXISTS'));
    expect((await open(link({ ...params, stock_id: '98065004' }, key))).json).toEqual(refused('RULELIMIT_STOCK_STATE'));
    expect((await open(link({ ...params, open_id: 'bad user' }, key))).json).toEqual(refused('USER_NOT_EXISTS'));
    expect((await open(link({ ...params, coupon_code: 'SHOP1' }, key))).json).toEqual(refused('INVALID_REQUEST_CODE_MODE'));
    expect((await open(link(params, key), 'wx-not-bound')).json).toEqual(refused('APPID_MCHID_NOT_MATCH'));
    await open(link(params, key));
    expect((await open(link({ ...params, out_request_no: 'p2' }, key))).json).toEqual(refused('RULELIMIT_MAX_COUPONS_PER_USER'));
    // Not a WeChat Pay H5 coupon link at all: the harness's mistake.
    expect((await open('https://example.com/busifavor/getcouponinfo?a=1#wechat_redirect')).status).toBe(400);
  });

  it('customize_send_time back-dates a relative validity window; a fixed window ignores it; the future is refused', async () => {
    const relative = await newStock({
      coupon_use_rule: {
        coupon_available_time: {
          available_begin_time: '2026-02-01T00:00:00+08:00',
          available_end_time: '2026-04-30T23:59:59+08:00',
          available_day_after_receive: 3,
        },
        fixed_normal_coupon: { discount_amount: 100, transaction_minimum: 200 },
        use_method: 'OFF_LINE',
      },
    });
    const key = m.certificate.apiv2_key;
    const params = {
      stock_id: relative,
      out_request_no: 'c1',
      send_coupon_merchant: m.certificate.mchid,
      open_id: openids[0]!,
      customize_send_time: '2026-02-28T09:00:00+08:00',
    };
    const page = (await open(link(params, key))).json;
    // Received on 02-28 by the link's clock: valid 02-28 .. 03-02 23:59:59, whereas the tap was on 03-02.
    expect(page.coupon).toMatchObject({
      receive_time: '2026-03-02T10:00:00+08:00',
      available_start_time: '2026-02-28T09:00:00+08:00',
      expire_time: '2026-03-02T23:59:59+08:00',
    });
    const fixed = await newStock();
    const ignored = (await open(link({ ...params, stock_id: fixed, out_request_no: 'c2' }, key))).json;
    expect(ignored.coupon).toMatchObject({ available_start_time: '2026-03-02T10:00:00+08:00', expire_time: '2026-04-30T23:59:59+08:00' });
    const future = (await open(link({ ...params, open_id: openids[1]!, out_request_no: 'c3', customize_send_time: '2026-03-05T00:00:00+08:00' }, key))).json;
    expect([future.vendor_error.code, future.vendor_error.detail.field]).toEqual(['PARAM_ERROR', 'customize_send_time']);
  });

  it('dispatches an uploaded code in MERCHANT_UPLOAD mode, and issues for a public-key merchant with its own APIv2 key', async () => {
    const upload = await newStock({ coupon_code_mode: 'MERCHANT_UPLOAD' });
    await signedCall(base, m.certificate, 'POST', `/v3/marketing/busifavor/stocks/${upload}/couponcodes`, {
      coupon_code_list: ['H5CODE1'],
      upload_request_no: 'up',
    });
    const page = (
      await open(link({ stock_id: upload, out_request_no: 'u1', send_coupon_merchant: m.certificate.mchid, open_id: openids[2]! }, m.certificate.apiv2_key))
    ).json;
    expect(page.coupon.coupon_code).toBe('H5CODE1');
    const code = await signedCall(base, m.certificate, 'GET', `/v3/marketing/busifavor/stocks/${upload}/couponcodes/H5CODE1`);
    expect(code.json.code_information).toMatchObject({ code_status: 'DISPATCHED', openid: openids[2] });

    const pk = m.public_key;
    const created = await signedCall(base, pk, 'POST', '/v3/marketing/busifavor/stocks', {
      stock_name: '公钥商户券',
      belong_merchant: pk.mchid,
      goods_name: '全场通用',
      stock_type: 'NORMAL',
      out_request_no: 'pkstock',
      coupon_code_mode: 'WECHATPAY_MODE',
      coupon_use_rule: {
        coupon_available_time: { available_begin_time: '2026-03-01T00:00:00+08:00', available_end_time: '2026-03-31T23:59:59+08:00' },
        fixed_normal_coupon: { discount_amount: 100, transaction_minimum: 200 },
        use_method: 'OFF_LINE',
      },
      stock_send_rule: { max_coupons: 5, max_coupons_per_user: 1 },
    });
    const pkParams = { stock_id: created.json.stock_id, out_request_no: 'pk1', send_coupon_merchant: pk.mchid, open_id: openids[0]! };
    expect((await open(link(pkParams, pk.apiv2_key))).json.page).toBe('RECEIVED');
    expect((await open(link({ ...pkParams, out_request_no: 'pk2', open_id: openids[1]! }, m.certificate.apiv2_key))).json.error_code).toBe(272758293);
  });
});
