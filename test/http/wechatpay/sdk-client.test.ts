/**
 * A real WeChat Pay v3 client (wechatpay-axios-plugin, with axios) over a real socket, configured
 * ONLY with what GET /_sandbox/credentials returns and the base URL, response verification on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';
import { errorEntry } from '../../../src/errors/catalogue.js';

const require = createRequire(import.meta.url);
const { Wechatpay, Aes } = require('wechatpay-axios-plugin');

let running: RunningSandbox;
let wxpay: any;
let creds: any;

beforeAll(async () => {
  running = await serveSandbox({ port: 0, seed: 3, validateResponses: true });
  creds = (await (await fetch(`${running.url}/_sandbox/credentials`)).json()).wechatpay;
  wxpay = new Wechatpay({
    baseURL: `${running.url}/`,
    mchid: creds.mchid,
    serial: creds.merchant_serial_no,
    privateKey: creds.merchant_private_key,
    certs: { [creds.platform_serial_no]: creds.platform_certificate },
  });
});

afterAll(async () => {
  await running.close();
});

describe('wechatpay-axios-plugin against the sandbox (real socket, response verification on)', () => {
  it('creates a stock, sends a coupon, lists it with the page filters, uses it and sees each step', async () => {
    const openid = creds.openids[1];
    const appid = creds.appids[0];
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

    const created = await wxpay.v3.marketing.busifavor.stocks.post({
      stock_name: 'SDK满减券',
      belong_merchant: creds.mchid,
      comment: 'sdk test',
      goods_name: '全场通用',
      stock_type: 'NORMAL',
      coupon_use_rule: {
        coupon_available_time: { available_begin_time: iso(now - 3600_000), available_end_time: iso(now + 7 * 86400_000) },
        fixed_normal_coupon: { discount_amount: 300, transaction_minimum: 1000 },
        use_method: 'OFF_LINE',
      },
      stock_send_rule: { max_coupons: 10, max_coupons_per_user: 1 },
      out_request_no: 'sdk-stock-1',
      coupon_code_mode: 'WECHATPAY_MODE',
    });
    expect(created.status).toBe(200);
    const stockId = created.data.stock_id;

    const stock = await wxpay.v3.marketing.busifavor.stocks._stock_id_.get({ stock_id: stockId });
    expect(stock.data.stock_state).toBe('RUNNING');

    const sent = await wxpay.v3.marketing.busifavor.coupons.send.post({ openid, appid, stock_id: stockId, out_request_no: 'sdk-send-1' });
    expect(sent.data.coupon_code).toMatch(/^\d{22}$/);
    const code = sent.data.coupon_code;

    const params = {
      appid,
      stock_id: stockId,
      coupon_state: 'SENDED',
      creator_merchant: creds.mchid,
      belong_merchant: creds.mchid,
      sender_merchant: creds.mchid,
      offset: 0,
      limit: 20,
    };
    const listed = await wxpay.v3.marketing.busifavor.users._openid_.coupons.get({ openid, params });
    expect(listed.data.total_count).toBe(1);
    expect(listed.data.data[0]).toMatchObject({ coupon_code: code, coupon_state: 'SENDED', stock_id: stockId, stock_name: 'SDK满减券' });

    const used = await wxpay.v3.marketing.busifavor.coupons.use.post({
      coupon_code: code,
      stock_id: stockId,
      appid,
      use_time: iso(Date.now()),
      use_request_no: 'sdk-use-1',
      openid,
    });
    expect(used.data).toMatchObject({ stock_id: stockId, openid });

    const one = await wxpay.v3.marketing.busifavor.users._openid_.coupons._coupon_code_.appids._appid_.get({ openid, coupon_code: code, appid });
    expect(one.data).toMatchObject({ coupon_state: 'USED', use_request_no: 'sdk-use-1' });

    const after = await wxpay.v3.marketing.busifavor.users._openid_.coupons.get({ openid, params: { ...params, coupon_state: 'USED' } });
    expect(after.data.data.map((c: any) => c.coupon_code)).toEqual([code]);
  });

  it('surfaces a vendor error as the SDK expects (non-2xx, code and message)', async () => {
    const error = await wxpay.v3.marketing.busifavor.stocks._stock_id_.get({ stock_id: '1' }).catch((e: any) => e);
    const entry = errorEntry('wechatpay', 'STOCK_NOT_EXISTS');
    expect(error.response.status).toBe(entry.status);
    expect(error.response.data).toEqual({ code: entry.code, message: entry.message });
    expect(error.response.headers['request-id']).toMatch(/-0$/);
  });

  it('bootstraps the platform certificate from GET /v3/certificates with the APIv3 key', async () => {
    const res = await wxpay.v3.certificates.get();
    const [item] = res.data.data;
    expect(item.serial_no).toBe(creds.platform_serial_no);
    const { nonce, associated_data, ciphertext } = item.encrypt_certificate;
    expect(Aes.AesGcm.decrypt(ciphertext, creds.apiv3_key, nonce, associated_data)).toBe(creds.platform_certificate);
  });

  it('keeps SDK verification working after the sandbox clock moved far away', async () => {
    await fetch(`${running.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: 40 * 86400 }) });
    const res = await wxpay.v3.certificates.get();
    expect(res.status).toBe(200);
    await fetch(`${running.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ real: true }) });
  });
});

describe('wechatpay-axios-plugin response verification is really on', () => {
  it('rejects sandbox responses when configured with another platform key under the same serial', async () => {
    const wrong = new Wechatpay({
      baseURL: `${running.url}/`,
      mchid: creds.mchid,
      serial: creds.merchant_serial_no,
      privateKey: creds.merchant_private_key,
      certs: { [creds.platform_serial_no]: creds.merchant_public_key },
    });
    const error = await wrong.v3.certificates.get().catch((e: any) => e);
    expect(error.code).toBe('EV3_RES_HEADER_SIGNATURE_DIGEST');
  });
});
