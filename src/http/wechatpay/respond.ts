import type { SigningKey } from '../../engine/wechatpay/key-modes.js';
import { randomToken, rsaSign } from './crypto.js';
import { responseSignMessage } from './signer.js';
import { textResponse } from '../../journal/body-text.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const requestIds = new WeakMap<Request, string>();

/**
 * The Request-ID of a request (made on first use, then stable): every v3 response, errors
 * included, carries it, as WeChat Pay's do (VENDOR-BEHAVIOUR.md C.1).
 */
export function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (!id) {
    id = `08${randomToken(8, '0123456789ABCDEF')}${randomToken(30, '0123456789ABCDEF')}-0`;
    requestIds.set(request, id);
  }
  return id;
}

/**
 * A v3 JSON response: exact body bytes, `application/json; charset=utf-8`, Request-ID, and the four
 * Wechatpay-* headers signed over `TIMESTAMP\nNONCE\nBODY\n` with `key`: the merchant's platform
 * certificate or WeChat Pay public key, which `Wechatpay-Serial` names (see signing-key.ts). A 204
 * has no body and is signed over an empty one (`TIMESTAMP\nNONCE\n\n`).
 *
 * The Wechatpay-Timestamp is the host's wall clock, not the sandbox clock: v3 SDKs reject a
 * response whose timestamp is more than 300 s from THEIR real clock, and a test that moved the
 * sandbox clock by days must still get responses its SDK accepts. (Business times in the body
 * follow the sandbox clock.) Error responses are signed too; SDKs just do not check them.
 */
export async function v3Response(request: Request, status: number, body: unknown | undefined, key: SigningKey): Promise<Response> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomToken(32);
  const signature = await rsaSign(key.privateKeyPem, responseSignMessage(timestamp, nonce, text));
  const headers = new Headers({
    'Request-ID': requestIdOf(request),
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Serial': key.serial,
    'Wechatpay-Signature': signature,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  });
  if (body !== undefined) headers.set('Content-Type', JSON_TYPE);
  return textResponse(body === undefined ? null : text, { status, headers });
}
