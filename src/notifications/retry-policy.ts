import type { Notification } from './notification.js';

/** How an attempt failed: no HTTP answer within 5 s (or no connection), or an answer the vendor does not count as received. */
export type FailureKind = 'unreachable' | 'rejected';

/** Every vendor gives a receiver 5 s to answer (VENDOR-BEHAVIOUR.md B.8, C.8). */
export const DELIVERY_TIMEOUT_MS = 5000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * WeChat's user_get_card when the server cannot be reached: 10 retries spread over 24 h. WeChat
 * does not publish the spacing; these grow and add up to about 24 h (inferred, VENDOR-BEHAVIOUR.md B.8).
 */
const USER_GET_CARD_UNREACHABLE = [MINUTE, 5 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 6 * HOUR, 7 * HOUR];

/**
 * The delay before the next attempt after a failure, or null when the vendor gives up.
 * - WeChat Pay COUPON.SEND: every 60 s, 11 attempts in all (C.8).
 * - WeChat events: at most 3 retries; WeChat retries as soon as its 5 s wait ends, so the next
 *   attempt is due 5 s of sandbox time later (B.8).
 * - user_get_card (its own policy since 2016-11): a malformed answer, 3 retries a minute apart;
 *   an unreachable server, 10 retries over 24 h.
 */
export function retryDelay(notification: Readonly<Notification>, kind: FailureKind): number | null {
  const { unreachable, rejected } = notification.failures;
  if (notification.vendor === 'wechatpay') return unreachable + rejected < 11 ? MINUTE : null;
  if (notification.event === 'user_get_card') {
    if (kind === 'rejected') return rejected <= 3 ? MINUTE : null;
    return USER_GET_CARD_UNREACHABLE[unreachable - 1] ?? null;
  }
  return unreachable + rejected <= 3 ? DELIVERY_TIMEOUT_MS : null;
}
