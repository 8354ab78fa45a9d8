/**
 * wechatpay-axios-plugin as a user would drive it, over a real socket, configured ONLY from
 * GET /_sandbox/credentials: platform certificate bootstrapped from GET /v3/certificates with the
 * APIv3 key, response verification on throughout, every filter of the vendor page, every coupon
 * state, and a man in the middle whose tampering the SDK must catch.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';

const require = createRequire(import.meta.url);
const { Wechatpay, Aes } = require('wechatpay-axios-plugin');
const axios = require('axios');

let running: RunningSandbox;
let creds: any;

/** A client for `baseURL` built from the credentials and the given platform certificates. */
const client = (baseURL: string, certs: Record<string, unknown>) =>
  new Wechatpay({ baseURL, mchid: creds.mchid, serial: creds.merchant_serial_no, privateKey: creds.merchant_private_key, certs });

/**
 * The bootstrap every v3 integration does once: download the platform certificates WITHOUT
 * verification (the client has no certificate yet; axios' plain JSON transform instead of the
 * plugin's verifier), decrypt them with the APIv3 key, then trust them.
 *
 * (The plugin's own `wxpay crt` command cannot do this with 0.9.6: it decrypts into the `certs`
 * object it passed in, but the plugin copies `certs` into a new map at construction, so its
 * verifier never sees the downloaded certificate and every download fails with
 * EV3_RES_HEADER_PLATFORM_SERIAL, against WeChat Pay as against the sandbox.)
 */
async function bootstrap(baseURL: string): Promise<Record<string, string>> {
  const first = client(baseURL, { any: undefined });
  const res = await first.v3.certificates.get({ transformResponse: axios.defaults.transformResponse });
  const certs: Record<string, string> = {};
  for (const item of res.data.data) {
    const { nonce, associated_data, ciphertext } = item.encrypt_certificate;
    certs[item.serial_no] = Aes.AesGcm.decrypt(ciphertext, creds.apiv3_key, nonce, associated_data);
  }
  return certs;
}

/** A man in the middle: forwards to the sandbox and lets `alter` rewrite 2xx answers. */
function proxy(alter: (body: string, headers: Record<string, string | string[] | undefined>) => string): Promise<{ url: string; server: Server }> {
  const target = new URL(running.url);
  const server = createServer((req, res) => {
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const headers = { ...up.headers };
        let body = Buffer.concat(chunks).toString('utf8');
        if ((up.statusCode ?? 0) < 300) body = alter(body, headers);
        headers['content-length'] = String(Buffer.byteLength(body));
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server })));
}

beforeAll(async () => {
  running = await serveSandbox({
    port: 0,
    seed: 11,
    validateResponses: true,
    onUnexpectedError: (e) => {
      throw e;
    },
  });
  creds = (await (await fetch(`${running.url}/_sandbox/credentials`)).json()).wechatpay;
});
afterAll(async () => {
  await running.close();
});

describe('wechatpay-axios-plugin, configured only from /_sandbox/credentials', () => {
  it('bootstraps the platform certificate: the decrypted certificate is the one credentials name, and verified calls pass with it', async () => {
    const certs = await bootstrap(`${running.url}/`);
    expect(Object.keys(certs)).toEqual([creds.platform_serial_no]);
    expect(certs[creds.platform_serial_no]).toBe(creds.platform_certificate);
    const wxpay = client(`${running.url}/`, certs);
    const res = await wxpay.v3.certificates.get();
    expect(res.status).toBe(200);
    expect(res.data.data[0].serial_no).toBe(creds.platform_serial_no);
  });

  it('drives a coupon through every state, listing it with every filter of the vendor page at each step', async () => {
    const wxpay = client(`${running.url}/`, await bootstrap(`${running.url}/`));
    const [openid] = creds.openids;
    const [appid] = creds.appids;
    const [subA, subB] = creds.sub_merchants;
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const now = Date.now();

    // A stock created by the sandbox merchant for its sub-merchant: creator and owner differ.
    const created = await wxpay.v3.marketing.busifavor.stocks.post({
      stock_name: '审计满减券',
      belong_merchant: subA,
      comment: 'audit',
      goods_name: '全场通用',
      stock_type: 'NORMAL',
      coupon_use_rule: {
        coupon_available_time: { available_begin_time: iso(now - 3600_000), available_end_time: iso(now + 2 * 86400_000) },
        fixed_normal_coupon: { discount_amount: 100, transaction_minimum: 200 },
        use_method: 'OFF_LINE',
      },
      stock_send_rule: { max_coupons: 20, max_coupons_per_user: 5 },
      out_request_no: `audit-stock-${now}`,
      coupon_code_mode: 'WECHATPAY_MODE',
      display_pattern_info: { description: '须知', merchant_name: '审计', background_color: 'Color030' },
    });
    const stockId = created.data.stock_id;
    // Times come back as WeChat Pay writes them (+08:00), whatever offset the merchant sent.
    const stock = await wxpay.v3.marketing.busifavor.stocks._stock_id_.get({ stock_id: stockId });
    expect(stock.data.coupon_use_rule.coupon_available_time.available_begin_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const send = async (n: string) =>
      (await wxpay.v3.marketing.busifavor.coupons.send.post({ openid, appid, stock_id: stockId, out_request_no: n })).data.coupon_code as string;
    const codes = { used: await send('a1'), deactivated: await send('a2'), deleted: await send('a3'), sended: await send('a4'), returned: await send('a5') };

    const all = { appid, stock_id: stockId, creator_merchant: creds.mchid, belong_merchant: subA, sender_merchant: creds.mchid, offset: 0, limit: 20 };
    const list = async (params: Record<string, unknown>) => (await wxpay.v3.marketing.busifavor.users._openid_.coupons.get({ openid, params })).data;
    const codesIn = async (params: Record<string, unknown>) => (await list(params)).data.map((c: any) => c.coupon_code).sort();

    expect((await list(all)).total_count).toBe(5);
    expect(await codesIn({ ...all, coupon_state: 'SENDED' })).toEqual(Object.values(codes).sort());

    const use = (code: string, n: string) =>
      wxpay.v3.marketing.busifavor.coupons.use.post({ coupon_code: code, stock_id: stockId, appid, use_time: iso(Date.now()), use_request_no: n, openid });
    await use(codes.used, 'u1');
    await use(codes.returned, 'u2');
    expect((await wxpay.v3.marketing.busifavor.coupons.return.post({ coupon_code: codes.returned, stock_id: stockId, return_request_no: 'r1' })).status).toBe(
      200,
    );
    expect(
      (
        await wxpay.v3.marketing.busifavor.coupons.deactivate.post({
          coupon_code: codes.deactivated,
          stock_id: stockId,
          deactivate_request_no: 'd1',
          deactivate_reason: '审计',
        })
      ).status,
    ).toBe(200);
    const deleted = await fetch(`${running.url}/_sandbox/wechatpay/coupons/${codes.deleted}/delete`, {
      method: 'POST',
      body: JSON.stringify({ stock_id: stockId }),
    });
    expect(deleted.status).toBe(200);

    expect(await codesIn({ ...all, coupon_state: 'USED' })).toEqual([codes.used]);
    expect(await codesIn({ ...all, coupon_state: 'DEACTIVATED' })).toEqual([codes.deactivated]);
    expect(await codesIn({ ...all, coupon_state: 'DELETED' })).toEqual([codes.deleted]);
    expect(await codesIn({ ...all, coupon_state: 'SENDED' })).toEqual([codes.sended, codes.returned].sort());
    expect(await codesIn({ ...all, coupon_state: 'EXPIRED' })).toEqual([]);

    // Each merchant filter really filters: another owner, another creator, another sender.
    expect((await list({ ...all, belong_merchant: subB })).total_count).toBe(0);
    expect((await list({ ...all, creator_merchant: subA })).total_count).toBe(0);
    expect((await list({ ...all, sender_merchant: subB })).total_count).toBe(0);
    // ...and so does stock_id: another stock's filter finds none of this stock's five coupons.
    expect((await list({ ...all, stock_id: '98065001' })).total_count).toBe(0);
    expect((await list({ ...all, appid: creds.appids[1] })).total_count).toBe(0);
    // Paging: the page echoes offset and limit, total_count counts every match.
    const page = await list({ ...all, offset: 1, limit: 2 });
    expect({ total: page.total_count, offset: page.offset, limit: page.limit, size: page.data.length }).toEqual({ total: 5, offset: 1, limit: 2, size: 2 });
    // List items leave out display_pattern_info.description; the single query keeps it.
    expect(page.data[0].display_pattern_info).not.toHaveProperty('description');

    // Past the stock's end the SENDED ones read EXPIRED (the SDK still verifies: response
    // timestamps follow the host clock, business times the sandbox clock).
    await fetch(`${running.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ advance_seconds: 3 * 86400 }) });
    try {
      expect(await codesIn({ ...all, coupon_state: 'EXPIRED' })).toEqual([codes.sended, codes.returned].sort());
      const one = await wxpay.v3.marketing.busifavor.users._openid_.coupons._coupon_code_.appids._appid_.get({ openid, coupon_code: codes.sended, appid });
      expect(one.data).toMatchObject({ coupon_state: 'EXPIRED', display_pattern_info: { description: '须知' } });
      const late = await use(codes.sended, 'u3').catch((e: any) => e);
      const entry = errorEntry('wechatpay', 'RULELIMIT');
      expect({ status: late.response.status, data: late.response.data }).toEqual({ status: entry.status, data: { code: entry.code, message: entry.message } });
    } finally {
      await fetch(`${running.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ real: true }) });
    }
  });
});

describe("the plugin's response verification catches a man in the middle", () => {
  it('rejects a 2xx body changed by one byte (EV3_RES_HEADER_SIGNATURE_DIGEST), accepts it untouched', async () => {
    const certs = await bootstrap(`${running.url}/`);
    const honest = await proxy((body) => body);
    const flipped = await proxy((body) => body.replace('"RUNNING"', '"RUNNINH"'));
    try {
      expect((await client(honest.url, certs).v3.marketing.busifavor.stocks._stock_id_.get({ stock_id: '98065001' })).data.stock_state).toBe('RUNNING');
      const error = await client(flipped.url, certs)
        .v3.marketing.busifavor.stocks._stock_id_.get({ stock_id: '98065001' })
        .catch((e: any) => e);
      expect(error.code).toBe('EV3_RES_HEADER_SIGNATURE_DIGEST');
    } finally {
      honest.server.close();
      flipped.server.close();
    }
  });

  it('rejects a 2xx whose Wechatpay-Signature was stripped (EV3_RES_HEADERS_INCOMPLATE)', async () => {
    const certs = await bootstrap(`${running.url}/`);
    const stripped = await proxy((body, headers) => {
      delete headers['wechatpay-signature'];
      return body;
    });
    try {
      const error = await client(stripped.url, certs)
        .v3.certificates.get()
        .catch((e: any) => e);
      expect(error.code).toBe('EV3_RES_HEADERS_INCOMPLATE');
    } finally {
      stripped.server.close();
    }
  });
});
