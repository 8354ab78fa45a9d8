import type { PushConfig } from '../engine/wechat/push-config.js';

/** The vendors that call the merchant back. */
export type NotifyingVendor = 'wechatpay' | 'wechat';

export type NotificationStatus = 'pending' | 'delivered' | 'failed';

/** One HTTP request the sandbox sent to a receiver, exactly as sent. */
export interface WireRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What one attempt ended with. Times in sandbox ms. */
export interface Attempt {
  at: number;
  url: string;
  /** HTTP status, or null when no answer came (timeout, connection error). */
  status: number | null;
  error: string | null;
  /** Wall-clock latency of the attempt. */
  ms: number;
  request: { headers: Record<string, string>; body: string };
  response: { body: string };
  /** Whether the vendor counts the answer as received (200/204 for WeChat Pay; empty or `success` for WeChat). */
  ok: boolean;
  /** What the attempt was: the delivery itself, a control-made duplicate, or a signature probe. */
  kind: 'delivery' | 'duplicate' | 'probe';
}

/** What a WeChat Pay COUPON.SEND needs to be put on the wire (no key material). */
export interface WechatpayPayload {
  mchid: string;
  /** RFC 3339 create_time of the notification body. */
  create_time: string;
  /** The plaintext of `resource` (VENDOR-BEHAVIOUR.md C.8). */
  resource: Record<string, unknown>;
}

/** What a WeChat card event needs: the account's push settings when it happened, and the event's fields in order. */
export interface WechatPayload {
  config: PushConfig;
  fields: Record<string, string | number>;
}

interface NotificationBase {
  id: string;
  event: string;
  url: string;
  /** Sandbox ms. */
  created_at: number;
  status: NotificationStatus;
  /** Sandbox ms of the next attempt, or null when none is due (delivered, given up, held). */
  next_attempt_at: number | null;
  attempts: Attempt[];
  /** Failed attempts so far, per kind of failure (WeChat's user_get_card counts them apart). */
  failures: { unreachable: number; rejected: number };
  /** The wire body, made on the first attempt and resent as is (the same id, the same ciphertext). */
  body?: string;
}

export type Notification =
  (NotificationBase & { vendor: 'wechatpay'; payload: WechatpayPayload }) | (NotificationBase & { vendor: 'wechat'; payload: WechatPayload });

/** A notification as a rule creates it: plain data, no I/O. */
export type NotificationDraft =
  { vendor: 'wechatpay'; event: string; url: string; payload: WechatpayPayload } | { vendor: 'wechat'; event: string; url: string; payload: WechatPayload };
