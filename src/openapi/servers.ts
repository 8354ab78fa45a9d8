import { VENDOR_ORIGINS } from '../../mocks/origins.js';
import type { Vendor } from '../engine/vendor-error.js';
import type { ServerObject } from './openapi-types.js';

/** Where `npm start` listens unless told otherwise (src/cli.ts). */
export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4010';

/**
 * The sandbox as an OpenAPI server: one `{sandbox}` variable holding the whole base URL, so a
 * sandbox on another host or port (`serveSandbox({ port: 0 })`) is one edit in Swagger UI or
 * Postman. Listed first: it is the server "Try it out" should hit by default.
 *
 * @example
 * sandboxServer().variables!.sandbox!.default; // 'http://127.0.0.1:4010'
 */
export function sandboxServer(): ServerObject {
  return {
    url: '{sandbox}',
    description: 'coupon-sandbox (npm start, or serveSandbox())',
    variables: { sandbox: { default: DEFAULT_SANDBOX_URL, description: 'Base URL of a running sandbox, without a trailing slash' } },
  };
}

const REAL_DESCRIPTION: Record<Vendor, string> = {
  wechat: 'WeChat Official Account API (real)',
  wechatpay: 'WeChat Pay API v3 (real)',
  waiqin: 'waiqin365 OpenAPI, default cloud (real; tenants on other clouds use the "OpenAPI地址" of their console)',
};

/**
 * The real vendor origin (the same table the msw handlers intercept) after the sandbox.
 *
 * @example
 * vendorServers('wechat').map((s) => s.url); // ['{sandbox}', 'https://api.weixin.qq.com']
 */
export function vendorServers(vendor: Vendor): ServerObject[] {
  return [sandboxServer(), { url: VENDOR_ORIGINS[vendor], description: REAL_DESCRIPTION[vendor] }];
}
