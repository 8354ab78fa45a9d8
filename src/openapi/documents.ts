import { operationsOf } from '../operations.js';
import { controlDocument } from './control-document.js';
import { controlRouteList } from './control-route-list.js';
import type { OpenapiDocumentName } from './document-names.js';
import type { OpenApiDocument } from './openapi-types.js';
import { vendorDocument } from './vendor-document.js';
import { waiqinProfile } from './waiqin-profile.js';
import { wechatProfile } from './wechat-profile.js';
import { wechatpayProfile } from './wechatpay-profile.js';

/**
 * `info.version` of every document: the package version (kept equal to package.json by
 * test/openapi; importing package.json here would copy it into dist/).
 */
export const OPENAPI_DOCUMENT_VERSION = '0.1.0';

const builders: Record<OpenapiDocumentName, () => OpenApiDocument> = {
  wechat: () => vendorDocument(wechatProfile, operationsOf('wechat'), OPENAPI_DOCUMENT_VERSION),
  wechatpay: () => vendorDocument(wechatpayProfile, operationsOf('wechatpay'), OPENAPI_DOCUMENT_VERSION),
  waiqin: () => vendorDocument(waiqinProfile, operationsOf('waiqin'), OPENAPI_DOCUMENT_VERSION),
  sandbox: () => controlDocument(controlRouteList, OPENAPI_DOCUMENT_VERSION),
};

/** Frozen so one caller's edit cannot leak into what every other caller (and the route) serves. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const cache = new Map<OpenapiDocumentName, OpenApiDocument>();

/**
 * One of the four OpenAPI 3.1 documents, built on first use and then shared (the catalogue and
 * the schemas do not change at run time). It is deeply frozen: `structuredClone` it to edit.
 *
 * @example
 * const doc = openapiDocument('wechat');
 * Object.keys(doc.paths); // ['/cgi-bin/token', '/card/create', ...]
 */
export function openapiDocument(name: OpenapiDocumentName): OpenApiDocument {
  let doc = cache.get(name);
  if (!doc) {
    const build = builders[name];
    if (!build) throw new Error(`openapi: no document named ${String(name)}`);
    doc = deepFreeze(build());
    cache.set(name, doc);
  }
  return doc;
}
