import { expect } from 'vitest';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { createSandbox, type Sandbox } from '../../../src/sandbox.js';
import type { SandboxOptions } from '../../../src/options.js';
import type { WechatErrorKey } from '../../../src/types/error-key.js';

/** A fixed start instant: 2026-03-10 12:00 in Shanghai (04:00 UTC), clock frozen. */
export const START = Date.parse('2026-03-10T04:00:00Z');
export const DAY_MS = 86_400_000;

/** Escapes a catalogue message for use in a RegExp. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The exact errmsg WeChat sends for a key: the catalogue message plus the rid trace suffix. */
export function errmsgPattern(key: WechatErrorKey): RegExp {
  return new RegExp(`^${escape(errorEntry('wechat', key).message)} rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$`);
}

export interface Reply {
  status: number;
  contentType: string | null;
  json: Record<string, any>;
}

/**
 * A sandbox with response validation on (drift fails loudly), a frozen clock, and any unexpected
 * error turned into a test failure, plus a tiny WeChat client over `app.request()`.
 */
export function wechatSandbox(options: SandboxOptions = {}) {
  const sandbox: Sandbox = createSandbox({
    validateResponses: true,
    startAt: START,
    frozen: true,
    onUnexpectedError: (error) => {
      throw error;
    },
    ...options,
  });
  const creds = sandbox.wechat.credentials();

  const send = async (path: string, init?: RequestInit): Promise<Reply> => {
    const res = await sandbox.app.request(path, init);
    const text = await res.text();
    return { status: res.status, contentType: res.headers.get('content-type'), json: JSON.parse(text) };
  };

  const client = {
    sandbox,
    creds,
    send,
    /** GET /cgi-bin/token for an app (default: the default app). */
    async token(appid = creds.appid, secret = creds.secret): Promise<string> {
      const r = await send(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
      expect(r.json.access_token, JSON.stringify(r.json)).toBeTypeOf('string');
      return r.json.access_token as string;
    },
    /** POST a JSON body (objects are serialised; strings are sent as they are). */
    post(path: string, body: unknown, token?: string): Promise<Reply> {
      const url = token === undefined ? path : `${path}?access_token=${encodeURIComponent(token)}`;
      return send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    /** POST to a control route; returns status and JSON. */
    control(path: string, body: unknown): Promise<Reply> {
      return send(`/_sandbox/wechat/${path}`, { method: 'POST', body: JSON.stringify(body) });
    },
    /** The card ids of the default app by title fragment (seeded world). */
    card(predicate: (c: ReturnType<Sandbox['wechat']['identities']>['apps'][number]['cards'][number]) => boolean) {
      const card = sandbox.wechat.identities().apps[0]!.cards.find(predicate);
      if (!card) throw new Error('no such seeded card');
      return card;
    },
  };
  return client;
}

/** Asserts a WeChat error answer: HTTP 200, JSON utf-8, exact errcode and errmsg + rid. */
export function expectError(reply: Reply, key: WechatErrorKey): void {
  expect(reply.status).toBe(200);
  expect(reply.contentType).toBe('application/json; charset=utf-8');
  expect(reply.json, JSON.stringify(reply.json)).toEqual({ errcode: errorEntry('wechat', key).code, errmsg: expect.stringMatching(errmsgPattern(key)) });
}

/** Asserts a WeChat success answer with the ok envelope. */
export function expectOk(reply: Reply): void {
  expect(reply.status).toBe(200);
  expect(reply.contentType).toBe('application/json; charset=utf-8');
  expect(reply.json, JSON.stringify(reply.json)).toMatchObject({ errcode: 0, errmsg: 'ok' });
}

/** A minimal valid card/create body of a type. */
export function cardBody(type: string, base: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, now = START / 1000) {
  return {
    card: {
      card_type: type,
      [type.toLowerCase()]: {
        base_info: {
          logo_url: 'http://mmbiz.qpic.cn/mmbiz/logo/0',
          code_type: 'CODE_TYPE_QRCODE',
          brand_name: 'Test Brand',
          title: `A ${type}`,
          color: 'Color010',
          notice: 'Show the code',
          description: 'Test card',
          date_info: { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: now - 3600, end_timestamp: now + 30 * 86400 },
          sku: { quantity: 100 },
          ...base,
        },
        ...extra,
      },
    },
  };
}
