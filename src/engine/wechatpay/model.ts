import type { NotifyUrl } from './callbacks.js';
import type { Random } from '../random.js';
import type { BusifavorCreateStockRequest } from '../../types/wechatpay/create-stock.request.js';
import type { MerchantKeys } from './key-modes.js';

/** Stock status as WeChat Pay spells it (STOPED sic). */
export type StockState = 'UNAUDIT' | 'RUNNING' | 'STOPED' | 'PAUSED';
/** Stored coupon state. EXPIRED is never stored: it is derived from the sandbox clock. */
export type StoredCouponState = 'SENDED' | 'USED' | 'DEACTIVATED' | 'DELETED';
/** Coupon state as the API reports it. */
export type CouponState = StoredCouponState | 'EXPIRED';

/** A create-stock body minus out_request_no (Pick, because Omit loses keys next to an index signature). */
export type StockSpec = Pick<
  BusifavorCreateStockRequest,
  | 'stock_name'
  | 'belong_merchant'
  | 'comment'
  | 'goods_name'
  | 'stock_type'
  | 'coupon_use_rule'
  | 'stock_send_rule'
  | 'custom_entrance'
  | 'display_pattern_info'
  | 'coupon_code_mode'
  | 'notify_config'
  | 'subsidy'
> & { [k: string]: unknown };

/** One stock: the creation request as sent, plus what WeChat Pay adds. */
export interface Stock {
  stock_id: string;
  /** The request body, kept as sent (minus out_request_no), so reads echo the merchant's data. */
  spec: StockSpec;
  /** Merchant that created the stock (the Authorization mchid). */
  creator_merchant: string;
  state: StockState;
  create_time: number;
  /** MERCHANT_UPLOAD: every uploaded code (not deleted), in upload order. */
  codes: Map<string, UploadedCode>;
  /** The AVAILABLE ones among them, in upload order: a send takes the first. */
  available: Set<string>;
  /** Send counters (quota checks never scan coupons): in total, per user, per Asia/Shanghai day. */
  sent_total: number;
  sent_by_user: Map<string, number>;
  sent_by_day: Map<number, number>;
}

/** A code uploaded to a MERCHANT_UPLOAD stock. Times in ms. */
export interface UploadedCode {
  code: string;
  status: 'AVAILABLE' | 'DISPATCHED';
  upload_time: number;
  dispatched_time?: number;
  openid?: string;
}

/** One coupon in a user's wallet. All times in ms since the epoch. */
export interface Coupon {
  coupon_code: string;
  stock_id: string;
  openid: string;
  appid: string;
  state: StoredCouponState;
  /** Merchant that sent it (the Authorization mchid of coupons/send). */
  sender_merchant: string;
  send_request_no: string;
  receive_time: number;
  available_start_time: number;
  expire_time: number;
  use_request_no?: string;
  use_time?: number;
  /** The merchant order the coupon is associated with (coupons/associate), if any. */
  associated_trade_no?: string;
  /** Monotonic insertion number: a stable tie-break for list order. */
  seq: number;
}

/** A remembered answer for a merchant request number (idempotency). */
export interface LedgerEntry {
  /** Canonical JSON of the parameters of the first request. */
  fingerprint: string;
  result: unknown;
}

/** Everything the WeChat Pay engine knows, behind one MemoryStore. */
export interface WechatPayState {
  stocks: Map<string, Stock>;
  /** Coupons keyed `${stock_id}:${coupon_code}` (merchant codes are only unique within a stock). */
  coupons: Map<string, Coupon>;
  /** coupon_code -> keys of the coupons carrying it (use/query may omit stock_id). */
  byCode: Map<string, string[]>;
  /** openid -> keys of the coupons in that user's wallet, in receipt order. */
  byUser: Map<string, string[]>;
  /** `${kind}:${mchid}:${request_no}` -> first answer. */
  ledger: Map<string, LedgerEntry>;
  nextStockNo: number;
  nextSeq: number;
  /** Codes of API sends come from their own stream, so seeding more data never changes them. */
  random: Random;
  /** mchid -> the keys WeChat Pay signs that merchant's answers with (certificates rotate). */
  keys: Map<string, MerchantKeys>;
  /** mchid -> where its COUPON.SEND notifications go (POST /v3/marketing/busifavor/callbacks). */
  notifyUrls: Map<string, NotifyUrl>;
}
