import type { H5Outcome } from '../../engine/wechatpay/h5-link.js';
import { errorEntry } from '../../errors/catalogue.js';

/**
 * What the user's WeChat Pay page shows after opening an H5 coupon link, as JSON
 * (schemas/sandbox/wechatpay-h5-open.response.json). The page's own layout and wording are not
 * documented anywhere: `title` is the sandbox's [I]; the error numbers are those users reported,
 * and a busifavor refusal shows that error's code and message.
 */
export function h5Page(outcome: H5Outcome): Record<string, unknown> {
  if (outcome.kind === 'received') return { page: 'RECEIVED', title: '领取成功', coupon: outcome.coupon };
  if (outcome.kind === 'page-error') return { page: 'ERROR', title: '领取失败', error_code: outcome.errorCode };
  const entry = errorEntry('wechatpay', outcome.error.key);
  return {
    page: 'ERROR',
    title: entry.message,
    vendor_error: { code: String(entry.code), message: entry.message, ...(outcome.error.detail && { detail: outcome.error.detail }) },
  };
}
