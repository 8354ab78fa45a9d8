import { APPIDS, MERCHANTS, TEST_OPENIDS } from '../../engine/wechatpay/identities.js';
import type { WechatPayState } from '../../engine/wechatpay/model.js';
import { createWechatPayState } from '../../engine/wechatpay/state.js';
import * as keys from '../../engine/wechatpay/test-keys.js';
import { errorEntry } from '../../errors/catalogue.js';
import { inputStep } from '../../pipeline/input.js';
import { readBodyStep } from '../../pipeline/read-body.js';
import type { VendorModule } from '../../pipeline/vendor-module.js';
import { schemaId } from '../../schema/registry.js';
import { wechatpayControls } from './controls.js';
import { v3Response } from './respond.js';
import { wechatpayRules } from './rules.js';
import { MAX_V3_BODY_BYTES, signatureStep, tooLarge, wechatpayInput } from './steps.js';

/**
 * Everything a v3 client needs (TEST-ONLY keys, PEM): merchant id, certificate serial and
 * private key to sign requests; the platform serial, certificate and public key to verify
 * responses; the APIv3 key to decrypt GET /v3/certificates; appids and test users.
 */
function wechatpayCredentials(): Record<string, unknown> {
  return {
    note: 'TEST-ONLY keys of the coupon-sandbox; never use them for anything real.',
    mchid: keys.TEST_MCHID,
    merchant_serial_no: keys.TEST_MERCHANT_SERIAL,
    merchant_private_key: keys.TEST_MERCHANT_PRIVATE_KEY,
    merchant_public_key: keys.TEST_MERCHANT_PUBLIC_KEY,
    merchant_certificate: keys.TEST_MERCHANT_CERTIFICATE,
    platform_serial_no: keys.TEST_PLATFORM_SERIAL,
    platform_certificate: keys.TEST_PLATFORM_CERTIFICATE,
    platform_public_key: keys.TEST_PLATFORM_PUBLIC_KEY,
    apiv3_key: keys.TEST_APIV3_KEY,
    appids: [...APPIDS],
    openids: [...TEST_OPENIDS],
    sub_merchants: [MERCHANTS.subA, MERCHANTS.subB],
    foreign_merchant: MERCHANTS.foreign,
  };
}

/**
 * WeChat Pay API v3 (busifavor + certificates, api.mch.weixin.qq.com): body read, signature
 * check, schema validation, the rule, and a platform-signed JSON answer; errors are
 * `{code, message, detail?}` with the catalogue's HTTP status, signed too.
 */
export const wechatpayVendor: VendorModule<WechatPayState, Record<string, never>> = {
  vendor: 'wechatpay',
  prefixes: ['/v3/'],
  systemErrorKey: 'SYSTEM_ERROR',
  notFoundKey: 'NOT_FOUND',
  errorSchema: schemaId('wechatpay/error.json'),
  createState: createWechatPayState,
  rules: wechatpayRules,
  routes: { catalogue: true, anyMethod: false },
  steps: [readBodyStep(MAX_V3_BODY_BYTES, tooLarge), signatureStep, inputStep(wechatpayInput)],
  meta: () => ({}),
  input: wechatpayInput,
  success: (_op, result) => result,
  failure(error) {
    const entry = errorEntry('wechatpay', error.key);
    return { status: entry.status, body: { code: String(entry.code), message: entry.message, ...(error.detail && { detail: error.detail }) } };
  },
  send: (exchange, answer) => v3Response(exchange.request!, answer.status, answer.body),
  defaultCaller: () => MERCHANTS.main,
  controls: wechatpayControls,
  credentials: () => wechatpayCredentials(),
};
