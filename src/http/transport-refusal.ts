import { VendorError } from '../engine/vendor-error.js';
import type { ErrorKey } from '../types/error-key.js';
import { answerFailure, type ReportUnexpected } from '../pipeline/runner.js';
import type { VendorModule } from '../pipeline/vendor-module.js';
import type { World } from '../pipeline/world.js';

/** Why the transport refused a request before the app could see it (Node's own bare answers). */
export type Refusal = 'too-large' | 'timeout' | 'bad-request';

/** The HTTP status Node itself would have answered with; the answer keeps it. */
export const REFUSAL_STATUS: Readonly<Record<Refusal, number>> = { 'too-large': 431, timeout: 408, 'bad-request': 400 };

/** Each vendor's nearest catalogued error for a request its server could not read. */
const KEYS: Readonly<Record<string, Readonly<Record<Refusal, ErrorKey>>>> = {
  // "some argument may be out of length limit" / system error / "data format error"
  wechat: { 'too-large': '45021', timeout: '-1', 'bad-request': '47001' },
  wechatpay: { 'too-large': 'PARAM_ERROR', timeout: 'SYSTEM_ERROR', 'bad-request': 'PARAM_ERROR' },
  // "请求报文过大" / "系统异常" / "请求地址格式错误"
  waiqin: { 'too-large': 'BODY_TOO_LARGE', timeout: 'FAILURE', 'bad-request': 'BAD_PATH' },
};

const MESSAGES: Readonly<Record<Refusal, string>> = {
  'too-large': 'request line or headers too large',
  timeout: 'request headers not received in time',
  'bad-request': 'malformed HTTP request',
};

/**
 * The answer to a request the HTTP transport refused before parsing it (URL or headers too large,
 * headers too slow, a malformed request line): in the envelope of the vendor whose path it named,
 * with the status Node chose, or the sandbox's JSON error shape when the path is unknown.
 */
export async function transportRefusal(
  vendors: readonly VendorModule[],
  world: World,
  report: ReportUnexpected,
  refusal: Refusal,
  method: string | undefined,
  target: string | undefined,
): Promise<Response> {
  const status = REFUSAL_STATUS[refusal];
  const path = target?.startsWith('/') ? target.split('?', 1)[0]! : undefined;
  const vendor = path === undefined ? undefined : vendors.find((v) => v.prefixes.some((p) => path.startsWith(p)));
  if (!vendor) {
    return new Response(JSON.stringify({ error: { code: 'BAD_REQUEST', message: MESSAGES[refusal] } }), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  }
  // The vendor's answer as for any other failure (signed for WeChat Pay), under Node's status.
  const request = new Request(`http://sandbox.invalid${path}`, { method: method && /^[A-Z]+$/.test(method) && method !== 'CONNECT' ? method : 'GET' });
  const exchange = { world, request, target: path!, params: {}, meta: vendor.meta() };
  const answer = await answerFailure(vendor, exchange, new VendorError(vendor.vendor, KEYS[vendor.vendor]![refusal] as never), report);
  return new Response(answer.body, { status, headers: answer.headers });
}
