import type { Hono } from 'hono';
import { isOpenapiDocumentName, OPENAPI_DOCUMENT_NAMES, type OpenapiDocumentName } from './document-names.js';
import { openapiDocument } from './documents.js';

const texts = new Map<OpenapiDocumentName, string>();

/** The document as served: serialised once, like the document itself is built once. */
function documentText(name: OpenapiDocumentName): string {
  let text = texts.get(name);
  if (text === undefined) {
    text = JSON.stringify(openapiDocument(name), null, 2);
    texts.set(name, text);
  }
  return text;
}

/**
 * Serves `GET /_sandbox/openapi/{name}.json` for wechat, wechatpay, waiqin and sandbox; any other
 * name is a 404 in the control-error shape. The documents are public and static, so they allow
 * any origin: a Swagger UI or editor on another origin can load them by URL.
 *
 * @example
 * const app = new Hono();
 * mountOpenapiRoutes(app);
 * await app.request('/_sandbox/openapi/wechat.json'); // 200, the WeChat document
 */
export function mountOpenapiRoutes(app: Hono): void {
  app.get('/_sandbox/openapi/:file', (c) => {
    const file = c.req.param('file');
    const name = file.endsWith('.json') ? file.slice(0, -'.json'.length) : '';
    if (!isOpenapiDocumentName(name)) {
      return c.json(
        { error: { code: 'NOT_FOUND', message: `no OpenAPI document ${file}; there are ${OPENAPI_DOCUMENT_NAMES.map((n) => `${n}.json`).join(', ')}` } },
        404,
      );
    }
    return new Response(documentText(name), {
      status: 200,
      headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
    });
  });
}
