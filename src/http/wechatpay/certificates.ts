import { formatRfc3339 } from '../../engine/shanghai-time.js';
import {
  TEST_APIV3_KEY,
  TEST_PLATFORM_CERTIFICATE,
  TEST_PLATFORM_CERTIFICATE_VALIDITY,
  TEST_PLATFORM_SERIAL,
} from '../../engine/wechatpay/test-keys.js';
import type { WechatpayCertificatesResponse } from '../../types/wechatpay/certificates.response.js';
import { aesGcmEncrypt, randomToken } from './crypto.js';

/**
 * GET /v3/certificates: the platform certificate, encrypted with the merchant's APIv3 key
 * (AEAD_AES_256_GCM, associated_data "certificate", a fresh 12-character nonce) in WeChat Pay's
 * shape, so SDKs that bootstrap their platform certificates from it (wechatpay-axios-plugin's
 * `wxpay crt`, ...) work unchanged.
 */
export async function certificatesBody(): Promise<WechatpayCertificatesResponse> {
  const nonce = randomToken(12, '0123456789abcdef');
  return {
    data: [
      {
        serial_no: TEST_PLATFORM_SERIAL,
        effective_time: formatRfc3339(Date.parse(TEST_PLATFORM_CERTIFICATE_VALIDITY.notBefore)),
        expire_time: formatRfc3339(Date.parse(TEST_PLATFORM_CERTIFICATE_VALIDITY.notAfter)),
        encrypt_certificate: {
          algorithm: 'AEAD_AES_256_GCM',
          nonce,
          associated_data: 'certificate',
          ciphertext: await aesGcmEncrypt(TEST_APIV3_KEY, nonce, 'certificate', TEST_PLATFORM_CERTIFICATE),
        },
      },
    ],
  };
}
