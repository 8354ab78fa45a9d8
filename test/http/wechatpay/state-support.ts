/**
 * Real-socket helpers for the audit tests: requests go out with node:http so the request target
 * and the body bytes are exactly what the test wrote (fetch would normalise the URL).
 */
import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { v3Authorization } from '../../../src/http/wechatpay/signer.js';
import { expectSigned, MERCHANT } from './support.js';
import type { WechatpayErrorKey } from '../../../src/types/error-key.js';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Sends exactly `target` and `body` (a string, or chunks to send without Content-Length). */
export function rawCall(
  base: string,
  method: string,
  target: string,
  body: string | string[] | undefined,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: target, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: h, text, json });
      });
    });
    req.on('error', reject);
    if (Array.isArray(body)) for (const chunk of body) req.write(chunk);
    else if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A signed call over the socket: signs `signedTarget` (default: the target sent) at `timestamp`. */
export async function signedRaw(
  base: string,
  method: string,
  target: string,
  body: string,
  timestamp: number,
  options: { signedTarget?: string; signedBody?: string; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const authorization = await v3Authorization(MERCHANT, method, options.signedTarget ?? target, options.signedBody ?? body, { timestamp });
  const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json', 'User-Agent': 'audit', ...options.headers };
  if (body !== '') headers['Content-Type'] ??= 'application/json';
  const answer = await rawCall(base, method, target, body === '' ? undefined : body, headers);
  if (answer.status >= 200 && answer.status < 300) expectSigned(answer.headers, answer.text);
  return answer;
}

/** The answer is the catalogued error `key` (status, code, message), in the v3 envelope with a Request-ID. */
export function expectRawError(answer: RawAnswer, key: WechatpayErrorKey): void {
  const entry = errorEntry('wechatpay', key);
  expect({ status: answer.status, code: answer.json?.code, message: answer.json?.message }).toEqual({
    status: entry.status,
    code: entry.code,
    message: entry.message,
  });
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(answer.headers.get('request-id')).toMatch(/^[0-9A-F]{40}-0$/);
}
