import { pathAndQueryOf } from '../../pipeline/target.js';
import { randomToken, rsaSign, rsaVerify } from './crypto.js';

/**
 * The client side of WeChat Pay v3 signatures, reusable by tests, the contract kit, benchmarks and
 * anyone calling the sandbox without an SDK. Web Crypto only.
 */

/** What a merchant signs with, in the signer's own names. */
export interface V3SignerKeys {
  mchid: string;
  /** Serial of the merchant API certificate. */
  serial: string;
  /** PKCS#8 PEM private key. */
  privateKeyPem: string;
}

/**
 * A merchant as `GET /_sandbox/credentials` lists it (`wechatpay` itself, or one of
 * `wechatpay.merchants`): accepted by the signers as-is.
 */
export interface V3MerchantCredentialsFromSandbox {
  mchid: string;
  merchant_serial_no: string;
  merchant_private_key: string;
}

/** Either shape: the signer's names, or the credentials the sandbox serves. */
export type V3MerchantCredentials = V3SignerKeys | V3MerchantCredentialsFromSandbox;

/** The signer's names for either shape of credentials. */
export function signerKeys(creds: V3MerchantCredentials): V3SignerKeys {
  if ('privateKeyPem' in creds) return creds;
  return { mchid: creds.mchid, serial: creds.merchant_serial_no, privateKeyPem: creds.merchant_private_key };
}

/** The string a request signature covers: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`. */
export function requestSignMessage(method: string, pathAndQuery: string, timestamp: string | number, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** The string a response signature covers: `TIMESTAMP\nNONCE\nBODY\n`. */
export function responseSignMessage(timestamp: string | number, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/**
 * The Authorization header value for one request.
 *
 * @example
 * const authorization = await v3Authorization(creds, 'GET', '/v3/certificates', '');
 * await fetch(base + '/v3/certificates', { headers: { Authorization: authorization, Accept: 'application/json' } });
 */
export async function v3Authorization(
  creds: V3MerchantCredentials,
  method: string,
  url: string,
  body: string,
  options: { timestamp?: number; nonce?: string } = {},
): Promise<string> {
  const keys = signerKeys(creds);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const nonce = options.nonce ?? randomToken(32);
  const signature = await rsaSign(keys.privateKeyPem, requestSignMessage(method, pathAndQueryOf(url), timestamp, nonce, body));
  return `WECHATPAY2-SHA256-RSA2048 mchid="${keys.mchid}",nonce_str="${nonce}",timestamp="${timestamp}",serial_no="${keys.serial}",signature="${signature}"`;
}

/**
 * A signed `Request` for the sandbox (or any v3 host): JSON body, Authorization, Accept.
 *
 * @example
 * const res = await sandbox.app.fetch(await signedV3Request(creds, 'POST', 'http://localhost/v3/marketing/busifavor/coupons/use', body));
 */
export async function signedV3Request(
  creds: V3MerchantCredentials,
  method: string,
  url: string,
  body?: unknown,
  options: { timestamp?: number; nonce?: string } = {},
): Promise<Request> {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  // Sign the URL as the Request will carry it (WHATWG URL normalisation), or the server would
  // see other bytes than were signed.
  const target = new URL(url).href;
  const headers: Record<string, string> = {
    Authorization: await v3Authorization(creds, method, target, text, options),
    Accept: 'application/json',
  };
  if (text !== '') headers['Content-Type'] = 'application/json';
  return new Request(target, { method, headers, body: text === '' ? undefined : text });
}

/**
 * Verifies a response the way v3 SDKs do: all four Wechatpay-* headers present, the serial the
 * expected one, the signature valid over `TIMESTAMP\nNONCE\nBODY\n`. Returns the reason it fails,
 * or undefined when it verifies. (The ±300 s freshness check is left to the caller.)
 */
export async function verifyV3Response(headers: Headers, body: string, platform: { serial: string; publicKeyPem: string }): Promise<string | undefined> {
  const timestamp = headers.get('Wechatpay-Timestamp');
  const nonce = headers.get('Wechatpay-Nonce');
  const serial = headers.get('Wechatpay-Serial');
  const signature = headers.get('Wechatpay-Signature');
  if (!timestamp || !nonce || !serial || !signature) return 'missing Wechatpay-* headers';
  if (serial !== platform.serial) return `unexpected Wechatpay-Serial ${serial}`;
  const ok = await rsaVerify(platform.publicKeyPem, responseSignMessage(timestamp, nonce, body), signature);
  return ok ? undefined : 'signature does not verify';
}

export { pathAndQueryOf };
