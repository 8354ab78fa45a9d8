import type { WaiqinState } from '../../engine/waiqin/model.js';
import { seedWorld } from '../../engine/waiqin/seed.js';
import { tenantIdentities, WAIQIN_OPENID } from '../../engine/waiqin/tenant.js';
import { errorEntry } from '../../errors/catalogue.js';
import { checkResponse } from '../../pipeline/check-response.js';
import { inputStep } from '../../pipeline/input.js';
import { MAX_BODY_BYTES, readBodyStep } from '../../pipeline/read-body.js';
import type { VendorModule } from '../../pipeline/vendor-module.js';
import { VendorError } from '../../engine/vendor-error.js';
import { schemaId } from '../../schema/registry.js';
import { waiqinControls } from './controls.js';
import { envelopeResponse, returnCode, type WaiqinEnvelope } from './envelope.js';
import { WAIQIN_BASE_PATH } from './path.js';
import { waiqinRules } from './rules.js';
import {
  digestStep,
  methodStep,
  msgIdOf,
  operationStep,
  pathStep,
  tenantStep,
  WAIQIN_TIMESTAMP_WINDOW_SECONDS,
  waiqinInput,
  type WaiqinMeta,
} from './steps.js';

/**
 * waiqin365 vouchers: `POST /api/voucher/v1/{method}/{openid}/{timestamp}/{digest}/{msg_id}`.
 * Every answer, success or failure, is HTTP 200 with `{return_code, return_msg, msg_id,
 * response_data}`. The checks run in this order, so the first problem a client has is the one
 * reported: path shape, HTTP method, voucher method, timestamp format, openid, timestamp window,
 * body size, digest, JSON, then the operation's schema and rules.
 */
export const waiqinVendor: VendorModule<WaiqinState, WaiqinMeta> = {
  vendor: 'waiqin',
  prefixes: ['/api/'],
  systemErrorKey: 'FAILURE',
  // Any other path under /api/ (another module, version or a truncated path) is a malformed voucher path.
  notFoundKey: 'BAD_PATH',
  errorSchema: schemaId('waiqin/envelope.json'),
  createState: seedWorld,
  rules: waiqinRules,
  routes: { catalogue: false, pattern: `${WAIQIN_BASE_PATH}*` },
  steps: [
    pathStep,
    methodStep,
    operationStep,
    tenantStep,
    readBodyStep(MAX_BODY_BYTES, () => new VendorError('waiqin', 'BODY_TOO_LARGE')),
    digestStep,
    inputStep(waiqinInput),
  ],
  meta: () => ({}),
  input: waiqinInput,
  success(op, result, exchange): WaiqinEnvelope {
    const data = result as string | null;
    const options = exchange.world.options;
    if (op.responseData && options.validateResponses) checkResponse(options, op.responseData, data === null ? null : JSON.parse(data));
    return { return_code: returnCode(options, 0), return_msg: null, msg_id: msgIdOf(exchange), response_data: data };
  },
  failure(error, exchange) {
    const entry = errorEntry('waiqin', error.key);
    const body: WaiqinEnvelope = {
      return_code: returnCode(exchange.world.options, entry.code),
      return_msg: entry.message,
      msg_id: msgIdOf(exchange),
      response_data: null,
    };
    return { status: 200, body };
  },
  send: (_exchange, answer) => envelopeResponse(answer.body as WaiqinEnvelope),
  defaultCaller: () => WAIQIN_OPENID,
  controls: waiqinControls,
  credentials(state) {
    const { sampleCustomer, sampleProductCode, ...tenant } = tenantIdentities(state);
    return {
      ...tenant,
      digest: 'lowercase hex md5(<raw body>|<appkey>|<timestamp>)',
      timestampFormat: 'yyyyMMddHHmmss (Asia/Shanghai)',
      timestampWindowSeconds: WAIQIN_TIMESTAMP_WINDOW_SECONDS,
      sampleCustomer,
      sampleProductCode,
    };
  },
};
