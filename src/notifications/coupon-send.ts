import { couponKey } from '../engine/wechatpay/coupon-view.js';
import { merchantAccount } from '../engine/wechatpay/merchants.js';
import type { WechatPayState } from '../engine/wechatpay/model.js';
import { formatRfc3339 } from '../engine/shanghai-time.js';
import type { World } from '../pipeline/world.js';

/** How the user got the coupon, as COUPON.SEND names it (`BUSICOUPON_SEND_CHANNEL_` + this). */
export type SendChannel = 'API' | 'H5';

/**
 * Called by the rules that give a user a coupon (coupons/send, the H5 link), after the engine
 * issued it: when the stock's creator has a notify URL (and an APIv3 key, without which WeChat
 * Pay sends nothing), the world's outbox gets a COUPON.SEND as plain data. The plaintext is the
 * vendor page's: `openid` only when the stock has `notify_config.notify_appid` (VENDOR-BEHAVIOUR.md C.8).
 */
export function couponReceived(world: World, state: Readonly<WechatPayState>, sent: { stock_id: string; coupon_code: string }, channel: SendChannel): void {
  const coupon = state.coupons.get(couponKey(sent.stock_id, sent.coupon_code));
  const stock = state.stocks.get(sent.stock_id);
  if (!coupon || !stock) return;
  const merchant = stock.creator_merchant;
  const target = state.notifyUrls.get(merchant);
  if (!target || !merchantAccount(merchant)) return;
  const resource: Record<string, unknown> = {
    event_type: 'EVENT_TYPE_BUSICOUPON_SEND',
    coupon_code: coupon.coupon_code,
    stock_id: coupon.stock_id,
    send_time: formatRfc3339(coupon.receive_time),
    ...(stock.spec.notify_config?.notify_appid !== undefined && { openid: coupon.openid }),
    send_channel: `BUSICOUPON_SEND_CHANNEL_${channel}`,
    send_merchant: coupon.sender_merchant,
  };
  world.notifications.add({
    vendor: 'wechatpay',
    event: 'COUPON.SEND',
    url: target.notify_url,
    // The plaintext names a created world's merchants as its client knows them
    // (src/worlds/translation.ts); `mchid` stays the engine's, it picks the signing keys.
    payload: { mchid: merchant, create_time: formatRfc3339(world.clock.now()), resource: world.outward('wechatpay', resource) },
  });
}

/** Whether a rule issued a new coupon (an idempotent replay of coupons/send issues none). */
export function issuedNew(state: Readonly<WechatPayState>, before: number): boolean {
  return state.coupons.size > before;
}
