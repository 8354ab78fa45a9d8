import type { PushConfig } from './push-config.js';
import type { Random } from '../random.js';
import type { CodeTable } from './code-table.js';
import type { EventLog } from './events.js';
import type { TokenBook } from './tokens.js';

/** Card types WeChat knows (vendor doc, card/get `card_type`). */
export const CARD_TYPES = [
  'GROUPON',
  'DISCOUNT',
  'GIFT',
  'CASH',
  'GENERAL_COUPON',
  'MEMBER_CARD',
  'SCENIC_TICKET',
  'MOVIE_TICKET',
  'BOARDING_PASS',
  'MEETING_TICKET',
  'BUS_TICKET',
] as const;
export type CardType = (typeof CARD_TYPES)[number];

/** The free coupon types datacube/getcardcardinfo reports, with the numbering the doc gives. */
export const FREE_COUPON_TYPE_NUMBER: Partial<Record<CardType, number>> = {
  DISCOUNT: 0,
  CASH: 1,
  GIFT: 2,
  GENERAL_COUPON: 3,
  GROUPON: 4,
};

export const CARD_STATUSES = [
  'CARD_STATUS_NOT_VERIFY',
  'CARD_STATUS_VERIFY_FAIL',
  'CARD_STATUS_VERIFY_OK',
  'CARD_STATUS_DELETE',
  'CARD_STATUS_DISPATCH',
] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** Statuses a user's code can show in card/code/get `user_card_status`. */
export type UserCardStatus = 'NORMAL' | 'CONSUMED' | 'EXPIRE' | 'GIFTING' | 'GIFT_TIMEOUT' | 'DELETE' | 'UNAVAILABLE';

/**
 * Stored code status (one byte per code in the code table). GIFTED is not a WeChat status: it marks
 * a giver's code after a friend accepted the gift, which WeChat answers as an unknown code (40056).
 */
export const CodeState = {
  NORMAL: 0,
  CONSUMED: 1,
  GIFTING: 2,
  GIFT_TIMEOUT: 3,
  DELETE: 4,
  UNAVAILABLE: 5,
  EXPIRE: 6,
  GIFTED: 7,
} as const;
export type CodeState = (typeof CodeState)[keyof typeof CodeState];

/** Stored state -> the name WeChat shows (GIFTED is never shown: it answers 40056). */
export const CODE_STATE_NAMES: readonly (UserCardStatus | 'GIFTED')[] = [
  'NORMAL',
  'CONSUMED',
  'GIFTING',
  'GIFT_TIMEOUT',
  'DELETE',
  'UNAVAILABLE',
  'EXPIRE',
  'GIFTED',
];

/** `date_info` of a card, normalised (the old numeric types 1/2 are mapped on create). */
export interface DateInfo {
  type: 'DATE_TYPE_FIX_TIME_RANGE' | 'DATE_TYPE_FIX_TERM' | 'DATE_TYPE_PERMANENT';
  begin_timestamp?: number;
  end_timestamp?: number;
  fixed_term?: number;
  fixed_begin_term?: number;
}

/** One Official Account (appid) with its own cards, users and codes. */
export interface App {
  serial: number;
  appid: string;
  secret: string;
  name: string;
  /** Serials of the app's cards, in creation order (batchget order). */
  cards: number[];
  /** Code string -> row in the code table. Codes are unique per app. */
  codes: Map<string, number>;
  /** openid -> user. openids are per app, as in WeChat. */
  users: Map<string, User>;
}

export interface User {
  serial: number;
  openid: string;
  app: number;
  /** Code-table rows this user holds or held (any status). */
  rows: number[];
  /** A display name for the test identity list (not a WeChat field). */
  nickname: string;
}

/** One card (a "kind" of coupon). */
export interface Card {
  serial: number;
  cardId: string;
  app: number;
  cardType: CardType;
  /** datacube `cond_source`: 0 created in the MP platform, 1 created through the API. */
  source: 0 | 1;
  status: CardStatus;
  /**
   * The type object as WeChat stores it (`{base_info, advanced_info, deal_detail...}`), without
   * the fields the sandbox derives (id, status, sku, create/update time).
   */
  body: Record<string, unknown> & { base_info: Record<string, unknown> };
  dateInfo: DateInfo;
  useCustomCode: boolean;
  canGiveFriend: boolean;
  getLimit: number;
  quantity: number;
  totalQuantity: number;
  createTime: number;
  updateTime: number;
  /** openid -> codes received from the merchant (for get_limit). */
  received: Map<string, number>;
  /** Why the last review failed (control action), if it did. */
  refuseReason?: string;
}

/** The whole WeChat state: everything lives behind one MemoryStore. */
export interface WechatState {
  apps: App[];
  appsById: Map<string, App>;
  cards: Card[];
  cardsById: Map<string, Card>;
  /** Every user of every app, by serial (the code table stores serials). */
  users: User[];
  codes: CodeTable;
  tokens: TokenBook;
  /** Codes made by bulk-codes, counted against the process budget (see BULK_LIMITS). */
  bulkCodes: number;
  events: EventLog;
  /** appid -> the account's message-push settings (/_sandbox/wechat/push-config). */
  push: Map<string, PushConfig>;
  /** Ids (card_id, code, openid, token) come from this, so the same seed gives the same ids. */
  random: Random;
}

/** Seconds of sandbox time, passed to every rule (rules never read a clock themselves). */
export type Seconds = number;
