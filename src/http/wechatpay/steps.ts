import type { WechatPayState } from '../../engine/wechatpay/model.js';
import { MERCHANTS } from '../../engine/wechatpay/identities.js';
import { VendorError } from '../../engine/vendor-error.js';
import type { Step } from '../../pipeline/exchange.js';
import { issueError } from '../../pipeline/issue-error.js';
import { MAX_JSON_DEPTH, parseJson } from '../../pipeline/bounded-json.js';
import { bodyText } from '../../pipeline/read-body.js';
import type { InputPolicy } from '../../pipeline/vendor-module.js';
import { wrongPublicKeyId } from '../../engine/wechatpay/key-modes.js';
import { lenientCaller, verifyRequest } from './auth.js';
import { REQUEST_SERIAL_HEADER } from './signing-key.js';
import { inwardAuthorization } from './identity.js';

/** Largest v3 request body read; busifavor bodies are a few KiB. */
export const MAX_V3_BODY_BYTES = 64 * 1024;

/** An oversized body is a parameter error naming the body. */
export const tooLarge = () => new VendorError('wechatpay', 'PARAM_ERROR', { location: 'body', issue: `body larger than ${MAX_V3_BODY_BYTES} bytes` });

/**
 * The v3 signature over method, the request target as sent, timestamp, nonce and body names the
 * calling merchant (SIGN_ERROR in its flavours otherwise). With `lenientAuth`, any parseable header of
 * a known merchant, or none, is accepted. A `Wechatpay-Serial` naming another merchant's public key
 * is then SYSTEM_ERROR, as WeChat Pay reportedly answers it.
 */
export const signatureStep: Step = async (exchange) => {
  const request = exchange.request!;
  const header = inwardAuthorization(exchange, request.headers.get('authorization'));
  const caller = exchange.world.options.lenientAuth
    ? lenientCaller(header, MERCHANTS.main)
    : await verifyRequest(request.method, exchange.target, bodyText(exchange), header, {
        sandboxNow: exchange.world.clock.nowSeconds(),
        wallNow: Math.floor(Date.now() / 1000),
      });
  exchange.caller = caller;
  const serial = request.headers.get(REQUEST_SERIAL_HEADER) ?? undefined;
  if (serial !== undefined) {
    const wrong = exchange.world.store<WechatPayState>('wechatpay').read((state) => {
      const keys = state.keys.get(caller);
      return keys !== undefined && wrongPublicKeyId(keys, serial);
    });
    if (wrong) throw new VendorError('wechatpay', 'SYSTEM_ERROR');
  }
};

/** Unreadable JSON is PARAM_ERROR_JSON; JSON nested deeper than MAX_JSON_DEPTH, or a schema failure, is PARAM_ERROR (or the schema's key) naming the field. */
export const wechatpayInput: InputPolicy = {
  parseBody(exchange) {
    const text = bodyText(exchange);
    const parsed = text.trim() === '' ? { ok: false as const, reason: 'syntax' as const } : parseJson(text);
    if (!parsed.ok && parsed.reason === 'depth') {
      throw new VendorError('wechatpay', 'PARAM_ERROR', { location: 'body', issue: `body nests deeper than ${MAX_JSON_DEPTH} levels` });
    }
    if (!parsed.ok) throw new VendorError('wechatpay', 'PARAM_ERROR_JSON', { location: 'body' });
    return parsed.value;
  },
  reject: (issues, location) => issueError('wechatpay', issues, location, { missing: 'PARAM_ERROR', invalid: 'PARAM_ERROR', detail: true }),
};
