import type { Context, Hono } from 'hono';
import { WAIQIN_TIMESTAMP_WINDOW_SECONDS } from '../../engine/waiqin/engine.js';
import { parseCompactTimestamp } from '../../engine/waiqin/time.js';
import { VendorError } from '../../engine/vendor-error.js';
import { errorEntry } from '../../errors/catalogue.js';
import type { WaiqinErrorKey } from '../../types/error-key.js';
import { operationsOf, type Operation } from '../../operations.js';
import type { Sandbox } from '../../sandbox.js';
import { BodyTooLarge, readRawBody } from '../body.js';
import { checkResponse } from '../respond.js';
import { schemaId } from '../../schema/registry.js';
import type { VendorHttp } from '../vendor-http.js';
import { parseJsonExact } from './big-json.js';
import { mountWaiqinControl } from './control.js';
import { sameDigest, waiqinDigest } from './digest.js';
import { encodeVoucherInfos, envelopeResponse, returnCode } from './envelope.js';
import { parseWaiqinPath, rawPathname, WAIQIN_BASE_PATH } from './path.js';

/**
 * Strict UTF-8 (invalid bytes are BAD_JSON, not U+FFFD). A decode() call without `stream` keeps no
 * state between calls, so one decoder serves every request instead of one built per request.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

const fail = (key: WaiqinErrorKey): never => {
  throw new VendorError('waiqin', key);
};

/** Each method's engine call and how its data becomes `response_data` (null: none). */
function dispatch(sandbox: Sandbox, method: string, body: unknown): string | null {
  const engine = sandbox.waiqin;
  // The engine validates `body` against the operation's schema itself; the casts only name the type it checks for.
  type In<K extends keyof typeof engine> = (typeof engine)[K] extends (input: infer I) => unknown ? I : never;
  switch (method) {
    case 'getVoucherInfos':
      return encodeVoucherInfos(engine.getVoucherInfos(body as In<'getVoucherInfos'>));
    case 'addVoucherInfo':
      return JSON.stringify(engine.addVoucherInfo(body as In<'addVoucherInfo'>));
    case 'finishVoucher':
      return engine.finishVoucher(body as In<'finishVoucher'>);
    case 'modifyVoucherEndDate':
      return engine.modifyVoucherEndDate(body as In<'modifyVoucherEndDate'>);
    case 'receiveVoucherInfo':
      return JSON.stringify(engine.receiveVoucherInfo(body as In<'receiveVoucherInfo'>));
    case 'getCmInfos':
      return JSON.stringify(engine.getCmInfos(body as In<'getCmInfos'>));
    case 'queryVoucherUsedInfo':
      return JSON.stringify(engine.queryVoucherUsedInfo(body as In<'queryVoucherUsedInfo'>));
    default:
      return fail('UNKNOWN_METHOD');
  }
}

/**
 * waiqin365 voucher routes: `POST /api/voucher/v1/{method}/{openid}/{timestamp}/{digest}/{msg_id}`.
 * Every answer, success or failure, is HTTP 200 with the envelope
 * `{return_code, return_msg, msg_id, response_data}`. The checks run in this order, so the first
 * problem a client has is the one reported: path shape, HTTP method, voucher method, timestamp
 * format, openid, timestamp window, body size, digest, JSON, then the operation's schema and rules.
 *
 * @example
 * const vendors = [wechatHttp(sandbox), wechatpayHttp(sandbox), waiqinHttp(sandbox)];
 * for (const vendor of vendors) vendor.mount(app);
 */
export function waiqinHttp(sandbox: Sandbox): VendorHttp {
  const byMethod = new Map<string, Operation>(operationsOf('waiqin').map((op) => [op.id.slice('waiqin.'.length), op]));

  const msgIdOf = (c: Context): string | null => parseWaiqinPath(rawPathname(c.req.url))?.msgId ?? null;

  const renderError = (c: Context, error: VendorError): Response => {
    const entry = errorEntry('waiqin', error.key);
    const envelope = { return_code: returnCode(sandbox.options, entry.code), return_msg: entry.message, msg_id: msgIdOf(c), response_data: null };
    checkResponse(sandbox.options, schemaId('waiqin/envelope.json'), envelope);
    return envelopeResponse(envelope);
  };

  const handle = async (c: Context): Promise<Response> => {
    const path = parseWaiqinPath(rawPathname(c.req.url)) ?? fail('BAD_PATH');
    if (c.req.method !== 'POST') fail('METHOD_NOT_ALLOWED');
    const op = byMethod.get(path.method) ?? fail('UNKNOWN_METHOD');
    const stamped = parseCompactTimestamp(path.timestamp) ?? fail('BAD_TIMESTAMP');
    const appkey = sandbox.waiqin.appkeyOf(path.openid) ?? fail('UNKNOWN_OPENID');
    if (Math.abs(sandbox.clock.now() - stamped) > WAIQIN_TIMESTAMP_WINDOW_SECONDS * 1000) fail('STALE_TIMESTAMP');
    let raw: Uint8Array;
    try {
      raw = await readRawBody(c.req.raw);
    } catch (error) {
      if (error instanceof BodyTooLarge) fail('BODY_TOO_LARGE');
      throw error;
    }
    if (!sameDigest(path.digest, waiqinDigest(raw, appkey, path.timestamp))) fail('BAD_DIGEST');
    let text: string;
    try {
      text = utf8.decode(raw);
    } catch {
      return fail('BAD_JSON');
    }
    const parsed = parseJsonExact(text);
    if (!parsed.ok) fail('BAD_JSON');
    const data = dispatch(sandbox, path.method, (parsed as { value: unknown }).value);
    const envelope = { return_code: returnCode(sandbox.options, 0), return_msg: null, msg_id: path.msgId, response_data: data };
    checkResponse(sandbox.options, op.response, envelope);
    if (op.responseData && sandbox.options.validateResponses) checkResponse(sandbox.options, op.responseData, data === null ? null : JSON.parse(data));
    return envelopeResponse(envelope);
  };

  return {
    vendor: 'waiqin',
    prefixes: ['/api/'],
    systemErrorKey: 'FAILURE',
    mount(app: Hono) {
      app.all(`${WAIQIN_BASE_PATH}*`, handle);
      mountWaiqinControl(app, sandbox);
    },
    renderError,
    // Any other path under /api/ (another module, version or a truncated path) is a malformed voucher path.
    notFound: (c: Context) => renderError(c, new VendorError('waiqin', 'BAD_PATH')),
  };
}
