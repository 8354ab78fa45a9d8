/** The four OpenAPI documents: one per vendor, and the sandbox's control surface. */
export const OPENAPI_DOCUMENT_NAMES = ['wechat', 'wechatpay', 'waiqin', 'sandbox'] as const;

export type OpenapiDocumentName = (typeof OPENAPI_DOCUMENT_NAMES)[number];

/** Where the app serves them, as an OpenAPI path template. */
export const OPENAPI_ROUTE = '/_sandbox/openapi/{name}.json';

/**
 * Whether a string names one of the documents.
 *
 * @example
 * isOpenapiDocumentName('wechat'); // true
 * isOpenapiDocumentName('petstore'); // false
 */
export function isOpenapiDocumentName(name: string): name is OpenapiDocumentName {
  return (OPENAPI_DOCUMENT_NAMES as readonly string[]).includes(name);
}
