import { currentCertificate, type MerchantKeys, type SigningKey } from '../engine/wechatpay/key-modes.js';
import { aesGcmEncrypt, randomToken, rsaSign } from '../http/wechatpay/crypto.js';
import { responseSignMessage } from '../http/wechatpay/signer.js';
import type { Notification, WireRequest } from './notification.js';

/** What the summary of a COUPON.SEND says (the vendor page's example). */
export const COUPON_SEND_SUMMARY = '商家券领券通知';
/** `Wechatpay-Signature` prefix of WeChat Pay's deliberate probes: a receiver must fail to verify it (C.9). */
export const SIGNATURE_PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';

/**
 * The key a merchant's notifications are signed with: the current platform certificate, the
 * WeChat Pay public key in public_key mode, and for a migrating merchant the one its
 * `notify_signing` knob names (WeChat Pay ramps callbacks over to the public key on its own
 * schedule; receivers pick the verifier by `Wechatpay-Serial`, VENDOR-BEHAVIOUR.md C.9).
 */
export function notifyKey(keys: Readonly<MerchantKeys>): SigningKey {
  const cert = currentCertificate(keys);
  const pub = keys.publicKey;
  if (pub && (!cert || (keys.mode === 'migrating' && keys.notifySigning === 'public_key'))) return { serial: pub.id, privateKeyPem: pub.privateKeyPem };
  if (!cert) throw new Error(`merchant ${keys.mchid} has no key to sign notifications with`);
  return { serial: cert.serial, privateKeyPem: cert.privateKeyPem };
}

/** A notification id shaped as WeChat Pay's (a UUID). */
export function notificationId(): string {
  const hex = randomToken(32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The COUPON.SEND body: the envelope with the plaintext encrypted under the merchant's APIv3 key (AEAD_AES_256_GCM, associated_data `coupon`). */
export async function couponSendBody(id: string, createTime: string, resource: Record<string, unknown>, apiv3Key: string): Promise<string> {
  const nonce = randomToken(12);
  const ciphertext = await aesGcmEncrypt(apiv3Key, nonce, 'coupon', JSON.stringify(resource));
  return JSON.stringify({
    id,
    create_time: createTime,
    resource_type: 'encrypt-resource',
    event_type: 'COUPON.SEND',
    summary: COUPON_SEND_SUMMARY,
    resource: { original_type: 'coupon', algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: 'coupon', nonce },
  });
}

/** Options of one signed v3 callback request (the receiver kit bends them to make invalid ones). */
export interface V3CallbackOptions {
  /** Wall-clock seconds; default now (receivers compare it with THEIR clock, as for answers). */
  timestamp?: number;
  /** Sign with this, or send it as the signature as is. */
  signature?: string;
  serial?: string;
}

/**
 * Headers of a v3 callback: `Wechatpay-Timestamp/-Nonce/-Signature/-Serial/-Signature-Type` over
 * `TIMESTAMP\nNONCE\nBODY\n`, and a `Request-ID`, as WeChat Pay sends them.
 */
export async function v3CallbackRequest(url: string, body: string, key: SigningKey, options: V3CallbackOptions = {}): Promise<WireRequest> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomToken(32);
  const signature = options.signature ?? (await rsaSign(key.privateKeyPem, responseSignMessage(timestamp, nonce, body)));
  return {
    url,
    headers: {
      'content-type': 'application/json',
      'request-id': `08${randomToken(38, '0123456789ABCDEF')}-0`,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': options.serial ?? key.serial,
      'wechatpay-signature': signature,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      'wechatpay-timestamp': timestamp,
    },
    body,
  };
}

/** A probe signature: the prefix and random Base64, verifying under no key. */
export function probeSignature(): string {
  return `${SIGNATURE_PROBE_PREFIX}${btoa(randomToken(192))}`;
}

/** One attempt's request of a COUPON.SEND (the body is made on the first attempt; the outbox keeps it and later attempts resend it). */
export async function couponSendRequest(
  notification: Extract<Notification, { vendor: 'wechatpay' }>,
  keys: Readonly<MerchantKeys>,
  apiv3Key: string,
  probe: boolean,
): Promise<WireRequest> {
  const body = notification.body ?? (await couponSendBody(notification.id, notification.payload.create_time, notification.payload.resource, apiv3Key));
  return v3CallbackRequest(notification.url, body, notifyKey(keys), probe ? { signature: probeSignature() } : {});
}
