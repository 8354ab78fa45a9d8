/**
 * WeChat Pay's three key modes over a real socket: each answer names the key that signed it in
 * Wechatpay-Serial and verifies with exactly that key (node:crypto, independent of src/ crypto).
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as keys from '../../../src/engine/wechatpay/test-keys.js';
import { verifyV3Response } from '../../../src/http/wechatpay/signer.js';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';
import { control, expectPayError, expectSignedBy, merchantsOf, signedCall, verifiesWith, type MerchantCreds } from './key-support.js';

let running: RunningSandbox;
let base: string;
let m: Record<MerchantCreds['mode'], MerchantCreds>;
const STOCK = '/v3/marketing/busifavor/stocks/98065001';

beforeAll(async () => {
  running = await serveSandbox({
    port: 0,
    seed: 5,
    validateResponses: true,
    onUnexpectedError: (e) => {
      throw e;
    },
  });
  base = running.url;
  m = await merchantsOf(base);
});
afterAll(() => running.close());
beforeEach(async () => {
  await control(base, '/_sandbox/reset');
});

describe('the merchants and their keys in GET /_sandbox/credentials', () => {
  it('lists one merchant per mode; the sandbox merchant keeps its certificate credentials unchanged', async () => {
    const creds = (await (await fetch(`${base}/_sandbox/credentials`)).json()).wechatpay;
    expect({ mchid: creds.mchid, serial: creds.platform_serial_no, cert: creds.platform_certificate, key: creds.apiv3_key }).toEqual({
      mchid: keys.TEST_MCHID,
      serial: keys.TEST_PLATFORM_SERIAL,
      cert: keys.TEST_PLATFORM_CERTIFICATE,
      key: keys.TEST_APIV3_KEY,
    });
    expect(creds.merchants.map((x: MerchantCreds) => [x.mchid, x.mode])).toEqual([
      [keys.TEST_MCHID, 'certificate'],
      ['1230000209', 'public_key'],
      ['1230000309', 'migrating'],
    ]);
    expect(m.certificate).toMatchObject({ platform_serial_no: keys.TEST_PLATFORM_SERIAL });
    expect(m.certificate).not.toHaveProperty('public_key_id');
    expect(m.public_key.public_key_id).toMatch(/^PUB_KEY_ID_\d{32}$/);
    expect(m.public_key.platform_certificates).toEqual([]);
    expect(m.public_key).not.toHaveProperty('platform_serial_no');
    expect(m.migrating.public_key_id).toMatch(/^PUB_KEY_ID_\d{32}$/);
    expect(m.migrating.platform_certificates.map((c) => c.serial_no)).toEqual([m.migrating.platform_serial_no]);
    // Every certificate carries its serial; every merchant has its own APIv2 and APIv3 keys.
    for (const merchant of Object.values(m)) {
      for (const c of merchant.platform_certificates) expect(new X509Certificate(c.certificate).serialNumber).toBe(c.serial_no);
      expect(merchant.apiv3_key).toHaveLength(32);
      expect(merchant.apiv2_key).toHaveLength(32);
    }
    expect(new Set(Object.values(m).map((x) => x.apiv3_key)).size).toBe(3);
  });
});

describe('who signs the answer', () => {
  it('certificate mode: the platform certificate, even when the request names a public key id', async () => {
    const plain = await signedCall(base, m.certificate, 'GET', STOCK);
    expect(plain.status).toBe(200);
    expectSignedBy(plain, keys.TEST_PLATFORM_SERIAL, keys.TEST_PLATFORM_CERTIFICATE);
    const named = await signedCall(base, m.certificate, 'GET', STOCK, undefined, { 'Wechatpay-Serial': m.public_key.public_key_id! });
    expectSignedBy(named, keys.TEST_PLATFORM_SERIAL, keys.TEST_PLATFORM_CERTIFICATE);
  });

  it('public_key mode: the public key, named by its PUB_KEY_ID, with or without the request header', async () => {
    const pk = m.public_key;
    for (const headers of [{}, { 'Wechatpay-Serial': pk.public_key_id! }] as Record<string, string>[]) {
      const res = await signedCall(base, pk, 'GET', '/v3/marketing/busifavor/stocks/1', undefined, headers);
      expectPayError(res, 'STOCK_NOT_EXISTS');
      expectSignedBy(res, pk.public_key_id!, pk.public_key!);
    }
  });

  it('a platform-certificate answer is rejected by a public-key-only verifier, and the other way round', async () => {
    const byCert = await signedCall(base, m.certificate, 'GET', STOCK);
    const refused = await signedCall(base, m.public_key, 'GET', '/v3/certificates');
    await control(base, '/_sandbox/wechatpay/merchants/1230000209', { certificates_answer: 'empty' });
    const byKey = await signedCall(base, m.public_key, 'GET', '/v3/certificates');
    expect([refused.status, byKey.status, byKey.json]).toEqual([404, 200, { data: [] }]);
    const publicKeyOnly = { serial: m.public_key.public_key_id!, publicKeyPem: m.public_key.public_key! };
    const certificateOnly = { serial: keys.TEST_PLATFORM_SERIAL, publicKeyPem: keys.TEST_PLATFORM_PUBLIC_KEY };
    expect(await verifyV3Response(byCert.headers, byCert.text, certificateOnly)).toBeUndefined();
    expect(await verifyV3Response(byKey.headers, byKey.text, publicKeyOnly)).toBeUndefined();
    expect(await verifyV3Response(byCert.headers, byCert.text, publicKeyOnly)).toBe(`unexpected Wechatpay-Serial ${keys.TEST_PLATFORM_SERIAL}`);
    expect(await verifyV3Response(byKey.headers, byKey.text, certificateOnly)).toBe(`unexpected Wechatpay-Serial ${m.public_key.public_key_id}`);
    // Not only the serial: the signatures themselves verify with their own key alone.
    expect([verifiesWith(byCert, m.public_key.public_key!), verifiesWith(byKey, keys.TEST_PLATFORM_CERTIFICATE)]).toEqual([false, false]);
  });

  it('migrating: the public key when the request carries its PUB_KEY_ID, otherwise the certificate', async () => {
    const mig = m.migrating;
    const cert = mig.platform_certificates[0]!;
    const withId = await signedCall(base, mig, 'GET', '/v3/certificates', undefined, { 'Wechatpay-Serial': mig.public_key_id! });
    expectSignedBy(withId, mig.public_key_id!, mig.public_key!);
    const without = await signedCall(base, mig, 'GET', '/v3/certificates');
    expectSignedBy(without, cert.serial_no, cert.certificate);
    const withCertSerial = await signedCall(base, mig, 'GET', '/v3/certificates', undefined, { 'Wechatpay-Serial': cert.serial_no });
    expectSignedBy(withCertSerial, cert.serial_no, cert.certificate);
    // Same merchant, same second, two requests: each signed per its own header.
    const [a, b] = await Promise.all([
      signedCall(base, mig, 'GET', STOCK.replace('98065001', '1'), undefined, { 'Wechatpay-Serial': mig.public_key_id! }),
      signedCall(base, mig, 'GET', STOCK.replace('98065001', '1')),
    ]);
    expect([a.headers.get('Wechatpay-Serial'), b.headers.get('Wechatpay-Serial')]).toEqual([mig.public_key_id, cert.serial_no]);
  });

  it("a Wechatpay-Serial naming another merchant's public key is SYSTEM_ERROR", async () => {
    const res = await signedCall(base, m.migrating, 'GET', '/v3/certificates', undefined, { 'Wechatpay-Serial': m.public_key.public_key_id! });
    expectPayError(res, 'SYSTEM_ERROR');
    expectSignedBy(res, m.migrating.platform_serial_no!, m.migrating.platform_certificates[0]!.certificate);
  });

  it('a refused signature is answered with the key of the merchant the Authorization names', async () => {
    const pk = m.public_key;
    const res = await signedCall(base, { ...pk, merchant_private_key: keys.TEST_MERCHANT_PRIVATE_KEY }, 'GET', '/v3/certificates');
    expectPayError(res, 'SIGN_ERROR');
    expectSignedBy(res, pk.public_key_id!, pk.public_key!);
  });
});

describe('GET /v3/certificates for a merchant without platform certificates', () => {
  it('answers 404 with the long 无可用的平台证书 message by default, and each other reported variant when selected', async () => {
    const pk = m.public_key;
    expectPayError(await signedCall(base, pk, 'GET', '/v3/certificates'), 'CERTIFICATE_NOT_AVAILABLE');
    const cases = [
      ['not_found_short', 'CERTIFICATE_NOT_EXISTS'],
      ['system_busy', 'SYSTEM_ERROR_BUSY'],
      ['forbidden', 'CERTIFICATE_FORBIDDEN'],
      ['not_found', 'CERTIFICATE_NOT_AVAILABLE'],
    ] as const;
    for (const [answer, key] of cases) {
      const set = await control(base, `/_sandbox/wechatpay/merchants/${pk.mchid}`, { certificates_answer: answer });
      expect(set.json).toMatchObject({ mchid: pk.mchid, certificates_answer: answer });
      expectPayError(await signedCall(base, pk, 'GET', '/v3/certificates'), key);
    }
  });

  it('refuses the knobs for merchants they do not apply to, and unknown merchants', async () => {
    expect((await control(base, `/_sandbox/wechatpay/merchants/${keys.TEST_MCHID}`, { certificates_answer: 'empty' })).status).toBe(409);
    expect((await control(base, `/_sandbox/wechatpay/merchants/${m.public_key.mchid}`, { notify_signing: 'public_key' })).status).toBe(409);
    expect((await control(base, '/_sandbox/wechatpay/merchants/1900000001', { notify_signing: 'public_key' })).status).toBe(404);
    expect((await control(base, `/_sandbox/wechatpay/merchants/${m.migrating.mchid}`, {})).status).toBe(400);
    const set = await control(base, `/_sandbox/wechatpay/merchants/${m.migrating.mchid}`, { notify_signing: 'public_key' });
    expect([set.status, set.json.notify_signing]).toEqual([200, 'public_key']);
    expect((await merchantsOf(base)).migrating.notify_signing).toBe('public_key');
  });

  it('signs for any merchant through the authorization helper', async () => {
    const res = await control(base, '/_sandbox/wechatpay/authorization', { method: 'GET', url: '/v3/certificates', mchid: m.migrating.mchid });
    expect(res.json.authorization).toContain(`mchid="${m.migrating.mchid}",`);
    expect(res.json.authorization).toContain(`serial_no="${m.migrating.merchant_serial_no}"`);
    const answer = await fetch(`${base}/v3/certificates`, { headers: { Authorization: res.json.authorization } });
    expect(answer.status).toBe(200);
    expect((await control(base, '/_sandbox/wechatpay/authorization', { method: 'GET', url: '/v3/certificates', mchid: '1900000001' })).status).toBe(404);
  });
});
