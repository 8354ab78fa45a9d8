/**
 * The real vendor origins the handlers answer for. SDKs that hard-code these hosts reach the
 * sandbox unmodified, because msw intercepts the request before it leaves the process (Node) or the
 * page (service worker).
 *
 * @example
 * import { VENDOR_ORIGINS } from 'coupon-sandbox/msw';
 * VENDOR_ORIGINS.wechat; // 'https://api.weixin.qq.com'
 */
export const VENDOR_ORIGINS = {
  /** WeChat Official Account Cards & Offers (and `/cgi-bin/token`, `/datacube/`). */
  wechat: 'https://api.weixin.qq.com',
  /** WeChat Pay API v3 (busifavor). */
  wechatpay: 'https://api.mch.weixin.qq.com',
  /** waiqin365 OpenAPI, default cloud. Tenants on other clouds add theirs with `waiqinOrigins`. */
  waiqin: 'https://openapi.waiqin365.com',
} as const;

/**
 * Reads a user-given origin: a bare host (`openapi-x.waiqin365.com`, taken as https) or a URL whose
 * path is ignored. Throws on anything that is not an http(s) origin, so a typo fails at setup
 * instead of silently leaving requests unhandled.
 *
 * @example
 * toOrigin('tenant.waiqin365.com'); // 'https://tenant.waiqin365.com'
 * toOrigin('http://localhost:4010/'); // 'http://localhost:4010'
 */
export function toOrigin(input: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`coupon-sandbox/msw: cannot read origin "${input}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`coupon-sandbox/msw: origin "${input}" must be http(s)`);
  }
  return url.origin;
}
