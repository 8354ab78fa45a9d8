import { operation, type Operation } from '../../src/operations.js';
import type { WechatTargetConfig } from '../config.js';
import type { Exchange, SentRequest } from '../transport.js';
import type { Violation } from '../violation.js';
import { fillPath, queryString, USER_AGENT, type CallInput, type Outcome, type VendorClient } from './client.js';

type Send = (request: SentRequest, op: Operation) => Promise<Exchange>;

/** A token no WeChat server issued: the 40001 probe. */
export const FORGED_TOKEN = 'contract-kit-forged-token-0000000000000000';

/**
 * WeChat Official Account calls: `?access_token=` on every card and datacube call, the token
 * fetched once from GET /cgi-bin/token (or given), errors as HTTP 200 `{errcode, errmsg}`.
 */
export class WechatClient implements VendorClient {
  private token: string | undefined;

  constructor(
    private readonly config: WechatTargetConfig,
    private readonly send: Send,
  ) {
    this.token = config.accessToken;
  }

  /** Whether the kit holds appid+secret (so it can probe the token endpoint's own errors). */
  get canFetchToken(): boolean {
    return Boolean(this.config.appid && this.config.secret);
  }

  /** The appid the kit authenticates as, when configured. */
  get appid(): string | undefined {
    return this.config.appid;
  }

  /** Forgets the cached token (after the sandbox clock jumps past its expiry). */
  forgetToken(): void {
    if (this.canFetchToken) this.token = undefined;
  }

  /** The current access_token, fetching one when needed. */
  async accessToken(): Promise<string> {
    if (this.token) return this.token;
    if (!this.canFetchToken) throw new Error('WeChat target has neither an access token nor appid+secret');
    const op = operation('wechat.token');
    const { request } = await this.build(op, {
      query: { grant_type: 'client_credential', appid: this.config.appid, secret: this.config.secret },
    });
    const exchange = await this.send(request, op);
    const body = exchange.json as { access_token?: string; errcode?: number; errmsg?: string } | undefined;
    if (!body?.access_token) throw new Error(`GET /cgi-bin/token failed: HTTP ${exchange.status} ${exchange.text.slice(0, 200)}`);
    this.token = body.access_token;
    return this.token;
  }

  async build(op: Operation, input: CallInput) {
    const query: Record<string, string | number | boolean | undefined> = {};
    if (op.id !== 'wechat.token') {
      const auth = input.auth ?? 'valid';
      if (auth === 'valid') query.access_token = await this.accessToken();
      else if (auth !== 'none') query.access_token = FORGED_TOKEN;
    }
    Object.assign(query, input.query);
    const body = input.rawBody ?? (input.body === undefined ? undefined : JSON.stringify(input.body));
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const request: SentRequest = {
      method: op.method,
      url: this.config.baseUrl.replace(/\/$/, '') + fillPath(op.path, input.params) + queryString(query),
      headers,
      body,
    };
    return { request, fields: (input.body ?? {}) as Record<string, unknown> };
  }

  outcome(_op: Operation, exchange: Exchange): Outcome {
    const body = exchange.json as { errcode?: unknown; errmsg?: unknown } | undefined;
    if (exchange.status !== 200 || body === undefined) {
      return { ok: false, code: `HTTP ${exchange.status}`, message: exchange.text.slice(0, 200) };
    }
    // datacube and token successes carry no errcode at all; card successes carry errcode 0.
    if (body.errcode === undefined || body.errcode === 0) return { ok: true, body };
    // A non-scalar errcode from a misbehaving target is shown as JSON, not as "[object Object]".
    const code = typeof body.errcode === 'number' || typeof body.errcode === 'string' ? String(body.errcode) : JSON.stringify(body.errcode);
    return { ok: false, code, message: typeof body.errmsg === 'string' ? body.errmsg : undefined };
  }

  verify(op: Operation, exchange: Exchange): Violation[] {
    const type = exchange.headers['content-type'] ?? '';
    if (type.includes('application/json') || type.includes('text/plain')) return [];
    // Several SDKs only parse JSON when the content type says so (VENDOR-BEHAVIOUR.md E).
    return [
      { operation: op.id, path: 'header:Content-Type', expected: 'application/json', actual: type || 'missing', message: 'SDKs skip parsing other types' },
    ];
  }
}
