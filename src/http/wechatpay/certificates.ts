import { formatRfc3339 } from '../../engine/shanghai-time.js';
import { certificatesToList } from '../../engine/wechatpay/key-modes.js';
import { merchantAccount } from '../../engine/wechatpay/merchants.js';
import type { WechatPayState } from '../../engine/wechatpay/model.js';
import type { WechatpayCertificatesResponse } from '../../types/wechatpay/certificates.response.js';
import { aesGcmEncrypt, randomToken } from './crypto.js';

/**
 * GET /v3/certificates: the caller's listed platform certificates (old and new during a rotation's
 * overlap), each encrypted with the merchant's APIv3 key (AEAD_AES_256_GCM, associated_data
 * "certificate", a fresh 12-character nonce) in WeChat Pay's shape, so SDKs that bootstrap or
 * refresh their platform certificates from it work unchanged. A merchant without certificates
 * (public_key mode) gets the answer its `certificatesAnswer` selects.
 */
export async function certificatesBody(state: Readonly<WechatPayState>, mchid: string, nowMs: number): Promise<WechatpayCertificatesResponse> {
  const keys = state.keys.get(mchid);
  const account = merchantAccount(mchid);
  if (!keys || !account) throw new Error(`no keys for merchant ${mchid}`);
  // Read what to list now: the state may change while the encryption is awaited.
  const listed = certificatesToList(keys, nowMs).map((c) => ({ ...c }));
  const data = await Promise.all(
    listed.map(async (cert) => {
      const nonce = randomToken(12, '0123456789abcdef');
      return {
        serial_no: cert.serial,
        effective_time: formatRfc3339(cert.effectiveMs),
        expire_time: formatRfc3339(cert.expireMs),
        encrypt_certificate: {
          algorithm: 'AEAD_AES_256_GCM' as const,
          nonce,
          associated_data: 'certificate',
          ciphertext: await aesGcmEncrypt(account.apiv3Key, nonce, 'certificate', cert.certificatePem),
        },
      };
    }),
  );
  return { data };
}
