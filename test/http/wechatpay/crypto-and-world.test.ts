import { createDecipheriv, createPrivateKey, createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesGcmDecrypt, aesGcmEncrypt, rsaSign, rsaVerify } from '../../../src/http/wechatpay/crypto.js';
import { parseAuthorization } from '../../../src/http/wechatpay/auth.js';
import { requestSignMessage, v3Authorization, verifyV3Response } from '../../../src/http/wechatpay/signer.js';
import { TEST_OPENIDS } from '../../../src/engine/wechatpay/identities.js';
import * as keys from '../../../src/engine/wechatpay/test-keys.js';
import { formatRfc3339 } from '../../../src/engine/shanghai-time.js';
import { createSandbox } from '../../../src/sandbox.js';
import { MERCHANT, paySandbox } from './support.js';
import { payList, payStock } from '../../support/state-reads.js';

describe('Web Crypto primitives agree with node:crypto', () => {
  it('a Web Crypto signature verifies with node:crypto and the other way round', async () => {
    const message = requestSignMessage('GET', '/v3/certificates', 1554208460, '593BEC0C930BF1AFEB40B4A08C8FB242', '');
    const ours = await rsaSign(keys.TEST_MERCHANT_PRIVATE_KEY, message);
    expect(verify('sha256', Buffer.from(message), createPublicKey(keys.TEST_MERCHANT_CERTIFICATE), Buffer.from(ours, 'base64'))).toBe(true);
    const theirs = sign('sha256', Buffer.from(message), createPrivateKey(keys.TEST_MERCHANT_PRIVATE_KEY)).toString('base64');
    expect(await rsaVerify(keys.TEST_MERCHANT_PUBLIC_KEY, message, theirs)).toBe(true);
    expect(await rsaVerify(keys.TEST_MERCHANT_PUBLIC_KEY, `${message}x`, theirs)).toBe(false);
    expect(await rsaVerify(keys.TEST_MERCHANT_PUBLIC_KEY, message, '***not base64***')).toBe(false);
  });

  it('AEAD_AES_256_GCM output decrypts with node:crypto (ciphertext || 16-byte tag)', async () => {
    const sealed = await aesGcmEncrypt(keys.TEST_APIV3_KEY, 'abcdef012345', 'certificate', 'hello 证书');
    const buf = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(keys.TEST_APIV3_KEY), Buffer.from('abcdef012345'));
    decipher.setAuthTag(buf.subarray(buf.length - 16)).setAAD(Buffer.from('certificate'));
    expect(Buffer.concat([decipher.update(buf.subarray(0, buf.length - 16)), decipher.final()]).toString()).toBe('hello 证书');
    expect(await aesGcmDecrypt(keys.TEST_APIV3_KEY, 'abcdef012345', 'certificate', sealed)).toBe('hello 证书');
  });

  it('the test keys are consistent: certificates carry the serials, public keys match the private keys', () => {
    expect(new X509Certificate(keys.TEST_PLATFORM_CERTIFICATE).serialNumber).toBe(keys.TEST_PLATFORM_SERIAL);
    expect(new X509Certificate(keys.TEST_MERCHANT_CERTIFICATE).serialNumber).toBe(keys.TEST_MERCHANT_SERIAL);
    const pem = (k: string) => createPublicKey(k).export({ type: 'spki', format: 'pem' });
    expect(pem(keys.TEST_PLATFORM_CERTIFICATE)).toBe(pem(keys.TEST_PLATFORM_PUBLIC_KEY));
    expect(pem(keys.TEST_PLATFORM_PRIVATE_KEY)).toBe(pem(keys.TEST_PLATFORM_PUBLIC_KEY));
    expect(pem(keys.TEST_MERCHANT_PRIVATE_KEY)).toBe(pem(keys.TEST_MERCHANT_PUBLIC_KEY));
    expect(keys.TEST_APIV3_KEY).toHaveLength(32);
  });

  it('builds Authorization headers the parser reads back, and verifies sandbox responses', async () => {
    const auth = await v3Authorization(MERCHANT, 'POST', 'https://x/v3/a?b=1', '{}', { timestamp: 1, nonce: 'N' });
    expect(parseAuthorization(auth)).toMatchObject({ mchid: keys.TEST_MCHID, nonce_str: 'N', timestamp: '1', serial_no: keys.TEST_MERCHANT_SERIAL });
    const { call } = paySandbox();
    const res = await call('GET', '/v3/certificates');
    expect(await verifyV3Response(res.headers, res.text, { serial: keys.TEST_PLATFORM_SERIAL, publicKeyPem: keys.TEST_PLATFORM_PUBLIC_KEY })).toBeUndefined();
    expect(await verifyV3Response(res.headers, `${res.text} `, { serial: keys.TEST_PLATFORM_SERIAL, publicKeyPem: keys.TEST_PLATFORM_PUBLIC_KEY })).toBe(
      'signature does not verify',
    );
  });
});

describe('time and the seeded world', () => {
  it('formats times as WeChat Pay does (+08:00, whole seconds)', () => {
    expect(formatRfc3339(Date.UTC(2015, 4, 20, 5, 29, 35, 999))).toBe('2015-05-20T13:29:35+08:00');
    expect(formatRfc3339(Date.UTC(2015, 11, 31, 16, 0, 0))).toBe('2016-01-01T00:00:00+08:00');
  });

  it('test openids look like real openids', () => {
    for (const openid of TEST_OPENIDS) expect(openid).toMatch(/^[A-Za-z0-9_-]{28}$/);
  });

  it('is deterministic per seed, has stocks in every status and coupons in every state, and is empty on request', () => {
    const world = (seed: number) => {
      const s = createSandbox({ seed, startAt: Date.parse('2026-03-02T10:00:00+08:00'), frozen: true });
      const coupons = TEST_OPENIDS.flatMap((openid) => payList(s, { openid, appid: 'wxd678efh567hg6787', creator_merchant: keys.TEST_MCHID, limit: 50 }).data);
      return { stocks: s.wechatpay.seededStocks().stocks, coupons };
    };
    const a = world(7);
    expect(JSON.stringify(world(7))).toBe(JSON.stringify(a));
    expect(JSON.stringify(world(8).coupons)).not.toBe(JSON.stringify(a.coupons));
    expect(new Set(a.stocks.map((s) => s.stock_state))).toEqual(new Set(['RUNNING', 'PAUSED', 'STOPED', 'UNAUDIT']));
    expect(new Set(a.stocks.map((s) => s.coupon_code_mode))).toEqual(new Set(['WECHATPAY_MODE', 'MERCHANT_API', 'MERCHANT_UPLOAD']));
    expect(new Set(a.coupons.map((c) => c.coupon_state))).toEqual(new Set(['SENDED', 'USED', 'EXPIRED', 'DEACTIVATED', 'DELETED']));
    const empty = createSandbox({ empty: true });
    expect(empty.wechatpay.seededStocks().stocks).toEqual([]);
    expect((empty.credentials() as any).wechatpay.mchid).toBe(keys.TEST_MCHID);
  });

  it('reset restores the seeded world', async () => {
    const { sandbox } = paySandbox();
    sandbox.wechatpay.setStockState({ stock_id: '98065001', state: 'STOPED' });
    await sandbox.app.request('/_sandbox/reset', { method: 'POST' });
    expect(payStock(sandbox, '98065001').stock_state).toBe('RUNNING');
  });
});
