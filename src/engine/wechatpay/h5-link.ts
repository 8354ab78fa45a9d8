import type { H5Coupon } from '../../types/sandbox/wechatpay-h5-open.response.js';
import type { Random } from '../random.js';
import { formatRfc3339 } from '../shanghai-time.js';
import { VendorError } from '../vendor-error.js';
import { sendCoupon, couponKey } from './coupons.js';
import { APPIDS } from './identities.js';
import { merchantAccount } from './merchants.js';
import type { WechatPayState } from './model.js';
import { instantOf, paramError } from './stocks.js';
import { v2Sign } from './v2-sign.js';

/*
 * How coupons reach users since the coupons/send page was withdrawn: the merchant's page sends the
 * user to WeChat Pay's H5 coupon page, a link signed with the merchant's APIv2 key
 * (https://pay.weixin.qq.com/docs/merchant/apis/offer-coupons-by-h5/h5-coupon.html; the old page
 * https://pay.weixin.qq.com/wiki/doc/apiv3/apis/chapter9_4_1.shtml). Opening it issues the coupon.
 */

/** Where the link points (scheme, host and path are checked exactly). */
export const H5_COUPON_PAGE = 'https://action.weixin.qq.com/busifavor/getcouponinfo';
/** The fragments WeChat Pay's pages have asked for: the old page's, and the current one's. */
export const H5_FRAGMENTS = ['#wechat_redirect', '#wechat_pay&wechat_redirect'] as const;
/** Error number the page shows without the fragment, and for a wrong sign (developer forum reports). */
export const H5_NO_FRAGMENT = 268435461;
export const H5_BAD_SIGN = 272758293;

/** The link's parameters, as the merchant signs them. */
export interface H5CouponParams {
  stock_id: string;
  out_request_no: string;
  send_coupon_merchant: string;
  open_id: string;
  coupon_code?: string;
  customize_send_time?: string;
}

/** The coupon the user received, as the page shows it (the control schema's generated type). */
export type { H5Coupon };

/**
 * What opening the link came to: a coupon, one of the page's own error numbers, or a busifavor
 * rule that refused the issue (the page shows its message).
 */
export type H5Outcome =
  { kind: 'received'; coupon: H5Coupon } | { kind: 'page-error'; errorCode: number } | { kind: 'refused'; error: VendorError<'wechatpay'> };

/** The link is not a WeChat Pay H5 coupon link at all (the harness's mistake: a control 400). */
export class H5LinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'H5LinkError';
  }
}

const LIMITS: Record<keyof H5CouponParams, [min: number, max: number]> = {
  stock_id: [1, 20],
  out_request_no: [1, 128],
  send_coupon_merchant: [8, 15],
  open_id: [1, 128],
  coupon_code: [1, 128],
  customize_send_time: [1, 32],
};

/** The parameters' documented lengths, out_request_no's letters and digits (PARAM_ERROR naming the field). */
function checkParams(params: Partial<H5CouponParams>): asserts params is H5CouponParams {
  for (const [name, [min, max]] of Object.entries(LIMITS) as [keyof H5CouponParams, [number, number]][]) {
    const value = params[name];
    const optional = name === 'coupon_code' || name === 'customize_send_time';
    if (value === undefined && optional) continue;
    if (value === undefined || value.length < min || value.length > max) throw paramError(name, `${name} must have ${min} to ${max} characters`);
  }
  if (!/^[0-9A-Za-z]+$/.test(params.out_request_no!)) throw paramError('out_request_no', 'letters and digits only');
}

/**
 * A user opens an H5 coupon link. In the order the page can know them: the link's address, the
 * fragment (error 268435461 without it), the sign (error 272758293 for a wrong one, or a merchant
 * with no APIv2 key), the parameters, then the same rules as coupons/send (stock, user, code mode,
 * quotas, out_request_no reuse); any of those answers with the busifavor error the page shows.
 * `customize_send_time` (RFC 3339, not in the future) back-dates the start of a relative validity
 * window; a fixed window ignores it [I]. `appid` is the app the user's openid belongs to (the link
 * has none): the merchant's official account by default [I].
 */
export function openH5Link(state: WechatPayState, url: string, appid: string | undefined, nowMs: number, random: Random): H5Outcome {
  const hash = url.indexOf('#');
  const address = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  let parsed: URL;
  try {
    parsed = new URL(address);
  } catch {
    throw new H5LinkError(`not a URL: ${url}`);
  }
  if (`${parsed.origin}${parsed.pathname}` !== H5_COUPON_PAGE) throw new H5LinkError(`not a WeChat Pay H5 coupon link (${H5_COUPON_PAGE}?...)`);
  if (!(H5_FRAGMENTS as readonly string[]).includes(fragment)) return { kind: 'page-error', errorCode: H5_NO_FRAGMENT };

  const params = Object.fromEntries(parsed.searchParams) as Partial<H5CouponParams> & { sign?: string };
  const account = params.send_coupon_merchant ? merchantAccount(params.send_coupon_merchant) : undefined;
  const { sign, ...signed } = params;
  if (!account || !sign || v2Sign(signed, account.apiv2Key) !== sign) return { kind: 'page-error', errorCode: H5_BAD_SIGN };

  try {
    checkParams(signed);
    const stock = state.stocks.get(signed.stock_id);
    const relative = stock?.spec.coupon_use_rule.coupon_available_time.available_day_after_receive !== undefined;
    let validFrom = nowMs;
    if (signed.customize_send_time !== undefined) {
      validFrom = instantOf('customize_send_time', signed.customize_send_time, 'query');
      if (validFrom > nowMs) throw paramError('customize_send_time', 'must not be in the future');
      if (!relative) validFrom = nowMs;
    }
    const body = {
      openid: signed.open_id,
      appid: appid ?? APPIDS[0],
      stock_id: signed.stock_id,
      out_request_no: signed.out_request_no,
      ...(signed.coupon_code !== undefined && { coupon_code: signed.coupon_code }),
      ...(signed.customize_send_time !== undefined && { customize_send_time: signed.customize_send_time }),
    };
    const sent = sendCoupon(state, account.mchid, body, nowMs, random, validFrom);
    const coupon = state.coupons.get(couponKey(sent.stock_id, sent.coupon_code))!;
    return {
      kind: 'received',
      coupon: {
        stock_id: sent.stock_id,
        coupon_code: sent.coupon_code,
        out_request_no: sent.out_request_no,
        openid: coupon.openid,
        appid: coupon.appid,
        receive_time: formatRfc3339(coupon.receive_time),
        available_start_time: formatRfc3339(coupon.available_start_time),
        expire_time: formatRfc3339(coupon.expire_time),
      },
    };
  } catch (error) {
    if (error instanceof VendorError && error.vendor === 'wechatpay') return { kind: 'refused', error: error as VendorError<'wechatpay'> };
    throw error;
  }
}
