import { createPublicKey, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';
import type { Operation } from '../../src/operations.js';
import type { WechatPayTargetConfig } from '../config.js';
import type { Exchange } from '../transport.js';
import { show, type Violation } from '../violation.js';
import { fillPath, queryString, USER_AGENT, type CallInput, type Outcome, type VendorClient } from './client.js';

/** The four headers WeChat Pay signs every 2xx response with (VENDOR-BEHAVIOUR.md C.3). */
const SIGNATURE_HEADERS = ['wechatpay-timestamp', 'wechatpay-nonce', 'wechatpay-serial', 'wechatpay-signature'] as const;

/** Largest accepted |local clock - Wechatpay-Timestamp|, as the common SDKs enforce (VENDOR-BEHAVIOUR.md C.3). */
const MAX_SKEW_SECONDS = 300;

/**
 * The v3 signed message: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n` (VENDOR-BEHAVIOUR.md C.2).
 *
 * @example
 * signatureMessage('GET', '/v3/certificates', '1700000000', 'abc', '') // 'GET\n/v3/certificates\n1700000000\nabc\n\n'
 */
export function signatureMessage(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/**
 * The `Authorization` header value of a v3 request, signed SHA256withRSA with the merchant key.
 * Written here rather than borrowed from the emulator on purpose: a contract kit that shared the
 * server's signer would not notice when both are wrong the same way.
 *
 * @example
 * authorization({ mchid: '1230000109', serialNo: 'ABC', privateKey: pem }, 'GET', '/v3/certificates', '')
 */
export function authorization(
  merchant: Pick<WechatPayTargetConfig, 'mchid' | 'serialNo' | 'privateKey'>,
  method: string,
  pathWithQuery: string,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const timestamp = String(nowSeconds);
  const nonce = randomBytes(16).toString('hex').toUpperCase();
  const signature = createSign('RSA-SHA256')
    .update(signatureMessage(method, pathWithQuery, timestamp, nonce, body))
    .sign(merchant.privateKey, 'base64');
  return `WECHATPAY2-SHA256-RSA2048 mchid="${merchant.mchid}",nonce_str="${nonce}",timestamp="${timestamp}",serial_no="${merchant.serialNo}",signature="${signature}"`;
}

/** Breaks a base64 signature while keeping it well-formed base64 of the right length. */
function corrupt(header: string): string {
  return header.replace(/signature="(.)/, (_, first: string) => `signature="${first === 'A' ? 'B' : 'A'}`);
}

/**
 * WeChat Pay API v3 calls: every request signed in `Authorization`, every 2xx response checked for
 * a valid `Wechatpay-Signature` from the platform key, errors as 4xx/5xx `{code, message}`.
 */
export class WechatPayClient implements VendorClient {
  private readonly platformKey: KeyObject | undefined;
  constructor(private readonly config: WechatPayTargetConfig) {
    this.platformKey = config.platformCertificate ? createPublicKey(config.platformCertificate) : undefined;
  }

  get mchid(): string {
    return this.config.mchid;
  }

  get appid(): string | undefined {
    return this.config.appid;
  }

  async build(op: Operation, input: CallInput) {
    // The query schemas of GET operations also describe the path parameters: route each value.
    const placeholders = new Set([...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    const params: Record<string, string> = {};
    const query: NonNullable<CallInput['query']> = {};
    for (const [k, v] of Object.entries(input.query ?? {})) {
      if (placeholders.has(k) && v !== undefined) params[k] = String(v);
      else query[k] = v;
    }
    Object.assign(params, input.params);
    const pathWithQuery = fillPath(op.path, params) + queryString(query);
    const body = input.rawBody ?? (input.body === undefined ? '' : JSON.stringify(input.body));
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
    // Whatever the method (POST, PATCH): an operation with a body schema sends its JSON body.
    const hasBody = op.request !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    const auth = input.auth ?? 'valid';
    // Signed with the local wall clock, as every v3 SDK does (even when a test moved a sandbox clock).
    const now = Math.floor(Date.now() / 1000);
    if (auth !== 'none') {
      const merchant = auth === 'unknown-account' ? { ...this.config, mchid: '1900000000' } : this.config;
      const signed = authorization(merchant, op.method, pathWithQuery, body, auth === 'stale' ? now - 3600 : now);
      headers.authorization = auth === 'invalid' ? corrupt(signed) : signed;
    }
    return {
      request: { method: op.method, url: this.config.baseUrl.replace(/\/$/, '') + pathWithQuery, headers, body: hasBody ? body : undefined },
      fields: { ...params, ...((input.body ?? {}) as Record<string, unknown>) },
    };
  }

  outcome(_op: Operation, exchange: Exchange): Outcome {
    if (exchange.status >= 200 && exchange.status < 300) return { ok: true, body: exchange.json ?? {} };
    const body = exchange.json as { code?: unknown; message?: unknown } | undefined;
    return {
      ok: false,
      code: typeof body?.code === 'string' ? body.code : `HTTP ${exchange.status}`,
      message: typeof body?.message === 'string' ? body.message : exchange.text.slice(0, 200),
    };
  }

  /** A 2xx answer must carry the four Wechatpay-* headers and a signature the platform key verifies. */
  verify(op: Operation, exchange: Exchange): Violation[] {
    if (exchange.status < 200 || exchange.status >= 300) return [];
    const broken = (header: string, expected: string, actual: string, message: string): Violation => ({
      operation: op.id,
      path: `header:${header}`,
      expected,
      actual,
      message,
    });
    const missing = SIGNATURE_HEADERS.filter((h) => !exchange.headers[h]);
    if (missing.length) {
      return missing.map((h) =>
        broken(
          h.replace(/(^|-)\w/g, (m) => m.toUpperCase()),
          'present on every 2xx response',
          'missing',
          'unsigned v3 response: SDKs reject it',
        ),
      );
    }
    const out: Violation[] = [];
    const timestamp = Number(exchange.headers['wechatpay-timestamp']);
    // SDKs compare with their own wall clock.
    const skew = Math.abs(Date.now() / 1000 - timestamp);
    if (!Number.isFinite(skew) || skew > MAX_SKEW_SECONDS) {
      out.push(
        broken('Wechatpay-Timestamp', `within ${MAX_SKEW_SECONDS}s of now`, show(exchange.headers['wechatpay-timestamp']), 'SDKs reject stale responses'),
      );
    }
    const serial = exchange.headers['wechatpay-serial'];
    if (this.config.platformSerial && serial !== this.config.platformSerial) {
      out.push(broken('Wechatpay-Serial', show(this.config.platformSerial), show(serial), 'serial of an unknown platform certificate'));
    }
    if (this.platformKey) {
      const message = `${exchange.headers['wechatpay-timestamp']}\n${exchange.headers['wechatpay-nonce']}\n${exchange.text}\n`;
      const valid = (() => {
        try {
          return createVerify('RSA-SHA256').update(message).verify(this.platformKey!, exchange.headers['wechatpay-signature'], 'base64');
        } catch {
          return false;
        }
      })();
      if (!valid)
        out.push(
          broken('Wechatpay-Signature', 'SHA256withRSA over TIMESTAMP\\nNONCE\\nBODY\\n by the platform key', 'signature does not verify', 'SDKs reject it'),
        );
    }
    return out;
  }
}
