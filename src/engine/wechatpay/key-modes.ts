import { MERCHANT_ACCOUNTS, type KeyMode } from './merchants.js';
import { TEST_MIGRATING_PLATFORM, TEST_ROTATION_CERTIFICATES, type TestPlatformCertificate } from './test-keys-platform.js';
import { TEST_PUBLIC_KEY_OF_MIGRATING_MERCHANT, TEST_PUBLIC_KEY_OF_PUBLIC_KEY_MERCHANT } from './test-keys-public.js';
import * as main from './test-keys.js';
import type { WechatpayErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';

/*
 * Which key WeChat Pay signs a merchant's answers with, and the life of its platform certificates.
 * Sources: the public-key guide https://pay.weixin.qq.com/docs/merchant/products/platform-certificate/wxp-pub-key-guide.html,
 * the migration page https://pay.weixin.qq.com/docs/partner/products/platform-certificate/update-pub-key.html
 * and the certificate download page https://pay.weixin.qq.com/wiki/doc/api_external/ch/apis/chapter3_2_8.shtml.
 * The engine only decides and remembers; the HTTP layer signs (Web Crypto).
 */

/**
 * What GET /v3/certificates answers a merchant without any platform certificate. Each variant has
 * been reported by integrators (see the catalogue entries' sources); `not_found` is the common one
 * since 2024-11 (wechatpay-apiv3/wechatpay-java#354, binarywang/WxJava#3412) and the default.
 */
export type CertificatesAnswer = 'not_found' | 'not_found_short' | 'system_busy' | 'empty' | 'forbidden';
export const CERTIFICATES_ANSWERS: readonly CertificatesAnswer[] = ['not_found', 'not_found_short', 'system_busy', 'empty', 'forbidden'];

/** The key a migrating merchant's notifications are signed with (stored for the notification issue). */
export type NotifySigning = 'certificate' | 'public_key';

/** One platform certificate of a merchant, as WeChat Pay lists it. Times in ms. */
export interface PlatformCertificateRecord {
  serial: string;
  certificatePem: string;
  publicKeyPem: string;
  /** TEST-ONLY: the key the sandbox signs with while this certificate is the current one. */
  privateKeyPem: string;
  /** effective_time of GET /v3/certificates. */
  effectiveMs: number;
  /** expire_time of GET /v3/certificates: moved up to the end of the overlap when a rotation replaces it. */
  expireMs: number;
}

/** A WeChat Pay public key (微信支付公钥): no certificate, no expiry, named by its id. */
export interface PublicKeyRecord {
  id: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

/** The signing keys of one merchant. */
export interface MerchantKeys {
  mchid: string;
  mode: KeyMode;
  /** Oldest first; the last one signs. Empty in public_key mode. */
  certificates: PlatformCertificateRecord[];
  publicKey?: PublicKeyRecord;
  certificatesAnswer: CertificatesAnswer;
  notifySigning: NotifySigning;
  /** Rotations so far: the next one hands out TEST_ROTATION_CERTIFICATES[rotations]. */
  rotations: number;
}

/** What signs one answer: the key and the `Wechatpay-Serial` naming it. */
export interface SigningKey {
  serial: string;
  privateKeyPem: string;
}

/** Prefix of every WeChat Pay public key id (certificate serials are 40 hex digits). */
export const PUBLIC_KEY_ID_PREFIX = 'PUB_KEY_ID_';

const certificateRecord = (cert: TestPlatformCertificate, effectiveMs: number): PlatformCertificateRecord => ({
  serial: cert.serial,
  certificatePem: cert.certificate,
  publicKeyPem: cert.publicKey,
  privateKeyPem: cert.privateKey,
  effectiveMs,
  expireMs: Date.parse(cert.validity.notAfter),
});

const MAIN_PLATFORM: TestPlatformCertificate = {
  serial: main.TEST_PLATFORM_SERIAL,
  privateKey: main.TEST_PLATFORM_PRIVATE_KEY,
  publicKey: main.TEST_PLATFORM_PUBLIC_KEY,
  certificate: main.TEST_PLATFORM_CERTIFICATE,
  validity: main.TEST_PLATFORM_CERTIFICATE_VALIDITY,
};

const publicKeyRecord = (key: { id: string; publicKey: string; privateKey: string }): PublicKeyRecord => ({
  id: key.id,
  publicKeyPem: key.publicKey,
  privateKeyPem: key.privateKey,
});

/** The seeded keys of every merchant with API keys: the same for every world and seed. */
export function seedMerchantKeys(): Map<string, MerchantKeys> {
  const out = new Map<string, MerchantKeys>();
  for (const account of MERCHANT_ACCOUNTS) {
    const seeded: TestPlatformCertificate | undefined =
      account.mode === 'certificate' ? MAIN_PLATFORM : account.mode === 'migrating' ? TEST_MIGRATING_PLATFORM : undefined;
    const publicKey =
      account.mode === 'public_key' ? TEST_PUBLIC_KEY_OF_PUBLIC_KEY_MERCHANT : account.mode === 'migrating' ? TEST_PUBLIC_KEY_OF_MIGRATING_MERCHANT : undefined;
    out.set(account.mchid, {
      mchid: account.mchid,
      mode: account.mode,
      certificates: seeded ? [certificateRecord(seeded, Date.parse(seeded.validity.notBefore))] : [],
      ...(publicKey && { publicKey: publicKeyRecord(publicKey) }),
      certificatesAnswer: 'not_found',
      notifySigning: 'certificate',
      rotations: 0,
    });
  }
  return out;
}

/** The certificate that signs now (the newest), if the merchant has any. */
export function currentCertificate(keys: Readonly<MerchantKeys>): PlatformCertificateRecord | undefined {
  return keys.certificates[keys.certificates.length - 1];
}

/** The certificates GET /v3/certificates lists at `nowMs`: those whose listed expire_time has not passed. */
export function listedCertificates(keys: Readonly<MerchantKeys>, nowMs: number): PlatformCertificateRecord[] {
  return keys.certificates.filter((c) => c.expireMs > nowMs);
}

/**
 * The key that signs an answer to this merchant: certificate mode, the current
 * certificate; public_key mode, the public key; migrating, the public key only when the request
 * carried `Wechatpay-Serial: <its PUB_KEY_ID>`, otherwise the certificate (even when another
 * serial was sent), as the migration page and WeChat Pay staff on the developer forum describe it.
 */
export function responseKey(keys: Readonly<MerchantKeys>, requestSerial: string | undefined): SigningKey {
  const cert = currentCertificate(keys);
  const pub = keys.publicKey;
  if (pub && (!cert || requestSerial === pub.id)) return { serial: pub.id, privateKeyPem: pub.privateKeyPem };
  if (!cert) throw new Error(`merchant ${keys.mchid} has neither a certificate nor a public key`);
  return { serial: cert.serial, privateKeyPem: cert.privateKeyPem };
}

/**
 * Whether a request's `Wechatpay-Serial` names a public key that is not this merchant's, which
 * WeChat Pay reportedly answers with SYSTEM_ERROR (one forum test,
 * https://developers.weixin.qq.com/community/pay/doc/000e6c82ae8c788775726f4ce6b800). A certificate serial,
 * or any header sent to a merchant without a public key, is ignored as WeChat Pay ignores it.
 */
export function wrongPublicKeyId(keys: Readonly<MerchantKeys>, requestSerial: string | undefined): boolean {
  return keys.publicKey !== undefined && requestSerial !== undefined && requestSerial.startsWith(PUBLIC_KEY_ID_PREFIX) && requestSerial !== keys.publicKey.id;
}

const NO_CERTIFICATE: Record<Exclude<CertificatesAnswer, 'empty'>, WechatpayErrorKey> = {
  not_found: 'CERTIFICATE_NOT_AVAILABLE',
  not_found_short: 'CERTIFICATE_NOT_EXISTS',
  system_busy: 'SYSTEM_ERROR_BUSY',
  forbidden: 'CERTIFICATE_FORBIDDEN',
};

/**
 * The certificates GET /v3/certificates answers with; for a merchant without any, the error of
 * its `certificatesAnswer` (or an empty list for `empty`).
 */
export function certificatesToList(keys: Readonly<MerchantKeys>, nowMs: number): PlatformCertificateRecord[] {
  if (keys.certificates.length === 0 && keys.certificatesAnswer !== 'empty') throw new VendorError('wechatpay', NO_CERTIFICATE[keys.certificatesAnswer]);
  return listedCertificates(keys, nowMs);
}

/** Why a control action on a merchant's keys was refused (a 409 of the control surface). */
export class KeyControlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyControlError';
  }
}

/**
 * Rotates the platform certificate the way WeChat Pay's download page describes it: the next
 * spare certificate joins the list and signs from now on; the one it replaces stays listed for
 * `overlapSeconds` more (its expire_time moved up to then), so a client that refreshes its
 * certificates meanwhile trusts both. A merchant without certificates cannot rotate.
 */
export function rotateCertificate(keys: MerchantKeys, nowMs: number, overlapSeconds: number): void {
  const previous = currentCertificate(keys);
  if (!previous) throw new KeyControlError(`merchant ${keys.mchid} is in public_key mode: it has no platform certificate to rotate`);
  const next = TEST_ROTATION_CERTIFICATES[keys.rotations];
  if (!next) {
    throw new KeyControlError(
      `no spare TEST certificate left: a merchant can rotate ${TEST_ROTATION_CERTIFICATES.length} times (POST /_sandbox/reset restores the seeded certificates)`,
    );
  }
  previous.expireMs = Math.min(previous.expireMs, nowMs + overlapSeconds * 1000);
  keys.certificates.push(certificateRecord(next, nowMs));
  keys.rotations += 1;
}

/** Sets the answer of GET /v3/certificates for a merchant without certificates, and the notification key of a migrating one. */
export function configureKeys(keys: MerchantKeys, change: { certificates_answer?: CertificatesAnswer; notify_signing?: NotifySigning }): void {
  if (change.certificates_answer !== undefined) {
    if (keys.mode !== 'public_key')
      throw new KeyControlError(`certificates_answer applies to a merchant without platform certificates; ${keys.mchid} is in ${keys.mode} mode`);
    keys.certificatesAnswer = change.certificates_answer;
  }
  if (change.notify_signing !== undefined) {
    if (keys.mode !== 'migrating') throw new KeyControlError(`notify_signing applies to a migrating merchant; ${keys.mchid} is in ${keys.mode} mode`);
    keys.notifySigning = change.notify_signing;
  }
}
