import { expect } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { signWaiqinRequest } from '../../src/http/waiqin/signer.js';
import { signedV3Request } from '../../src/http/wechatpay/signer.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import type { SandboxOptions } from '../../src/options.js';
import type { WaiqinErrorKey, WechatErrorKey, WechatpayErrorKey } from '../../src/types/error-key.js';

/** A Monday, 10:00 in Shanghai: inside the seeded WeChat Pay stocks' weekly window. */
export const T0 = Date.parse('2026-03-02T10:00:00+08:00');

/** A sandbox on a real socket (127.0.0.1, port 0), clock frozen at T0, responses checked against their schemas. */
export function serveWorlds(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return serveSandbox({
    port: 0,
    host: '127.0.0.1',
    validateResponses: true,
    startAt: T0,
    frozen: true,
    onUnexpectedError: (e) => {
      throw e;
    },
    ...options,
  });
}

/** What `POST /_sandbox/worlds` answers (and GET /_sandbox/credentials, under `credentials`). */
export interface Created {
  id: string;
  credentials: any;
}

export async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

export async function createWorld(base: string, body: object = {}): Promise<Created> {
  const res = await json(`${base}/_sandbox/worlds`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Created;
}

/** A WeChat client of one set of credentials: token, then calls with it. */
export function wechat(base: string, creds: { appid: string; secret: string }) {
  return {
    token: async () => (await json(`${base}/cgi-bin/token?grant_type=client_credential&appid=${creds.appid}&secret=${creds.secret}`)).body,
    call: async (path: string, token: string, body: object) =>
      (await json(`${base}${path}?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })).body,
  };
}

/** WeChat's error body for a catalogue key, as the errmsg reads (with its rid suffix). */
export function wechatError(key: WechatErrorKey) {
  const entry = errorEntry('wechat', key);
  const message = entry.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { errcode: entry.code, errmsg: expect.stringMatching(new RegExp(`^${message} rid: `)) };
}

/** A signed v3 call with the merchant credentials as a world serves them. */
export async function v3(base: string, creds: any, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const request = await signedV3Request(creds, method, `${base}${path}`, body, { timestamp: Math.floor(T0 / 1000) });
  const res = await fetch(request);
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

export function wechatpayError(key: WechatpayErrorKey) {
  const entry = errorEntry('wechatpay', key);
  return { code: entry.code, message: entry.message };
}

/** A signed waiqin365 call with a tenant's openid and appkey. */
export async function waiqin(base: string, creds: { openid: string; appkey: string }, method: string, payload: object) {
  const body = JSON.stringify(payload);
  const signed = signWaiqinRequest({ method, body, openid: creds.openid, appkey: creds.appkey, now: T0 });
  const res = await fetch(base + signed.path, { method: 'POST', body, headers: { 'content-type': 'application/json;charset=UTF-8' } });
  return (await res.json()) as { return_code: string; return_msg: string | null; response_data: string | null };
}

export function waiqinError(key: WaiqinErrorKey) {
  const entry = errorEntry('waiqin', key);
  return { return_code: String(entry.code), return_msg: entry.message };
}

/** The NORMAL codes of the main app's first test user in a world. */
export async function normalCodes(base: string, world: string): Promise<string[]> {
  const { body } = await json(`${base}/_sandbox/wechat/identities?world=${world}`);
  return body.apps[0].users
    .flatMap((u: any) => u.codes)
    .filter((c: any) => c.status === 'NORMAL')
    .map((c: any) => c.code);
}
