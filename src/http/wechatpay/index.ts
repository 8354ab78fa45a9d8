import { MERCHANTS } from '../../engine/wechatpay/identities.js';
import type { WechatPayState } from '../../engine/wechatpay/model.js';
import { createWechatPayState } from '../../engine/wechatpay/state.js';
import { errorEntry } from '../../errors/catalogue.js';
import { inputStep } from '../../pipeline/input.js';
import { readBodyStep } from '../../pipeline/read-body.js';
import type { VendorModule } from '../../pipeline/vendor-module.js';
import { schemaId } from '../../schema/registry.js';
import { wechatpayControls } from './controls.js';
import { wechatpayCredentials } from './credentials.js';
import { v3Response } from './respond.js';
import { answerKey } from './signing-key.js';
import { wechatpayRules } from './rules.js';
import { wechatpayInwardStep, wechatpayWorldStep } from './identity.js';
import { MAX_V3_BODY_BYTES, signatureStep, tooLarge, wechatpayInput } from './steps.js';

/**
 * WeChat Pay API v3 (busifavor + certificates, api.mch.weixin.qq.com): body read, signature
 * check, schema validation, the rule, and a JSON answer signed with the caller's platform
 * certificate or WeChat Pay public key (its key mode); errors are `{code, message, detail?}` with
 * the catalogue's HTTP status, signed too.
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
  steps: [wechatpayWorldStep, readBodyStep(MAX_V3_BODY_BYTES, tooLarge), signatureStep, wechatpayInwardStep, inputStep(wechatpayInput)],
  meta: () => ({}),
  input: wechatpayInput,
  success: (_op, result) => result,
  failure(error) {
    const entry = errorEntry('wechatpay', error.key);
    return { status: entry.status, body: { code: String(entry.code), message: entry.message, ...(error.detail && { detail: error.detail }) } };
  },
  send: (exchange, answer) => v3Response(exchange.request!, answer.status, exchange.world.outward('wechatpay', answer.body), answerKey(exchange)),
  defaultCaller: () => MERCHANTS.main,
  controls: wechatpayControls,
  credentials: (state, world) => wechatpayCredentials(state, world.clock.now()),
};
