/**
 * Platform certificate rotation over a real socket: during the overlap GET /v3/certificates lists
 * the old and the new certificate, answers are signed with the new one at once, and the old one
 * leaves the list when its (moved-up) expire_time passes on the sandbox clock.
 */
import { createDecipheriv } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ROTATION_CERTIFICATES } from '../../../src/engine/wechatpay/test-keys-platform.js';
import * as keys from '../../../src/engine/wechatpay/test-keys.js';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';
import { control, expectSignedBy, merchantsOf, signedCall, type MerchantCreds } from './key-support.js';

const T0 = Date.parse('2026-03-02T10:00:00+08:00');
let running: RunningSandbox;
let base: string;
let m: Record<MerchantCreds['mode'], MerchantCreds>;

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
});
afterAll(() => running.close());
beforeEach(async () => {
  await control(base, '/_sandbox/reset');
});

/** The listed certificates, decrypted with the merchant's APIv3 key by node:crypto. */
async function listed(merchant: MerchantCreds) {
  const res = await signedCall(base, merchant, 'GET', '/v3/certificates');
  expect(res.status).toBe(200);
  return {
    res,
    data: (res.json.data as any[]).map((item) => {
      const { nonce, associated_data, ciphertext } = item.encrypt_certificate;
      const bytes = Buffer.from(ciphertext, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', Buffer.from(merchant.apiv3_key), Buffer.from(nonce));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16)).setAAD(Buffer.from(associated_data));
      const pem = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString();
      return { serial: item.serial_no, effective: item.effective_time, expire: item.expire_time, pem };
    }),
  };
}

describe('rotating the platform certificate', () => {
  it('lists old and new during the overlap, signs with the new one at once, drops the old one after its moved-up expiry', async () => {
    const next = TEST_ROTATION_CERTIFICATES[0]!;
    const rotated = await control(base, `/_sandbox/wechatpay/merchants/${keys.TEST_MCHID}/rotate-certificate`, { overlap_seconds: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.json.platform_serial_no).toBe(next.serial);

    const during = await listed(m.certificate);
    expect(during.data).toEqual([
      { serial: keys.TEST_PLATFORM_SERIAL, effective: '2026-11-23T19:30:24+08:00', expire: '2026-03-02T11:00:00+08:00', pem: keys.TEST_PLATFORM_CERTIFICATE },
      { serial: next.serial, effective: '2026-03-02T10:00:00+08:00', expire: '2126-11-08T06:12:53+08:00', pem: next.certificate },
    ]);
    expectSignedBy(during.res, next.serial, next.certificate);
    expectSignedBy(await signedCall(base, m.certificate, 'GET', '/v3/marketing/busifavor/stocks/98065001'), next.serial, next.certificate);
    // What a client configured from the credentials now trusts: the current certificate on top, both listed.
    const creds = (await (await fetch(`${base}/_sandbox/credentials`)).json()).wechatpay;
    expect([creds.platform_serial_no, creds.platform_certificate]).toEqual([next.serial, next.certificate]);
    expect(creds.merchants[0].platform_certificates.map((c: any) => c.serial_no)).toEqual([keys.TEST_PLATFORM_SERIAL, next.serial]);

    await control(base, '/_sandbox/clock', { advance_seconds: 3600 });
    expect((await listed(m.certificate)).data.map((c) => c.serial)).toEqual([next.serial]);
    // Other merchants are untouched.
    expect((await listed(m.migrating)).data.map((c) => c.serial)).toEqual([m.migrating.platform_serial_no]);
  });

  it('drops the old certificate at once with overlap_seconds 0; defaults to a one-day overlap', async () => {
    await control(base, `/_sandbox/wechatpay/merchants/${m.migrating.mchid}/rotate-certificate`, { overlap_seconds: 0 });
    expect((await listed(m.migrating)).data.map((c) => c.serial)).toEqual([TEST_ROTATION_CERTIFICATES[0]!.serial]);
    await control(base, `/_sandbox/wechatpay/merchants/${keys.TEST_MCHID}/rotate-certificate`);
    expect((await listed(m.certificate)).data[0]!.expire).toBe('2026-03-03T10:00:00+08:00');
  });

  it("rotates a migrating merchant's certificate while its public key keeps signing requests that name it", async () => {
    await control(base, `/_sandbox/wechatpay/merchants/${m.migrating.mchid}/rotate-certificate`);
    const next = TEST_ROTATION_CERTIFICATES[0]!;
    expectSignedBy(await signedCall(base, m.migrating, 'GET', '/v3/certificates'), next.serial, next.certificate);
    expectSignedBy(
      await signedCall(base, m.migrating, 'GET', '/v3/certificates', undefined, { 'Wechatpay-Serial': m.migrating.public_key_id! }),
      m.migrating.public_key_id!,
      m.migrating.public_key!,
    );
  });

  it('refuses to rotate a public-key-only merchant and past the spare certificates; reset restores the seeded ones', async () => {
    expect((await control(base, `/_sandbox/wechatpay/merchants/${m.public_key.mchid}/rotate-certificate`)).status).toBe(409);
    const rotate = () => control(base, `/_sandbox/wechatpay/merchants/${keys.TEST_MCHID}/rotate-certificate`, { overlap_seconds: 0 });
    for (const spare of TEST_ROTATION_CERTIFICATES) expect((await rotate()).json.platform_serial_no).toBe(spare.serial);
    const refused = await rotate();
    expect([refused.status, refused.json.error.code]).toEqual([409, 'VENDOR_RULE']);
    await control(base, '/_sandbox/reset');
    expectSignedBy(await signedCall(base, m.certificate, 'GET', '/v3/certificates'), keys.TEST_PLATFORM_SERIAL, keys.TEST_PLATFORM_CERTIFICATE);
  });
});
