import { createPublicKey, verify } from 'node:crypto';
import { expect } from 'vitest';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { createSandbox, type Sandbox } from '../../../src/sandbox.js';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';
import type { SandboxOptions } from '../../../src/options.js';
import { signedV3Request, type V3SignerKeys } from '../../../src/http/wechatpay/signer.js';
import * as keys from '../../../src/engine/wechatpay/test-keys.js';
import { APPIDS, TEST_OPENIDS } from '../../../src/engine/wechatpay/identities.js';
import type { WechatpayErrorKey } from '../../../src/types/error-key.js';

/** A Monday, 10:00 in Shanghai: inside the seeded weekly window (Mon-Fri 09:00-21:00). */
export const T0 = Date.parse('2026-03-02T10:00:00+08:00');
export const BASE = 'http://api.mch.weixin.qq.com';
export const APPID: string = APPIDS[0];
export const MINI_APPID: string = APPIDS[1];
export const [U0, U1, U2] = TEST_OPENIDS as readonly string[] as [string, string, string];

export const MERCHANT: V3SignerKeys = { mchid: keys.TEST_MCHID, serial: keys.TEST_MERCHANT_SERIAL, privateKeyPem: keys.TEST_MERCHANT_PRIVATE_KEY };

/** Platform public key taken from the CERTIFICATE with node:crypto (independent of src/ crypto). */
const platformKey = createPublicKey(keys.TEST_PLATFORM_CERTIFICATE);

export interface V3Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** A sandbox with validated responses and a frozen clock at T0, plus a signed-call helper. */
export function paySandbox(options: SandboxOptions = {}) {
  const sandbox = createSandbox({
    validateResponses: true,
    startAt: T0,
    frozen: true,
    onUnexpectedError: (e) => {
      throw e;
    },
    ...options,
  });
  return {
    sandbox,
    call: (method: string, path: string, body?: unknown, opts?: { timestamp?: number; nonce?: string }) => call(sandbox, method, path, body, opts),
  };
}

/** Sends a correctly signed call (timestamp = sandbox clock) and checks the v3 transport rules. */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  opts: { timestamp?: number; nonce?: string } = {},
): Promise<V3Answer> {
  const request = await signedV3Request(MERCHANT, method, BASE + path, body, { timestamp: opts.timestamp ?? sandbox.clock.nowSeconds(), nonce: opts.nonce });
  return send(sandbox, request);
}

/** Sends any Request and checks what every v3 answer must have. */
export async function send(sandbox: Sandbox, request: Request): Promise<V3Answer> {
  const res = await sandbox.app.fetch(request);
  const text = await res.text();
  expect(res.headers.get('Request-ID')).toMatch(/^[0-9A-F]{40}-0$/);
  if (text !== '') expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  if (res.status >= 200 && res.status < 300) expectSigned(res.headers, text);
  return { status: res.status, headers: res.headers, text, json: text === '' ? undefined : JSON.parse(text) };
}

/** The response signature verifies with the platform certificate's public key (node:crypto). */
export function expectSigned(headers: Headers, text: string): void {
  const timestamp = headers.get('Wechatpay-Timestamp');
  const nonce = headers.get('Wechatpay-Nonce');
  const signature = headers.get('Wechatpay-Signature');
  expect(headers.get('Wechatpay-Serial')).toBe(keys.TEST_PLATFORM_SERIAL);
  expect(timestamp).toMatch(/^\d+$/);
  expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(300);
  const ok = verify('sha256', Buffer.from(`${timestamp}\n${nonce}\n${text}\n`), platformKey, Buffer.from(signature ?? '', 'base64'));
  expect(ok, 'response signature verifies').toBe(true);
}

/** The answer is the catalogued error `key`: exact status, code and message. */
export function expectError(answer: V3Answer, key: WechatpayErrorKey): void {
  const entry = errorEntry('wechatpay', key);
  expect({ status: answer.status, code: answer.json?.code, message: answer.json?.message }).toEqual({
    status: entry.status,
    code: entry.code,
    message: entry.message,
  });
}

/** The `vendor_error` a control action answers (409 VENDOR_RULE) when it hits catalogued error `key`. */
export function vendorError(key: WechatpayErrorKey): { vendor: string; code: string; message: string } {
  const entry = errorEntry('wechatpay', key);
  return { vendor: 'wechatpay', code: String(entry.code), message: entry.message };
}

/** A valid create-stock body (NORMAL, WECHATPAY_MODE, valid for 30 days from T0). */
export function stockBody(over: Record<string, unknown> = {}): Record<string, any> {
  return {
    stock_name: '沙箱满减券',
    belong_merchant: keys.TEST_MCHID,
    comment: '测试批次',
    goods_name: '全场通用',
    stock_type: 'NORMAL',
    coupon_use_rule: {
      coupon_available_time: { available_begin_time: '2026-03-01T00:00:00+08:00', available_end_time: '2026-03-31T23:59:59+08:00' },
      fixed_normal_coupon: { discount_amount: 500, transaction_minimum: 1000 },
      use_method: 'OFF_LINE',
    },
    stock_send_rule: { max_coupons: 100, max_coupons_per_user: 2, transferable: false, shareable: true },
    out_request_no: `stock-${Math.random().toString(36).slice(2)}`,
    display_pattern_info: { description: '每单限用一张', merchant_name: '沙箱商户', background_color: 'Color020' },
    coupon_code_mode: 'WECHATPAY_MODE',
    ...over,
  };
}

/** Seeded stocks (seed order in src/engine/wechatpay/seed.ts). */
export const SEEDED = {
  normal: '98065001',
  relative: '98065002',
  weekly: '98065003',
  paused: '98065004',
  stopped: '98065005',
  unaudit: '98065006',
  upload: '98065007',
  foreign: '98065008',
} as const;

export const listPath = (openid: string, query: Record<string, string | number>) =>
  `/v3/marketing/busifavor/users/${openid}/coupons?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;

/**
 * A real server at T0 with the clock frozen, response validation on and any sandbox bug failing
 * the test: the set-up of the socket suites. The sandbox clock is months from the host clock, so
 * a timestamp near T0 is judged against the sandbox clock alone.
 */
export function serveStrict(): Promise<RunningSandbox> {
  return serveSandbox({
    port: 0,
    startAt: T0,
    frozen: true,
    validateResponses: true,
    onUnexpectedError: (e) => {
      throw e;
    },
  });
}
