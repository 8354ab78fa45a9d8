import type { Context, Hono } from 'hono';
import { errorEntry, errorKey } from '../../errors/catalogue.js';
import { VendorError } from '../../engine/vendor-error.js';
import { MERCHANTS } from '../../engine/wechatpay/identities.js';
import { operationsOf, type Operation } from '../../operations.js';
import type { Sandbox } from '../../sandbox.js';
import { schemas, type ValidationIssue } from '../../schema/registry.js';
import { BodyTooLarge, parseJson, readTextBody } from '../body.js';
import { checkResponse } from '../respond.js';
import type { VendorHttp } from '../vendor-http.js';
import { lenientCaller, verifyRequest } from './auth.js';
import { certificatesBody } from './certificates.js';
import { mountWechatpayControl } from './control.js';
import { v3Response } from './respond.js';
import { pathAndQueryOf } from './signer.js';

/** Largest v3 request body read; busifavor bodies are a few KiB. */
export const MAX_V3_BODY_BYTES = 64 * 1024;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs are schema-validated per operation
type Handler = (input: any, caller: string) => unknown;

function handlersFor(sandbox: Sandbox): Record<string, Handler> {
  const pay = sandbox.wechatpay;
  return {
    'wechatpay.busifavor-list-user-coupons': (q, caller) => pay.listUserCoupons(q, caller),
    'wechatpay.busifavor-create-stock': (b, caller) => pay.createStock(b, caller),
    'wechatpay.busifavor-query-stock': (q, caller) => pay.queryStock(q.stock_id, caller),
    'wechatpay.busifavor-send-coupon': (b, caller) => pay.sendCoupon(b, caller),
    'wechatpay.busifavor-use-coupon': (b, caller) => pay.useCoupon(b, caller),
    'wechatpay.busifavor-query-coupon': (q, caller) => pay.queryCoupon(q, caller),
    'wechatpay.busifavor-deactivate-coupon': (b, caller) => pay.deactivateCoupon(b, caller),
    'wechatpay.busifavor-return-coupon': (b, caller) => pay.returnCoupon(b, caller),
    'wechatpay.certificates': () => certificatesBody(),
  };
}

/** The first schema failure as WeChat Pay reports it: PARAM_ERROR (or the schema's x-errors key) naming the field. */
function invalid(issue: ValidationIssue, location: 'body' | 'query'): VendorError {
  const field = issue.missingProperty ?? issue.path.replace(/^\//, '').replace(/\//g, '.');
  return new VendorError('wechatpay', errorKey('wechatpay', issue.errorKey ?? 'PARAM_ERROR'), { field, location, issue: issue.message }); // x-errors is a plain string
}

/**
 * The request target as the client sent it, which is what it signed. Over a socket that is the raw
 * request line (@hono/node-server puts the IncomingMessage in `c.env.incoming`): `c.req.url` has
 * gone through WHATWG URL parsing, which percent-encodes `"`, `<`, `>`, `{`, `}`... and resolves
 * `.` segments, so a correctly signed request would fail. In-process (msw, app.fetch) the URL is
 * all there is.
 */
function signedTarget(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: unknown } } | undefined)?.incoming;
  return pathAndQueryOf(typeof incoming?.url === 'string' && incoming.url !== '' ? incoming.url : c.req.url);
}

/** Reads, authenticates, parses and validates one v3 call; returns the caller and the input. */
async function admit(c: Context, op: Operation, sandbox: Sandbox): Promise<{ caller: string; input: unknown }> {
  let text: string;
  try {
    text = await readTextBody(c.req.raw, MAX_V3_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      throw new VendorError('wechatpay', 'PARAM_ERROR', { location: 'body', issue: `body larger than ${MAX_V3_BODY_BYTES} bytes` });
    }
    throw error;
  }
  const header = c.req.header('authorization') ?? null;
  const caller = sandbox.options.lenientAuth
    ? lenientCaller(header, sandbox.wechatpay, MERCHANTS.main)
    : await verifyRequest(c.req.method, signedTarget(c), text, header, {
        engine: sandbox.wechatpay,
        sandboxNow: sandbox.clock.nowSeconds(),
        wallNow: Math.floor(Date.now() / 1000),
      });
  const injected = sandbox.wechatpay.takeInjectedFailure();
  if (injected) throw new VendorError('wechatpay', injected);

  if (op.request) {
    const parsed = text.trim() === '' ? { ok: false as const } : parseJson(text);
    if (!parsed.ok) throw new VendorError('wechatpay', 'PARAM_ERROR_JSON', { location: 'body' });
    const result = schemas().validate(op.request, parsed.value);
    if (!result.ok) throw invalid(result.issues[0]!, 'body');
    return { caller, input: parsed.value };
  }
  if (op.query) {
    const input: Record<string, unknown> = { ...c.req.query(), ...c.req.param() };
    const result = schemas().validateCoercing(op.query, input);
    if (!result.ok) throw invalid(result.issues[0]!, 'query');
    return { caller, input };
  }
  return { caller, input: undefined };
}

/**
 * WeChat Pay API v3 (busifavor + certificates), routed from the operation catalogue: every call is
 * signature-checked, validated against its schema, run by the engine, and answered with a
 * platform-signed JSON body; errors are `{code, message, detail?}` with the catalogue's HTTP status.
 */
export function wechatpayHttp(sandbox: Sandbox): VendorHttp {
  const handlers = handlersFor(sandbox);
  return {
    vendor: 'wechatpay',
    prefixes: ['/v3/'],
    systemErrorKey: 'SYSTEM_ERROR',
    mount(app: Hono) {
      mountWechatpayControl(app, sandbox);
      for (const op of operationsOf('wechatpay')) {
        const handler = handlers[op.id];
        if (!handler) throw new Error(`no handler for ${op.id}`);
        const path = op.path.replace(/\{(\w+)\}/g, ':$1');
        app.on(op.method, path, async (c) => {
          const { caller, input } = await admit(c, op, sandbox);
          const body = await handler(input, caller);
          checkResponse(sandbox.options, op.response, body);
          return v3Response(c.req.raw, 200, body);
        });
      }
    },
    renderError(c: Context, error: VendorError) {
      const entry = errorEntry('wechatpay', error.key);
      const body = { code: String(entry.code), message: entry.message, ...(error.detail && { detail: error.detail }) };
      return v3Response(c.req.raw, entry.status, body);
    },
    notFound(c: Context) {
      const entry = errorEntry('wechatpay', 'NOT_FOUND');
      return v3Response(c.req.raw, entry.status, { code: String(entry.code), message: entry.message });
    },
  };
}
