/**
 * wechatpay-axios-plugin in certificate mode through a platform certificate rotation, over a real
 * socket, response verification on throughout. The plugin has no automatic certificate refresh
 * (and its `wxpay crt` download cannot feed its own verifier in 0.9.6, see sdk-axios-plugin.test.ts),
 * so the client does what WeChat Pay's certificate guide tells integrators to do: when an answer
 * names a serial it does not know, download GET /v3/certificates, decrypt each certificate with
 * the APIv3 key, check the download's own signature with the downloaded certificate its
 * Wechatpay-Serial names, and trust the new set. The plugin's own Rsa/Formatter/Aes do the crypto.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';

const require = createRequire(import.meta.url);
const { Wechatpay, Aes, Rsa, Formatter } = require('wechatpay-axios-plugin');

let running: RunningSandbox;
let creds: any;

beforeAll(async () => {
  running = await serveSandbox({
    port: 0,
    seed: 21,
    validateResponses: true,
    onUnexpectedError: (e) => {
      throw e;
    },
  });
  creds = (await (await fetch(`${running.url}/_sandbox/credentials`)).json()).wechatpay;
});
afterAll(() => running.close());

/** A v3 client that refreshes its platform certificates when an answer names an unknown serial. */
class RefreshingClient {
  client: any;
  refreshes = 0;
  constructor(private readonly baseURL: string) {}

  private make(certs: Record<string, unknown>) {
    return new Wechatpay({ baseURL: this.baseURL, mchid: creds.mchid, serial: creds.merchant_serial_no, privateKey: creds.merchant_private_key, certs });
  }

  async refresh(): Promise<string[]> {
    // The raw body: the download is verified by hand, after decryption, against its own content.
    const res = await this.make({ any: undefined }).v3.certificates.get({ transformResponse: [(raw: string) => raw] });
    const body = JSON.parse(res.data);
    const certs: Record<string, string> = {};
    for (const item of body.data) {
      const { nonce, associated_data, ciphertext } = item.encrypt_certificate;
      certs[item.serial_no] = Aes.AesGcm.decrypt(ciphertext, creds.apiv3_key, nonce, associated_data);
    }
    const signer = certs[res.headers['wechatpay-serial']];
    if (!signer) throw new Error(`the download is signed by ${res.headers['wechatpay-serial']}, which it does not contain`);
    const message = Formatter.response(res.headers['wechatpay-timestamp'], res.headers['wechatpay-nonce'], res.data);
    if (!Rsa.verify(message, res.headers['wechatpay-signature'], Rsa.from(signer, Rsa.KEY_TYPE_PUBLIC)))
      throw new Error('the certificate download does not verify');
    this.client = this.make(certs);
    this.refreshes += 1;
    return Object.keys(certs);
  }

  async call(run: (wxpay: any) => Promise<any>): Promise<any> {
    try {
      return await run(this.client);
    } catch (error: any) {
      if (error?.code !== 'EV3_RES_HEADER_PLATFORM_SERIAL') throw error;
      await this.refresh();
      return run(this.client);
    }
  }
}

const control = (path: string, body: unknown = {}) => fetch(`${running.url}${path}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());

describe('a certificate-mode SDK client through a platform certificate rotation', () => {
  it('keeps working: refreshes once on the new serial, trusts old and new during the overlap, only the new one after', async () => {
    const sdk = new RefreshingClient(`${running.url}/`);
    expect(await sdk.refresh()).toEqual([creds.platform_serial_no]);
    const openid = creds.openids[2];
    const appid = creds.appids[0];
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const stock = await sdk.call((w) =>
      w.v3.marketing.busifavor.stocks.post({
        stock_name: '轮换满减券',
        belong_merchant: creds.mchid,
        comment: 'rotation',
        goods_name: '全场通用',
        stock_type: 'NORMAL',
        coupon_use_rule: {
          coupon_available_time: { available_begin_time: iso(Date.now() - 3600_000), available_end_time: iso(Date.now() + 30 * 86400_000) },
          fixed_normal_coupon: { discount_amount: 100, transaction_minimum: 200 },
          use_method: 'OFF_LINE',
        },
        stock_send_rule: { max_coupons: 10, max_coupons_per_user: 5 },
        out_request_no: 'rot-stock',
        coupon_code_mode: 'WECHATPAY_MODE',
      }),
    );
    const stockId = stock.data.stock_id;
    const send = (n: string) => sdk.call((w) => w.v3.marketing.busifavor.coupons.send.post({ openid, appid, stock_id: stockId, out_request_no: n }));
    expect((await send('rot-1')).headers['wechatpay-serial']).toBe(creds.platform_serial_no);

    // WeChat Pay rotates: the new certificate signs at once, the old one stays listed for a day.
    const rotated = await control(`/_sandbox/wechatpay/merchants/${creds.mchid}/rotate-certificate`, { overlap_seconds: 86400 });
    const sent = await send('rot-2');
    expect(sent.headers['wechatpay-serial']).toBe(rotated.platform_serial_no);
    expect(sdk.refreshes).toBe(2);
    // The refreshed client trusts both; calls keep verifying with no further refresh.
    const listed = await sdk.call((w) =>
      w.v3.marketing.busifavor.users._openid_.coupons.get({ openid, params: { appid, stock_id: stockId, creator_merchant: creds.mchid } }),
    );
    expect(listed.data.total_count).toBe(2);
    const certs = await sdk.call((w) => w.v3.certificates.get());
    expect(certs.data.data.map((c: any) => c.serial_no)).toEqual([creds.platform_serial_no, rotated.platform_serial_no]);

    // After the overlap the old certificate is gone from the list; the client never needed it again.
    await control('/_sandbox/clock', { advance_seconds: 2 * 86400 });
    try {
      const later = await sdk.call((w) => w.v3.certificates.get());
      expect(later.data.data.map((c: any) => c.serial_no)).toEqual([rotated.platform_serial_no]);
      const used = await sdk.call((w) =>
        w.v3.marketing.busifavor.coupons.use.post({
          coupon_code: sent.data.coupon_code,
          stock_id: stockId,
          appid,
          use_time: iso(Date.now()),
          use_request_no: 'rot-use',
          openid,
        }),
      );
      expect(used.status).toBe(200);
      expect(sdk.refreshes).toBe(2);
    } finally {
      await control('/_sandbox/clock', { real: true });
    }
  });

  it('a client that never refreshes fails on the first answer signed by the new certificate, as the plugin should', async () => {
    await control('/_sandbox/reset');
    const stale = new Wechatpay({
      baseURL: `${running.url}/`,
      mchid: creds.mchid,
      serial: creds.merchant_serial_no,
      privateKey: creds.merchant_private_key,
      certs: { [creds.platform_serial_no]: creds.platform_certificate },
    });
    expect((await stale.v3.certificates.get()).status).toBe(200);
    await control(`/_sandbox/wechatpay/merchants/${creds.mchid}/rotate-certificate`);
    const error = await stale.v3.certificates.get().catch((e: any) => e);
    expect(error.code).toBe('EV3_RES_HEADER_PLATFORM_SERIAL');
    await control('/_sandbox/reset');
  });
});
