/**
 * wechatpay-axios-plugin in public-key mode, unmodified, over a real socket, response
 * verification on: `certs` keyed by the merchant's PUB_KEY_ID holding the WeChat Pay public key,
 * and the `Wechatpay-Serial: PUB_KEY_ID_...` request header on every call, as the plugin's README
 * configures a merchant without platform certificates. Configured only from GET /_sandbox/credentials.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';
import type { MerchantCreds } from './key-support.js';

const require = createRequire(import.meta.url);
const { Wechatpay } = require('wechatpay-axios-plugin');

let running: RunningSandbox;
let creds: any;
let byMode: Record<MerchantCreds['mode'], MerchantCreds>;

beforeAll(async () => {
  running = await serveSandbox({
    port: 0,
    seed: 17,
    validateResponses: true,
    onUnexpectedError: (e) => {
      throw e;
    },
  });
  creds = (await (await fetch(`${running.url}/_sandbox/credentials`)).json()).wechatpay;
  byMode = Object.fromEntries(creds.merchants.map((m: MerchantCreds) => [m.mode, m])) as typeof byMode;
});
afterAll(() => running.close());

/** The plugin as its README sets up a public-key merchant. */
const publicKeyClient = (merchant: MerchantCreds, certs: Record<string, string> = { [merchant.public_key_id!]: merchant.public_key! }) =>
  new Wechatpay({
    baseURL: `${running.url}/`,
    mchid: merchant.mchid,
    serial: merchant.merchant_serial_no,
    privateKey: merchant.merchant_private_key,
    certs,
    headers: { 'Wechatpay-Serial': merchant.public_key_id },
  });

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

describe.each(['public_key', 'migrating'] as const)('wechatpay-axios-plugin, public-key mode, %s merchant', (mode) => {
  it('drives create stock, send, list, use and every new busifavor endpoint, every answer verified with the public key', async () => {
    const merchant = byMode[mode];
    const wxpay = publicKeyClient(merchant);
    const busifavor = wxpay.v3.marketing.busifavor;
    const [openid, other] = creds.openids;
    const appid = creds.appids[0];
    const now = Date.now();
    const serials: string[] = [];
    const seen = <T extends { headers: Record<string, string> }>(res: T): T => (serials.push(res.headers['wechatpay-serial']!), res);
    const stockBody = (n: string, mode_: string, max = 10) => ({
      stock_name: '公钥模式满减券',
      belong_merchant: merchant.mchid,
      comment: 'pk sdk',
      goods_name: '全场通用',
      stock_type: 'NORMAL',
      coupon_use_rule: {
        coupon_available_time: { available_begin_time: iso(now - 3600_000), available_end_time: iso(now + 7 * 86400_000) },
        fixed_normal_coupon: { discount_amount: 200, transaction_minimum: 500 },
        use_method: 'OFF_LINE',
      },
      stock_send_rule: { max_coupons: max, max_coupons_per_user: 3 },
      out_request_no: n,
      coupon_code_mode: mode_,
      display_pattern_info: { description: '公钥', merchant_name: '公钥商户', background_color: 'Color050' },
    });

    const stockId = seen(await busifavor.stocks.post(stockBody(`pk-${mode}-1`, 'WECHATPAY_MODE'))).data.stock_id;
    const send = async (n: string, to = openid) =>
      seen(await busifavor.coupons.send.post({ openid: to, appid, stock_id: stockId, out_request_no: n })).data.coupon_code as string;
    const first = await send('s1');
    const listed = seen(await busifavor.users._openid_.coupons.get({ openid, params: { appid, stock_id: stockId, creator_merchant: merchant.mchid } }));
    expect(listed.data.data.map((c: any) => c.coupon_code)).toEqual([first]);
    seen(await busifavor.coupons.use.post({ coupon_code: first, stock_id: stockId, appid, use_time: iso(Date.now()), use_request_no: 'u1', openid }));
    const one = seen(await busifavor.users._openid_.coupons._coupon_code_.appids._appid_.get({ openid, coupon_code: first, appid }));
    expect(one.data.coupon_state).toBe('USED');

    // PATCH stock: 204, no body, the plugin verifies the signature over the empty body.
    const patched = seen(await busifavor.stocks._stock_id_.patch({ out_request_no: 'p1', stock_name: '改过的名字' }, { stock_id: stockId }));
    expect([patched.status, patched.data]).toEqual([204, '']);
    expect(seen(await busifavor.stocks._stock_id_.get({ stock_id: stockId })).data.stock_name).toBe('改过的名字');

    // The budget: down to what was sent plus one; that send passes, the next one is refused.
    const budget = seen(
      await busifavor.stocks._stock_id_.budget.patch({ modify_budget_request_no: 'b1', target_max_coupons: 2, current_max_coupons: 10 }, { stock_id: stockId }),
    );
    expect(budget.data).toEqual({ max_coupons: 2 });
    const second = await send('s2', other);
    const refused = await send('s3', creds.openids[2]).catch((e: any) => e);
    const rule = errorEntry('wechatpay', 'RULELIMIT_MAX_COUPONS');
    expect({ status: refused.response.status, data: refused.response.data }).toEqual({ status: rule.status, data: { code: rule.code, message: rule.message } });

    // Associate the unused coupon with an order, then untie it.
    const association = { stock_id: stockId, coupon_code: second, out_trade_no: `order-${mode}`, out_request_no: 'a1' };
    expect(seen(await busifavor.coupons.associate.post(association)).data.wechatpay_associate_time).toMatch(/\+08:00$/);
    expect(seen(await busifavor.coupons.disassociate.post({ ...association, out_request_no: 'd1' })).data.wechatpay_disassociate_time).toMatch(/\+08:00$/);

    // A MERCHANT_UPLOAD stock: upload, send (the uploaded code is the one dispatched), list, query, delete.
    const uploadStock = seen(await busifavor.stocks.post(stockBody(`pk-${mode}-2`, 'MERCHANT_UPLOAD'))).data.stock_id;
    const uploaded = seen(
      await busifavor.stocks._stock_id_.couponcodes.post({ coupon_code_list: ['PK0001', 'PK0002'], upload_request_no: 'up1' }, { stock_id: uploadStock }),
    );
    expect(uploaded.data).toMatchObject({ success_count: 2, success_codes: ['PK0001', 'PK0002'] });
    const dispatched = seen(await busifavor.coupons.send.post({ openid, appid, stock_id: uploadStock, out_request_no: 'us1' })).data.coupon_code;
    expect(dispatched).toBe('PK0001');
    const codes = seen(await busifavor.stocks._stock_id_.couponcodes.get({ stock_id: uploadStock, params: { limit: 10, offset: 0 } }));
    expect(codes.data.data.map((c: any) => [c.code, c.code_status])).toEqual([
      ['PK0001', 'DISPATCHED'],
      ['PK0002', 'AVAILABLE'],
    ]);
    const code = seen(await busifavor.stocks._stock_id_.couponcodes._coupon_code_.get({ stock_id: uploadStock, coupon_code: 'PK0001' }));
    expect(code.data).toMatchObject({
      code_information: { code_status: 'DISPATCHED', openid },
      coupon_information: { coupon_code: 'PK0001', coupon_state: 'SENDED' },
    });
    const deleted = seen(
      await busifavor.stocks._stock_id_.couponcodes._coupon_code_.delete({
        stock_id: uploadStock,
        coupon_code: 'PK0002',
        params: { delete_request_no: 'del1' },
      }),
    );
    expect(deleted.data).toMatchObject({ stock_id: uploadStock });

    // Every answer above was signed by the public key, whatever the merchant also has.
    expect(new Set(serials)).toEqual(new Set([merchant.public_key_id]));
  });
});

describe('a verifier for one key rejects answers signed by the other', () => {
  it('a public-key-only client rejects a certificate-signed answer, and a certificate-only client a public-key-signed one', async () => {
    const mig = byMode.migrating;
    const cert = mig.platform_certificates[0]!;
    const certificateOnly = new Wechatpay({
      baseURL: `${running.url}/`,
      mchid: mig.mchid,
      serial: mig.merchant_serial_no,
      privateKey: mig.merchant_private_key,
      certs: { [cert.serial_no]: cert.certificate },
    });
    // Without the header the migrating merchant's answer is certificate-signed: the certificate client takes it...
    expect((await certificateOnly.v3.certificates.get()).status).toBe(200);
    // ...a public-key-only client does not (it names no certificate serial it knows).
    const noHeader = new Wechatpay({
      baseURL: `${running.url}/`,
      mchid: mig.mchid,
      serial: mig.merchant_serial_no,
      privateKey: mig.merchant_private_key,
      certs: { [mig.public_key_id!]: mig.public_key! },
    });
    expect((await noHeader.v3.certificates.get().catch((e: any) => e)).code).toBe('EV3_RES_HEADER_PLATFORM_SERIAL');
    // With the header the answer is public-key-signed: the certificate client rejects it.
    expect((await certificateOnly.v3.certificates.get({ headers: { 'Wechatpay-Serial': mig.public_key_id } }).catch((e: any) => e)).code).toBe(
      'EV3_RES_HEADER_PLATFORM_SERIAL',
    );
    // And the keys themselves: the platform certificate filed under the PUB_KEY_ID fails the digest.
    const wrongKey = publicKeyClient(byMode.public_key, { [byMode.public_key.public_key_id!]: creds.platform_certificate });
    const list = { openid: creds.openids[0], params: { appid: creds.appids[0], creator_merchant: byMode.public_key.mchid } };
    expect((await publicKeyClient(byMode.public_key).v3.marketing.busifavor.users._openid_.coupons.get(list)).status).toBe(200);
    expect((await wrongKey.v3.marketing.busifavor.users._openid_.coupons.get(list).catch((e: any) => e)).code).toBe('EV3_RES_HEADER_SIGNATURE_DIGEST');
  });

  it("a public-key-only merchant bootstrapping certificates as before gets the vendor's 404 instead", async () => {
    const wxpay = publicKeyClient(byMode.public_key);
    const error = await wxpay.v3.certificates.get().catch((e: any) => e);
    const entry = errorEntry('wechatpay', 'CERTIFICATE_NOT_AVAILABLE');
    expect({ status: error.response.status, data: error.response.data }).toEqual({ status: entry.status, data: { code: entry.code, message: entry.message } });
  });
});
