import { H5_COUPON_PAGE, H5_FRAGMENTS, type H5CouponParams } from '../../engine/wechatpay/h5-link.js';
import { v2Sign } from '../../engine/wechatpay/v2-sign.js';

/**
 * The client side of the H5 coupon link: what a merchant's server builds and sends its user to.
 * The parameters are signed with the APIv2 key under the v2 rules (HMAC-SHA256 over the sorted
 * non-empty parameters plus `&key=`, uppercase hex); the link carries the parameters in the
 * documented order, `sign` last, and the fragment WeChat Pay's page requires.
 *
 * @example
 * const { apiv2_key, mchid } = (await (await fetch(base + '/_sandbox/credentials')).json()).wechatpay;
 * const url = h5CouponUrl({ stock_id: '98065001', out_request_no: 'h5001', send_coupon_merchant: mchid, open_id: openid }, apiv2_key);
 * await fetch(base + '/_sandbox/wechatpay/h5-open', { method: 'POST', body: JSON.stringify({ url }) });
 */
export function h5CouponUrl(params: H5CouponParams, apiv2Key: string, fragment: (typeof H5_FRAGMENTS)[number] = '#wechat_pay&wechat_redirect'): string {
  const query = new URLSearchParams();
  for (const name of ['stock_id', 'out_request_no', 'send_coupon_merchant', 'open_id', 'coupon_code', 'customize_send_time'] as const) {
    const value = params[name];
    if (value !== undefined && value !== '') query.set(name, value);
  }
  query.set('sign', v2Sign({ ...params }, apiv2Key));
  return `${H5_COUPON_PAGE}?${query}${fragment}`;
}

export { v2Sign, type H5CouponParams };
