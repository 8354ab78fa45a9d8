import { describe, expect, it } from 'vitest';
import { v3Authorization } from '../../../src/http/wechatpay/signer.js';
import { parseAuthorization } from '../../../src/http/wechatpay/auth.js';
import { BASE, expectError, MERCHANT, paySandbox, send, T0 } from './support.js';
import type { WechatpayErrorKey } from '../../../src/types/error-key.js';

const PATH = '/v3/marketing/busifavor/stocks/98065001';

async function withAuth(sandbox: ReturnType<typeof paySandbox>['sandbox'], authorization: string | undefined, path = PATH) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (authorization !== undefined) headers.Authorization = authorization;
  return send(sandbox, new Request(BASE + path, { headers }));
}

describe('WeChat Pay v3 request signatures', () => {
  it('accepts a correctly signed request and signs the answer with the platform key', async () => {
    const { call } = paySandbox();
    const res = await call('GET', PATH);
    expect(res.status).toBe(200);
    expect(res.json.stock_id).toBe('98065001');
  });

  it('answers 401 SIGN_ERROR with WeChat Pay detail when the signature does not match', async () => {
    const { sandbox } = paySandbox();
    const good = await v3Authorization(MERCHANT, 'GET', PATH, '', { timestamp: sandbox.clock.nowSeconds(), nonce: 'NONCE123' });
    // Signed for another path: a valid signature, but not of this request.
    const other = await v3Authorization(MERCHANT, 'GET', '/v3/certificates', '', { timestamp: sandbox.clock.nowSeconds(), nonce: 'NONCE123' });
    const forged = good.replace(/signature="[^"]+"/, other.match(/signature="[^"]+"/)![0]);
    const res = await withAuth(sandbox, forged);
    expectError(res, 'SIGN_ERROR');
    expect(res.json.detail).toEqual({
      field: 'signature',
      location: 'authorization',
      detail: { issue: 'sign not match' },
      sign_information: {
        method: 'GET',
        url: PATH,
        sign_message_length: `GET\n${PATH}\n${sandbox.clock.nowSeconds()}\nNONCE123\n\n`.length,
        truncated_sign_message: `GET\n${PATH}\n${sandbox.clock.nowSeconds()}\n...\n\n`,
      },
    });
  });

  it('answers 401 SIGN_ERROR when the body was changed after signing', async () => {
    const { sandbox } = paySandbox();
    const body = JSON.stringify({ coupon_code: '1', stock_id: '98065001', return_request_no: 'r' });
    const auth = await v3Authorization(MERCHANT, 'POST', '/v3/marketing/busifavor/coupons/return', body, { timestamp: sandbox.clock.nowSeconds() });
    const res = await send(
      sandbox,
      new Request(`${BASE}/v3/marketing/busifavor/coupons/return`, { method: 'POST', headers: { Authorization: auth }, body: body.replace('"r"', '"x"') }),
    );
    expectError(res, 'SIGN_ERROR');
  });

  it('answers 401 SIGN_ERROR_TIMESTAMP for a timestamp more than 300 s from the clock', async () => {
    const { call } = paySandbox({ startAt: Date.now(), frozen: true });
    const now = Math.floor(Date.now() / 1000);
    // Margins of a few seconds: the wall clock keeps running while the test does.
    expectError(await call('GET', PATH, undefined, { timestamp: now - 310 }), 'SIGN_ERROR_TIMESTAMP');
    expectError(await call('GET', PATH, undefined, { timestamp: now + 310 }), 'SIGN_ERROR_TIMESTAMP');
    expect((await call('GET', PATH, undefined, { timestamp: now - 290 })).status).toBe(200);
    expect((await call('GET', PATH, undefined, { timestamp: now + 290 })).status).toBe(200);
  });

  it('measures the 300 s window against the sandbox clock when the request is far from the wall clock', async () => {
    const { call, sandbox } = paySandbox({ startAt: T0 }); // 2026-03-02, frozen
    const ts = sandbox.clock.nowSeconds();
    expectError(await call('GET', PATH, undefined, { timestamp: ts - 301 }), 'SIGN_ERROR_TIMESTAMP');
    expectError(await call('GET', PATH, undefined, { timestamp: ts + 301 }), 'SIGN_ERROR_TIMESTAMP');
    expect((await call('GET', PATH, undefined, { timestamp: ts - 300 })).status).toBe(200);
  });

  it('accepts the host wall-clock time even when the sandbox clock was moved (real SDKs sign with it)', async () => {
    const { call, sandbox } = paySandbox({ startAt: T0 });
    sandbox.clock.advance(90 * 86400_000);
    expect((await call('GET', PATH, undefined, { timestamp: Math.floor(Date.now() / 1000) })).status).toBe(200);
    expect((await call('GET', PATH, undefined, { timestamp: sandbox.clock.nowSeconds() })).status).toBe(200);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['only the scheme', 'WECHATPAY2-SHA256-RSA2048'],
    ['a missing item', 'WECHATPAY2-SHA256-RSA2048 mchid="1230000109",nonce_str="n",timestamp="1",serial_no="x"'],
    ['a repeated item', 'WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="1",nonce_str="n",timestamp="1",serial_no="x",signature="s"'],
    ['unquoted values', 'WECHATPAY2-SHA256-RSA2048 mchid=1,nonce_str=n,timestamp=1,serial_no=x,signature=s'],
    ['a non-numeric timestamp', 'WECHATPAY2-SHA256-RSA2048 mchid="1230000109",nonce_str="n",timestamp="soon",serial_no="x",signature="s"'],
  ])('answers 401 SIGN_ERROR_HEADER for an Authorization header that is %s', async (_name, header) => {
    const { sandbox } = paySandbox();
    expectError(await withAuth(sandbox, header), 'SIGN_ERROR_HEADER');
  });

  it.each([
    ['Bearer', 'Bearer abc'],
    ['a stronger RSA scheme', 'WECHATPAY2-SHA256-RSA4096 mchid="1230000109",nonce_str="n",timestamp="1",serial_no="x",signature="s"'],
    ['the scheme in lower case', 'wechatpay2-sha256-rsa2048 mchid="1230000109",nonce_str="n",timestamp="1",serial_no="x",signature="s"'],
  ])('answers 401 SIGN_ERROR_SCHEME for another authentication scheme (%s)', async (_name, header) => {
    const { sandbox } = paySandbox();
    expectError(await withAuth(sandbox, header), 'SIGN_ERROR_SCHEME');
  });

  it('answers 401 SIGN_ERROR_MCHID for an unknown merchant and SIGN_ERROR_SERIAL for a wrong serial', async () => {
    const { sandbox } = paySandbox();
    const ts = sandbox.clock.nowSeconds();
    expectError(await withAuth(sandbox, await v3Authorization({ ...MERCHANT, mchid: '1900000001' }, 'GET', PATH, '', { timestamp: ts })), 'SIGN_ERROR_MCHID');
    expectError(await withAuth(sandbox, await v3Authorization({ ...MERCHANT, serial: 'ABCDEF' }, 'GET', PATH, '', { timestamp: ts })), 'SIGN_ERROR_SERIAL');
  });

  it('reads the five items in any order (both popular Node client orders)', async () => {
    const { sandbox } = paySandbox();
    const auth = await v3Authorization(MERCHANT, 'GET', PATH, '', { timestamp: sandbox.clock.nowSeconds() });
    const items = parseAuthorization(auth)!;
    const reordered = `WECHATPAY2-SHA256-RSA2048 signature="${items.signature}",serial_no="${items.serial_no}",timestamp="${items.timestamp}",mchid="${items.mchid}",nonce_str="${items.nonce_str}"`;
    expect((await withAuth(sandbox, reordered)).status).toBe(200);
    const pluginOrder = `WECHATPAY2-SHA256-RSA2048 mchid="${items.mchid}",serial_no="${items.serial_no}",timestamp="${items.timestamp}",nonce_str="${items.nonce_str}",signature="${items.signature}"`;
    expect((await withAuth(sandbox, pluginOrder)).status).toBe(200);
  });

  it('signs the query string too: a request with a changed query fails', async () => {
    const { sandbox } = paySandbox();
    const path = '/v3/marketing/busifavor/users/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o/coupons?appid=wxd678efh567hg6787&creator_merchant=1230000109';
    const auth = await v3Authorization(MERCHANT, 'GET', path, '', { timestamp: sandbox.clock.nowSeconds() });
    expect((await withAuth(sandbox, auth, path)).status).toBe(200);
    expectError(await withAuth(sandbox, auth, `${path}&limit=1`), 'SIGN_ERROR');
  });

  it('lets unsigned requests through with lenientAuth', async () => {
    const { sandbox } = paySandbox({ lenientAuth: true });
    const res = await withAuth(sandbox, undefined);
    expect(res.status).toBe(200);
    expect(res.json.stock_id).toBe('98065001');
  });

  it('answers unknown /v3/ paths with 404 NOT_FOUND in the v3 envelope, Request-ID included', async () => {
    const { call } = paySandbox();
    expectError(await call('GET', '/v3/marketing/busifavor/nothing'), 'NOT_FOUND');
    expectError(await call('POST', '/v3/certificates', {}), 'NOT_FOUND');
  });

  it('checks the signature before anything else: an unsigned call changes nothing', async () => {
    const { sandbox } = paySandbox();
    const before = sandbox.wechatpay.seededStocks().stocks.length;
    const res = await send(sandbox, new Request(`${BASE}/v3/marketing/busifavor/stocks`, { method: 'POST', body: '{}' }));
    expectError(res, 'SIGN_ERROR_HEADER');
    expect(sandbox.wechatpay.seededStocks().stocks.length).toBe(before);
  });
});

describe('injected failures (control)', () => {
  it.each<WechatpayErrorKey>(['FREQUENCY_LIMITED', 'SYSTEM_ERROR', 'SYSTEM_ERROR_BUSY', 'REQUEST_BLOCKED'])(
    'answers the next signed call with %s, then recovers',
    async (key) => {
      const { sandbox, call } = paySandbox();
      const ctl = await sandbox.app.request('/_sandbox/wechatpay/fail-next', { method: 'POST', body: JSON.stringify({ error: key }) });
      expect(ctl.status).toBe(200);
      expectError(await call('GET', PATH), key);
      expect((await call('GET', PATH)).status).toBe(200);
    },
  );

  it('refuses a key that is not in the catalogue', async () => {
    const { sandbox } = paySandbox();
    const ctl = await sandbox.app.request('/_sandbox/wechatpay/fail-next', { method: 'POST', body: JSON.stringify({ error: 'NOPE' }) });
    expect(ctl.status).toBe(400);
  });
});

describe('signing helper (control)', () => {
  it('returns an Authorization header the sandbox accepts', async () => {
    const { sandbox } = paySandbox({ startAt: Date.now() });
    const ctl = await sandbox.app.request('/_sandbox/wechatpay/authorization', { method: 'POST', body: JSON.stringify({ method: 'GET', url: PATH }) });
    const { authorization } = await ctl.json();
    expect((await withAuth(sandbox, authorization)).status).toBe(200);
  });
});
