import { createPublicKey, verify } from 'node:crypto';
import { expect } from 'vitest';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { v3Authorization } from '../../../src/http/wechatpay/signer.js';
import type { WechatpayErrorKey } from '../../../src/types/error-key.js';

/** One merchant of GET /_sandbox/credentials `merchants`. */
export interface MerchantCreds {
  mchid: string;
  mode: 'certificate' | 'public_key' | 'migrating';
  merchant_serial_no: string;
  merchant_private_key: string;
  apiv3_key: string;
  apiv2_key: string;
  platform_certificates: { serial_no: string; certificate: string; public_key: string; effective_time: string; expire_time: string }[];
  platform_serial_no?: string;
  public_key_id?: string;
  public_key?: string;
  certificates_answer?: string;
  notify_signing?: string;
}

/** The merchants of a running sandbox, by mode. */
export async function merchantsOf(base: string): Promise<Record<MerchantCreds['mode'], MerchantCreds>> {
  const creds = (await (await fetch(`${base}/_sandbox/credentials`)).json()).wechatpay;
  return Object.fromEntries((creds.merchants as MerchantCreds[]).map((m) => [m.mode, m])) as Record<MerchantCreds['mode'], MerchantCreds>;
}

export interface Signed {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** A v3 call over the socket signed as `merchant` (host clock), with extra request headers. */
export async function signedCall(
  base: string,
  merchant: MerchantCreds,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Signed> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const authorization = await v3Authorization(
    { mchid: merchant.mchid, serial: merchant.merchant_serial_no, privateKeyPem: merchant.merchant_private_key },
    method,
    path,
    text,
  );
  const res = await fetch(base + path, {
    method,
    headers: { Authorization: authorization, Accept: 'application/json', ...(text !== '' && { 'Content-Type': 'application/json' }), ...headers },
    body: text === '' ? undefined : text,
  });
  const answer = await res.text();
  return { status: res.status, headers: res.headers, text: answer, json: answer === '' ? undefined : JSON.parse(answer) };
}

/** Whether the answer's signature verifies with this PEM (certificate or public key), by node:crypto. */
export function verifiesWith(answer: Signed, pem: string): boolean {
  const h = answer.headers;
  const message = `${h.get('Wechatpay-Timestamp')}\n${h.get('Wechatpay-Nonce')}\n${answer.text}\n`;
  return verify('sha256', Buffer.from(message), createPublicKey(pem), Buffer.from(h.get('Wechatpay-Signature') ?? '', 'base64'));
}

/** The answer is signed by exactly the key named `serial` whose PEM is `pem`. */
export function expectSignedBy(answer: Signed, serial: string, pem: string): void {
  expect(answer.headers.get('Wechatpay-Serial')).toBe(serial);
  expect(verifiesWith(answer, pem), `signature verifies with the key of ${serial}`).toBe(true);
}

/** The answer is the catalogued error `key`. */
export function expectPayError(answer: Signed, key: WechatpayErrorKey): void {
  const entry = errorEntry('wechatpay', key);
  expect({ status: answer.status, code: answer.json?.code, message: answer.json?.message }).toEqual({
    status: entry.status,
    code: entry.code,
    message: entry.message,
  });
}

/** POSTs a control action and returns status and JSON. */
export async function control(base: string, path: string, body: unknown = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(base + path, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}
