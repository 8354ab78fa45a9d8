import * as main from './test-keys.js';
import { TEST_APIV2_KEY, TEST_MIGRATING_MERCHANT, TEST_PUBLIC_KEY_MERCHANT } from './test-keys-merchants.js';

/**
 * How WeChat Pay signs for a merchant: with its platform certificate only (every merchant before
 * 2024), with the WeChat Pay public key only (merchants registered since about 2024-11 get no
 * certificate: binarywang/WxJava#3412, baaxl9vh/nest-wechat#22), or migrating (both; the request
 * picks, see key-modes.ts).
 */
export type KeyMode = 'certificate' | 'public_key' | 'migrating';

/** A merchant that can call v3: the API certificate it signs requests with, and its secrets. */
export interface MerchantAccount {
  readonly mchid: string;
  readonly mode: KeyMode;
  /** Serial of the merchant API certificate (`serial_no` of Authorization). */
  readonly serial: string;
  /** TEST-ONLY merchant API private key (the sandbox needs it only to sign for clients without an SDK). */
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly certificatePem: string;
  /** Key of GET /v3/certificates' encryption (and of callbacks). */
  readonly apiv3Key: string;
  /** Key of APIv2 signatures, e.g. the H5 coupon link's `sign`. */
  readonly apiv2Key: string;
}

/**
 * The merchants with API keys, one per key mode. The sandbox merchant (certificate mode) is the
 * one every earlier test and README example uses, unchanged.
 */
export const MERCHANT_ACCOUNTS: readonly MerchantAccount[] = [
  {
    mchid: main.TEST_MCHID,
    mode: 'certificate',
    serial: main.TEST_MERCHANT_SERIAL,
    privateKeyPem: main.TEST_MERCHANT_PRIVATE_KEY,
    publicKeyPem: main.TEST_MERCHANT_PUBLIC_KEY,
    certificatePem: main.TEST_MERCHANT_CERTIFICATE,
    apiv3Key: main.TEST_APIV3_KEY,
    apiv2Key: TEST_APIV2_KEY,
  },
  ...[
    { keys: TEST_PUBLIC_KEY_MERCHANT, mode: 'public_key' as const },
    { keys: TEST_MIGRATING_MERCHANT, mode: 'migrating' as const },
  ].map(({ keys, mode }) => ({
    mchid: keys.mchid,
    mode,
    serial: keys.serial,
    privateKeyPem: keys.privateKey,
    publicKeyPem: keys.publicKey,
    certificatePem: keys.certificate,
    apiv3Key: keys.apiv3Key,
    apiv2Key: keys.apiv2Key,
  })),
];

const byMchid = new Map(MERCHANT_ACCOUNTS.map((m) => [m.mchid, m]));

/**
 * The merchant with API keys under this mchid, if any (sub-merchants and the foreign merchant
 * have none: they cannot sign a request).
 *
 * @example
 * merchantAccount('1230000209')?.mode // 'public_key'
 */
export function merchantAccount(mchid: string): MerchantAccount | undefined {
  return byMchid.get(mchid);
}
