import type { Context, Hono } from 'hono';
import { VendorError } from '../../engine/vendor-error.js';
import { operationsOf, type Operation } from '../../operations.js';
import type { Sandbox } from '../../sandbox.js';
import { schemaId } from '../../schema/registry.js';
import type { WechatErrorKey } from '../../types/error-key.js';
import { checkResponse } from '../respond.js';
import type { VendorHttp } from '../vendor-http.js';
import { mountWechatControl } from './control-routes.js';
import { errorBody, JSON_UTF8, ridMaker, wechatJson } from './envelope.js';
import { hasOkEnvelope, wechatHandlers } from './operations.js';
import { readWechatBody } from './read-body.js';

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);
const ERROR_SCHEMA = schemaId('wechat/error.json');

/**
 * The WeChat Cards & Offers routes, driven by the wechat entries of the operation catalogue.
 * The pipeline of one call reads top to bottom in `handle`: method (43002 / 43001; HEAD is
 * answered like GET without a body, and never issues a token), access_token
 * from the query (41001 / 40001 / 42001), JSON body (44002 / 47001 / schema `x-errors`), the
 * engine rule, then the success body (checked against its schema when validateResponses is on).
 * Every answer is HTTP 200 JSON with `charset=utf-8`; errors are `{"errcode","errmsg"}` with a
 * ` rid: ...` trace suffix.
 *
 * @example
 * const sandbox = createSandbox();
 * const { appid, secret } = sandbox.wechat.credentials();
 * await sandbox.app.request(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
 */
export function wechatHttp(sandbox: Sandbox): VendorHttp {
  const rid = ridMaker(sandbox.options.seed);
  const engine = sandbox.wechat;

  const handle = async (op: Operation, c: Context): Promise<Response> => {
    if (c.req.method !== op.method && !(op.method === 'GET' && c.req.method === 'HEAD')) {
      throw wx(op.method === 'POST' ? '43002' : '43001');
    }
    let payload: Record<string, unknown>;
    if (op.id === 'wechat.token') {
      const q = c.req.query();
      const request = { grant_type: q.grant_type, appid: q.appid, secret: q.secret };
      if (c.req.method === 'HEAD') {
        // HEAD gets GET's status and headers but no body: checking without minting keeps a probe
        // (curl -I, a health check) from superseding the app's live token.
        engine.checkTokenRequest(request);
        return new Response(null, { status: 200, headers: { 'content-type': JSON_UTF8 } });
      }
      payload = { ...engine.token(request) };
    } else {
      const appid = engine.authenticate(c.req.query('access_token'));
      const body = await readWechatBody(c.req.raw, op.request!);
      const handler = wechatHandlers[op.id]!;
      payload = handler(engine, appid, body);
    }
    const body = hasOkEnvelope(op.id) && op.id !== 'wechat.token' ? { errcode: 0, errmsg: 'ok', ...payload } : payload;
    checkResponse(sandbox.options, op.response, body);
    return wechatJson(body);
  };

  const render = (error: VendorError): Response => {
    const body = errorBody(error.key as WechatErrorKey, rid()); // the app routes only WeChat's errors here
    checkResponse(sandbox.options, ERROR_SCHEMA, body);
    return wechatJson(body);
  };

  return {
    vendor: 'wechat',
    // Without the trailing slash so that `/card` or `/datacube` alone is WeChat's too (40066).
    prefixes: ['/cgi-bin', '/card', '/datacube'],
    systemErrorKey: '-1',
    mount(app: Hono) {
      for (const op of operationsOf('wechat')) {
        if (op.id !== 'wechat.token' && !wechatHandlers[op.id]) throw new Error(`no WeChat handler for ${op.id}`);
        app.all(op.path, (c) =>
          handle(op, c).catch((error: unknown) => {
            if (error instanceof VendorError) return render(error);
            throw error;
          }),
        );
      }
      mountWechatControl(app, sandbox);
    },
    renderError: (_c: Context, error: VendorError) => render(error),
    /**
     * A path under /cgi-bin/, /card/ or /datacube/ that is no WeChat operation: WeChat's global
     * code for a URL that does not match any API is 40066 "invalid url" (HTTP 200).
     */
    notFound() {
      return wechatJson(errorBody('40066', rid()));
    },
  };
}
