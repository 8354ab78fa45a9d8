/**
 * Request signatures over a real socket, byte for byte: every way a v3 Authorization can be
 * legitimately different (pair order, spacing) succeeds, every way it can be wrong is 401
 * SIGN_ERROR with WeChat Pay's message for that case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../src/node.js';
import { parseAuthorization } from '../../../src/http/wechatpay/auth.js';
import { v3Authorization } from '../../../src/http/wechatpay/signer.js';
import { rawCall, expectRawError, signedRaw } from './state-support.js';
import { APPID, MERCHANT, U0, serveStrict } from './support.js';

let running: RunningSandbox;
let ts: number;
const STOCK = '/v3/marketing/busifavor/stocks/98065001';
const LIST = `/v3/marketing/busifavor/users/${U0}/coupons`;
const LIST_QUERY = `?appid=${APPID}&creator_merchant=1230000109&limit=5`;

beforeAll(async () => {
  running = await serveStrict();
  ts = running.sandbox.clock.nowSeconds();
});
afterAll(async () => {
  await running.close();
});

/** The five items of a good header for GET STOCK, to rearrange. */
async function items(target = STOCK) {
  return parseAuthorization(await v3Authorization(MERCHANT, 'GET', target, '', { timestamp: ts }))!;
}
const get = (authorization: string, target = STOCK) =>
  rawCall(running.url, 'GET', target, undefined, { Authorization: authorization, Accept: 'application/json' });

describe('the Authorization header: what is equivalent', () => {
  it('accepts the five pairs in every order (all 120 permutations)', async () => {
    const it5 = await items();
    const pairs = Object.entries(it5).map(([k, v]) => `${k}="${v}"`);
    const permutations = (xs: string[]): string[][] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
    const all = permutations(pairs);
    expect(all).toHaveLength(120);
    for (const order of all) {
      const res = await get(`WECHATPAY2-SHA256-RSA2048 ${order.join(',')}`);
      expect(res.status, order.join(',')).toBe(200);
    }
  });

  it.each([
    ['spaces after the commas', (p: string[]) => `WECHATPAY2-SHA256-RSA2048 ${p.join(', ')}`],
    ['several spaces after the scheme', (p: string[]) => `WECHATPAY2-SHA256-RSA2048    ${p.join(',')}`],
    ['spaces around the commas', (p: string[]) => `WECHATPAY2-SHA256-RSA2048 ${p.join(' , ')}`],
    ['leading and trailing blanks', (p: string[]) => `  WECHATPAY2-SHA256-RSA2048 ${p.join(',')}  `],
  ])('accepts %s', async (_name, build) => {
    const it5 = await items();
    const pairs = Object.entries(it5).map(([k, v]) => `${k}="${v}"`);
    expect((await get(build(pairs))).status).toBe(200);
  });

  it('accepts the serial in lower case (a hex number)', async () => {
    const auth = await v3Authorization({ ...MERCHANT, serial: MERCHANT.serial.toLowerCase() }, 'GET', STOCK, '', { timestamp: ts });
    expect((await get(auth)).status).toBe(200);
  });
});

describe('the Authorization header: what is wrong', () => {
  it.each(['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature'])('answers SIGN_ERROR_HEADER when %s is missing', async (missing) => {
    const it5 = await items();
    const pairs = Object.entries(it5)
      .filter(([k]) => k !== missing)
      .map(([k, v]) => `${k}="${v}"`);
    expectRawError(await get(`WECHATPAY2-SHA256-RSA2048 ${pairs.join(',')}`), 'SIGN_ERROR_HEADER');
  });

  it.each(['mchid', 'nonce_str', 'serial_no', 'signature'])('answers SIGN_ERROR_HEADER when %s is empty', async (empty) => {
    const it5 = await items();
    const pairs = Object.entries(it5).map(([k, v]) => `${k}="${k === empty ? '' : v}"`);
    expectRawError(await get(`WECHATPAY2-SHA256-RSA2048 ${pairs.join(',')}`), 'SIGN_ERROR_HEADER');
  });

  it('answers SIGN_ERROR_HEADER without any Authorization, and SIGN_ERROR_SCHEME for Bearer', async () => {
    expectRawError(await rawCall(running.url, 'GET', STOCK, undefined, { Accept: 'application/json' }), 'SIGN_ERROR_HEADER');
    expectRawError(await get('Bearer abc.def'), 'SIGN_ERROR_SCHEME');
  });

  it('answers SIGN_ERROR_SERIAL for another serial and SIGN_ERROR_MCHID for another mchid (a sub-merchant has no API key)', async () => {
    expectRawError(
      await get(await v3Authorization({ ...MERCHANT, serial: '0000000000000000000000000000000000000000' }, 'GET', STOCK, '', { timestamp: ts })),
      'SIGN_ERROR_SERIAL',
    );
    expectRawError(await get(await v3Authorization({ ...MERCHANT, mchid: '1900000001' }, 'GET', STOCK, '', { timestamp: ts })), 'SIGN_ERROR_MCHID');
    expectRawError(await get(await v3Authorization({ ...MERCHANT, mchid: '9999999999' }, 'GET', STOCK, '', { timestamp: ts })), 'SIGN_ERROR_MCHID');
  });

  it('measures the timestamp against the sandbox clock: ±300 s pass, ±301 s are SIGN_ERROR_TIMESTAMP', async () => {
    for (const skew of [-300, -1, 0, 1, 300]) {
      expect((await signedRaw(running.url, 'GET', STOCK, '', ts + skew)).status, `skew ${skew}`).toBe(200);
    }
    for (const skew of [-301, 301, -86400, 86400]) {
      expectRawError(await signedRaw(running.url, 'GET', STOCK, '', ts + skew), 'SIGN_ERROR_TIMESTAMP');
    }
  });

  it('checks the timestamp before the merchant, as WeChat Pay does', async () => {
    const stale = await v3Authorization({ ...MERCHANT, mchid: '9999999999', serial: '00' }, 'GET', STOCK, '', { timestamp: ts - 3600 });
    expectRawError(await get(stale), 'SIGN_ERROR_TIMESTAMP');
  });

  it('answers SIGN_ERROR with sign_information for a body that differs by one byte, and changes nothing', async () => {
    const before = running.sandbox.wechatpay.seededStocks().stocks.length;
    const body = JSON.stringify({ coupon_code: '1', stock_id: '98065001', deactivate_request_no: 'd-1' });
    const sent = body.replace('"d-1"', '"d-2"');
    expect(sent.length).toBe(body.length);
    const res = await signedRaw(running.url, 'POST', '/v3/marketing/busifavor/coupons/deactivate', sent, ts, { signedBody: body });
    expectRawError(res, 'SIGN_ERROR');
    expect(res.json.detail).toMatchObject({ field: 'signature', location: 'authorization', detail: { issue: 'sign not match' } });
    expect(res.json.detail.sign_information).toMatchObject({ method: 'POST', url: '/v3/marketing/busifavor/coupons/deactivate' });
    expect(res.json.detail.sign_information.truncated_sign_message).toBe(
      `POST\n/v3/marketing/busifavor/coupons/deactivate\n${ts}\n...\n${sent.slice(0, 64)}...\n`,
    );
    expect(res.json.detail.sign_information.sign_message_length).toBe(
      Buffer.byteLength(`POST\n/v3/marketing/busifavor/coupons/deactivate\n${ts}\n${'x'.repeat(32)}\n${sent}\n`),
    );
    expect(running.sandbox.wechatpay.seededStocks().stocks.length).toBe(before);
  });

  it('answers SIGN_ERROR for a signature of another method over the same target', async () => {
    const res = await signedRaw(running.url, 'GET', STOCK, '', ts, { signedTarget: STOCK });
    expect(res.status).toBe(200);
    const asPost = await v3Authorization(MERCHANT, 'POST', STOCK, '', { timestamp: ts });
    expectRawError(await get(asPost), 'SIGN_ERROR');
  });

  it('answers SIGN_ERROR for a signature that is not Base64, or not of this key', async () => {
    const it5 = await items();
    expectRawError(
      await get(
        `WECHATPAY2-SHA256-RSA2048 mchid="${it5.mchid}",nonce_str="${it5.nonce_str}",timestamp="${it5.timestamp}",serial_no="${it5.serial_no}",signature="%%%not base64%%%"`,
      ),
      'SIGN_ERROR',
    );
    expectRawError(
      await get(
        `WECHATPAY2-SHA256-RSA2048 mchid="${it5.mchid}",nonce_str="${it5.nonce_str}",timestamp="${it5.timestamp}",serial_no="${it5.serial_no}",signature="${Buffer.alloc(256, 7).toString('base64')}"`,
      ),
      'SIGN_ERROR',
    );
  });
});

describe('the signed URL is the query string exactly as sent', () => {
  it('accepts the query as signed and refuses the same parameters in another order', async () => {
    expect((await signedRaw(running.url, 'GET', LIST + LIST_QUERY, '', ts)).status).toBe(200);
    const reordered = `?creator_merchant=1230000109&appid=${APPID}&limit=5`;
    expectRawError(await signedRaw(running.url, 'GET', LIST + reordered, '', ts, { signedTarget: LIST + LIST_QUERY }), 'SIGN_ERROR');
  });

  it('accepts percent-encoding that was signed as sent; refuses a decoded or re-cased signature', async () => {
    const encoded = `?appid=${APPID}&creator_merchant=1230000109&limit=%35`; // %35 = "5"
    const ok = await signedRaw(running.url, 'GET', LIST + encoded, '', ts);
    expect(ok.status).toBe(200);
    expect(ok.json.limit).toBe(5);
    expectRawError(await signedRaw(running.url, 'GET', LIST + encoded, '', ts, { signedTarget: LIST + LIST_QUERY }), 'SIGN_ERROR');
    const comma = `?appid=${APPID}&creator_merchant=1230000109&x=a%2Cb`;
    expect((await signedRaw(running.url, 'GET', LIST + comma, '', ts)).status).toBe(200);
    expectRawError(await signedRaw(running.url, 'GET', LIST + comma, '', ts, { signedTarget: LIST + comma.replace('%2C', '%2c') }), 'SIGN_ERROR');
  });

  it('verifies against the raw request line, not a re-encoded URL (characters WHATWG URL would escape)', async () => {
    // A client that sends `"`, `<`, `>` or `{` unescaped signs them unescaped; URL parsing would
    // turn them into %22, %3C... and a correct signature would fail.
    for (const extra of ['&note="x"', '&note=<x>', '&note={x}']) {
      const res = await signedRaw(running.url, 'GET', LIST + LIST_QUERY + extra, '', ts);
      expect(res.status, extra).toBe(200);
    }
  });
});
