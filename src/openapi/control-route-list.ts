import { schemaId } from '../schema/registry.js';
import type { ControlRouteDescription } from './control-document.js';
import { OPENAPI_ROUTE } from './document-names.js';

/*
 * INTERIM: the control routes as they are mounted today, transcribed by hand from
 * src/http/control-routes.ts, src/http/wechat/control-routes.ts, src/http/wechatpay/control.ts,
 * src/http/waiqin/control.ts and src/openapi/routes.ts. The lead replaces this list with the
 * declarative control-route table the app mounts from; until then a route added there must be
 * added here too (test/openapi compares this list with the routes the app has mounted).
 */

const sandbox = (name: string) => schemaId(`sandbox/${name}.json`);

/** Today's `/_sandbox/...` routes, in the order the app mounts them. */
export const controlRouteList: readonly ControlRouteDescription[] = [
  { method: 'GET', path: '/_sandbox/credentials', summary: 'TEST-ONLY credentials of all three vendors (appid/secret, merchant keys and certificates, waiqin365 openid/appkey)' },
  { method: 'POST', path: '/_sandbox/reset', summary: 'Restore the seeded world (optionally another seed, or empty)', request: sandbox('reset.request') },
  { method: 'GET', path: '/_sandbox/clock', summary: 'Read the sandbox clock', response: sandbox('clock.response') },
  { method: 'POST', path: '/_sandbox/clock', summary: 'Set, advance, freeze or unfreeze the sandbox clock', request: sandbox('clock.request'), response: sandbox('clock.response') },

  { method: 'GET', path: '/_sandbox/wechat/identities', summary: 'The seeded WeChat apps, users and cards' },
  { method: 'POST', path: '/_sandbox/wechat/review', summary: 'Review a card as WeChat staff (VERIFY_OK, VERIFY_FAIL, DISPATCH)', request: sandbox('wechat-review.request') },
  { method: 'POST', path: '/_sandbox/wechat/give-code', summary: 'A user receives a code of a card', request: sandbox('wechat-give-code.request') },
  { method: 'POST', path: '/_sandbox/wechat/view-card', summary: 'A user opens a card page (a datacube view)', request: sandbox('wechat-view-card.request') },
  { method: 'POST', path: '/_sandbox/wechat/gift-code', summary: 'A user starts gifting a code (usable -> GIFTING)', request: sandbox('wechat-code-action.request') },
  { method: 'POST', path: '/_sandbox/wechat/accept-gift', summary: 'A friend accepts a gifted code', request: sandbox('wechat-accept-gift.request') },
  { method: 'POST', path: '/_sandbox/wechat/gift-timeout', summary: 'A gift times out (GIFTING -> GIFT_TIMEOUT)', request: sandbox('wechat-code-action.request') },
  { method: 'POST', path: '/_sandbox/wechat/delete-code', summary: 'A user deletes a code from the wallet', request: sandbox('wechat-code-action.request') },
  { method: 'POST', path: '/_sandbox/wechat/activate-member-card', summary: 'A user activates a member card', request: sandbox('wechat-code-action.request') },
  { method: 'POST', path: '/_sandbox/wechat/bulk-codes', summary: 'Generate many received codes at once (load tests)', request: sandbox('wechat-bulk-codes.request') },

  { method: 'GET', path: '/_sandbox/wechatpay/stocks', summary: 'The seeded busifavor stocks' },
  { method: 'POST', path: '/_sandbox/wechatpay/stocks/{stock_id}/state', summary: 'Move a stock to another status (review passed, paused, stopped)', request: sandbox('wechatpay-stock-state.request') },
  { method: 'POST', path: '/_sandbox/wechatpay/stocks/{stock_id}/couponcodes', summary: 'Upload coupon codes to a MERCHANT_UPLOAD stock', request: sandbox('wechatpay-couponcodes.request') },
  { method: 'POST', path: '/_sandbox/wechatpay/coupons/{coupon_code}/delete', summary: 'The user deletes a coupon from the wallet', request: sandbox('wechatpay-coupon-delete.request') },
  { method: 'POST', path: '/_sandbox/wechatpay/fail-next', summary: 'Answer the next signed WeChat Pay call with a catalogued error', request: sandbox('wechatpay-fail-next.request') },
  { method: 'POST', path: '/_sandbox/wechatpay/authorization', summary: 'Sign a request with the TEST-ONLY merchant key (returns the Authorization header)', request: sandbox('wechatpay-authorization.request') },

  { method: 'POST', path: '/_sandbox/waiqin/orders', summary: 'A customer places an order that uses a voucher holding', request: sandbox('waiqin-order.request') },
  { method: 'GET', path: '/_sandbox/waiqin/world', summary: 'The seeded waiqin365 tenant: customers, products, vouchers' },
  { method: 'POST', path: '/_sandbox/waiqin/sign', summary: 'Sign a voucher request (returns the path with timestamp and digest)', request: sandbox('waiqin-sign.request') },

  { method: 'GET', path: OPENAPI_ROUTE, summary: 'One of these OpenAPI 3.1 documents: wechat, wechatpay, waiqin or sandbox' },
];
