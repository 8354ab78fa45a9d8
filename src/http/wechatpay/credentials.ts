import { formatRfc3339 } from '../../engine/shanghai-time.js';
import { APPIDS, MERCHANTS, TEST_OPENIDS } from '../../engine/wechatpay/identities.js';
import { currentCertificate, listedCertificates, type MerchantKeys } from '../../engine/wechatpay/key-modes.js';
import { MERCHANT_ACCOUNTS, type MerchantAccount } from '../../engine/wechatpay/merchants.js';
import type { WechatPayState } from '../../engine/wechatpay/model.js';

/**
 * One merchant as a v3 client is configured for it: what it signs requests with (mchid, merchant
 * serial and private key), what it verifies answers with (the platform certificates GET
 * /v3/certificates lists now, the current one last, and/or the WeChat Pay public key and its id),
 * and its APIv3 / APIv2 keys. TEST-ONLY keys.
 */
export function merchantView(account: MerchantAccount, keys: Readonly<MerchantKeys>, nowMs: number): Record<string, unknown> {
  const current = currentCertificate(keys);
  return {
    mchid: account.mchid,
    mode: keys.mode,
    merchant_serial_no: account.serial,
    merchant_private_key: account.privateKeyPem,
    merchant_certificate: account.certificatePem,
    apiv3_key: account.apiv3Key,
    apiv2_key: account.apiv2Key,
    platform_certificates: listedCertificates(keys, nowMs).map((c) => ({
      serial_no: c.serial,
      certificate: c.certificatePem,
      public_key: c.publicKeyPem,
      effective_time: formatRfc3339(c.effectiveMs),
      expire_time: formatRfc3339(c.expireMs),
    })),
    ...(current && { platform_serial_no: current.serial }),
    ...(keys.publicKey && { public_key_id: keys.publicKey.id, public_key: keys.publicKey.publicKeyPem }),
    ...(keys.mode === 'public_key' && { certificates_answer: keys.certificatesAnswer }),
    ...(keys.mode === 'migrating' && { notify_signing: keys.notifySigning }),
  };
}

/** Every merchant with keys, in MERCHANT_ACCOUNTS order (the sandbox merchant first). */
export function merchantViews(state: Readonly<WechatPayState>, nowMs: number): Record<string, unknown>[] {
  return MERCHANT_ACCOUNTS.map((account) => merchantView(account, state.keys.get(account.mchid)!, nowMs));
}

/**
 * Everything a v3 client needs (TEST-ONLY keys, PEM). The top level is the sandbox merchant
 * (certificate mode) exactly as before key modes existed: merchant id, certificate serial and
 * private key to sign requests; the current platform serial, certificate and public key to verify
 * responses; the APIv3 key to decrypt GET /v3/certificates (and its APIv2 key for H5 links).
 * `merchants` lists every merchant with its key mode and keys.
 */
export function wechatpayCredentials(state: Readonly<WechatPayState>, nowMs: number): Record<string, unknown> {
  const [main, ...others] = merchantViews(state, nowMs);
  const platform = currentCertificate(state.keys.get(MERCHANTS.main)!)!;
  return {
    note: 'TEST-ONLY keys of the coupon-sandbox; never use them for anything real.',
    mchid: main!.mchid,
    merchant_serial_no: main!.merchant_serial_no,
    merchant_private_key: main!.merchant_private_key,
    merchant_public_key: MERCHANT_ACCOUNTS[0]!.publicKeyPem,
    merchant_certificate: main!.merchant_certificate,
    platform_serial_no: platform.serial,
    platform_certificate: platform.certificatePem,
    platform_public_key: platform.publicKeyPem,
    apiv3_key: main!.apiv3_key,
    apiv2_key: main!.apiv2_key,
    appids: [...APPIDS],
    openids: [...TEST_OPENIDS],
    sub_merchants: [MERCHANTS.subA, MERCHANTS.subB],
    foreign_merchant: MERCHANTS.foreign,
    merchants: [main, ...others],
  };
}
