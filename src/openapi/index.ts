// The OpenAPI export: re-exports only. Browser-safe (no node:* imports anywhere under src/openapi).
export { openapiDocument, OPENAPI_DOCUMENT_VERSION } from './documents.js';
export { OPENAPI_DOCUMENT_NAMES, OPENAPI_ROUTE, isOpenapiDocumentName, type OpenapiDocumentName } from './document-names.js';
export { mountOpenapiRoutes } from './routes.js';
export { controlDocument, controlOperationId, type ControlRouteDescription } from './control-document.js';
export { controlRouteList } from './control-route-list.js';
export { vendorDocument } from './vendor-document.js';
export type { OpenApiDocument } from './openapi-types.js';
