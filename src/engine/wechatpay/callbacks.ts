import { formatRfc3339 } from '../shanghai-time.js';
import { VendorError } from '../vendor-error.js';
import type { WechatPayState } from './model.js';

/** A merchant's COUPON.SEND receiver as WeChat Pay keeps it (POST /v3/marketing/busifavor/callbacks). */
export interface NotifyUrl {
  notify_url: string;
  /** ms */
  update_time: number;
}

/**
 * The `mchid` of a callbacks call: the caller when absent; another merchant is refused with the
 * mismatch error WeChat Pay answers when the payload's mchid is not the signer's.
 */
function callbackMerchant(caller: string, mchid: string | undefined): string {
  if (mchid !== undefined && mchid !== caller) throw new VendorError('wechatpay', 'PARAM_ERROR_MCHID_MISMATCH');
  return caller;
}

/**
 * Sets where the merchant's coupon notifications go. WeChat Pay wants an absolute URL without a
 * query string (VENDOR-BEHAVIOUR.md C.8); the sandbox also accepts http:// so that a receiver on
 * 127.0.0.1 can be the target.
 */
export function setNotifyUrl(state: WechatPayState, caller: string, body: { mchid?: string; notify_url: string }, nowMs: number) {
  const mchid = callbackMerchant(caller, body.mchid);
  let url: URL;
  try {
    url = new URL(body.notify_url);
  } catch {
    throw new VendorError('wechatpay', 'PARAM_ERROR', { field: 'notify_url', location: 'body', issue: 'not an absolute URL' });
  }
  if (!/^https?:$/.test(url.protocol) || url.search !== '' || url.hash !== '') {
    throw new VendorError('wechatpay', 'PARAM_ERROR', { field: 'notify_url', location: 'body', issue: 'must be an http(s) URL without a query string' });
  }
  state.notifyUrls.set(mchid, { notify_url: body.notify_url, update_time: nowMs });
  return { update_time: formatRfc3339(nowMs), notify_url: body.notify_url, mchid };
}

/** GET /v3/marketing/busifavor/callbacks: the merchant's notify URL (absent when none was set). */
export function getNotifyUrl(state: Readonly<WechatPayState>, caller: string, query: { mchid?: string }) {
  const mchid = callbackMerchant(caller, query.mchid);
  const set = state.notifyUrls.get(mchid);
  return { mchid, ...(set && { notify_url: set.notify_url }) };
}
