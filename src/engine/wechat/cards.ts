import { CLOCK_MAX_MS } from '../clock.js';
import { offsetWindow } from '../paging.js';
import type { WechatErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';
import { renderCard } from './card-view.js';
import { newCardId } from './ids.js';
import { CARD_STATUSES, CARD_TYPES, type App, type Card, type CardStatus, type CardType, type DateInfo, type Seconds, type WechatState } from './model.js';
import { clone } from '../undo-log.js';

/** sku.total_quantity upper bound (vendor doc). */
export const MAX_QUANTITY = 100_000_000;
/** card/batchget `count` upper bound (vendor doc). */
export const MAX_BATCH = 50;

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The last second WeChat can express: its times are unsigned 32-bit (2106-02-07T06:28:15Z). */
const MAX_SECONDS = CLOCK_MAX_MS / 1000;

/** Seconds from a number or a numeric string (the doc asks for timestamps "as strings"). */
export function toSeconds(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d{1,12}$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Normalises a create-time `date_info` (accepting the old numeric types 1 = range, 2 = term).
 * Missing parts answer 41011, impossible windows 40079 "invalid time".
 */
export function readDateInfo(raw: unknown, cardType: CardType, now: Seconds): DateInfo {
  if (!isObject(raw)) throw wx('41011');
  const type = raw.type === 1 ? 'DATE_TYPE_FIX_TIME_RANGE' : raw.type === 2 ? 'DATE_TYPE_FIX_TERM' : raw.type;
  if (type === 'DATE_TYPE_FIX_TIME_RANGE') {
    if (raw.begin_timestamp === undefined || raw.end_timestamp === undefined) throw wx('41011');
    const begin = toSeconds(raw.begin_timestamp);
    const end = toSeconds(raw.end_timestamp);
    if (begin === undefined || end === undefined) throw wx('47001');
    if (end > MAX_SECONDS || end < begin || end <= now) throw wx('40079');
    return { type, begin_timestamp: begin, end_timestamp: end };
  }
  if (type === 'DATE_TYPE_FIX_TERM') {
    if (raw.fixed_term === undefined) throw wx('41011');
    const term = toSeconds(raw.fixed_term);
    const beginTerm = raw.fixed_begin_term === undefined ? 0 : toSeconds(raw.fixed_begin_term);
    const end = raw.end_timestamp === undefined ? undefined : toSeconds(raw.end_timestamp);
    if (term === undefined || beginTerm === undefined || (raw.end_timestamp !== undefined && end === undefined)) {
      throw wx('47001');
    }
    if (end !== undefined && (end > MAX_SECONDS || end <= now)) throw wx('40079');
    return { type, fixed_term: term, fixed_begin_term: beginTerm, ...(end ? { end_timestamp: end } : {}) };
  }
  if (type === 'DATE_TYPE_PERMANENT') {
    // WeChat reserves the permanent type for member cards.
    if (cardType !== 'MEMBER_CARD') throw wx('40079');
    return { type };
  }
  throw wx('40079');
}

/** What card/create receives (`{"card": {"card_type": ..., "<type>": {...}}}`). */
export interface CreateCardRequest {
  card: { card_type: string } & Json;
}

/** Creates a card for `app` from a card/create body; `source` 1 for the API, 0 for the platform. */
export function createCard(state: WechatState, app: App, request: CreateCardRequest, now: Seconds, source: 0 | 1 = 1): Card {
  const input = request.card;
  if (!isObject(input) || input.card_type === undefined) throw wx('41011');
  const cardType = input.card_type as CardType;
  if (!CARD_TYPES.includes(cardType)) throw wx('40071');
  const typeObject = input[cardType.toLowerCase()];
  if (!isObject(typeObject) || !isObject(typeObject.base_info)) throw wx('41011');
  const body = clone(typeObject) as Card['body'];
  const base = body.base_info;
  for (const field of ['logo_url', 'code_type', 'brand_name', 'title', 'color', 'notice', 'date_info', 'sku']) {
    if (base[field] === undefined) throw wx('41011');
  }
  if (!isObject(base.sku) || base.sku.quantity === undefined) throw wx('41011');
  const quantity = base.sku.quantity;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity)) throw wx('47001');
  if (quantity < 0 || quantity > MAX_QUANTITY) throw wx('40122');
  const dateInfo = readDateInfo(base.date_info, cardType, now);
  const getLimit = base.get_limit === undefined || base.get_limit === 0 ? quantity : Number(base.get_limit);

  // Fields WeChat derives are not kept from the request: card/get computes them.
  for (const derived of ['id', 'status', 'sku', 'create_time', 'update_time', 'date_info', 'get_limit']) delete base[derived];

  let cardId = newCardId(state.random);
  while (state.cardsById.has(cardId)) cardId = newCardId(state.random);
  const card: Card = {
    serial: state.cards.length,
    cardId,
    app: app.serial,
    cardType,
    source,
    status: 'CARD_STATUS_NOT_VERIFY',
    body,
    dateInfo,
    useCustomCode: base.use_custom_code === true,
    canGiveFriend: base.can_give_friend !== false,
    getLimit,
    quantity,
    totalQuantity: quantity,
    createTime: now,
    updateTime: now,
    received: new Map(),
  };
  state.cards.push(card);
  state.cardsById.set(cardId, card);
  app.cards.push(card.serial);
  return card;
}

/** The app's card named by `card_id`: 41012 when missing, 40073 when not this app's. */
export function findCard(state: Readonly<WechatState>, app: App, cardId: unknown): Card {
  if (cardId === undefined || cardId === '') throw wx('41012');
  const card = typeof cardId === 'string' ? state.cardsById.get(cardId) : undefined;
  if (!card || card.app !== app.serial) throw wx('40073');
  return card;
}

/** card/get. Works on deleted cards too (they read back with CARD_STATUS_DELETE). */
export function getCard(state: Readonly<WechatState>, app: App, request: { card_id?: string }): { card: Json } {
  return { card: renderCard(findCard(state, app, request.card_id)) };
}

export interface BatchGetRequest {
  offset?: number;
  count?: number;
  status_list?: string[];
}

/**
 * card/batchget: the app's card ids in creation order, optionally filtered by status. Bad values
 * (offset < 0, count outside 1..50, an unknown status) answer 47001 "data format error", the same
 * key the request schema names, so a direct engine call (msw users, control code) and an HTTP call
 * fail alike.
 */
export function batchGetCards(state: Readonly<WechatState>, app: App, request: BatchGetRequest): { card_id_list: string[]; total_num: number } {
  const offset = request.offset ?? 0;
  const count = request.count ?? MAX_BATCH;
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(count) || count < 1 || count > MAX_BATCH) {
    throw wx('47001');
  }
  const wanted = request.status_list?.length ? new Set(request.status_list) : undefined;
  if (wanted && [...wanted].some((s) => !CARD_STATUSES.includes(s as CardStatus))) throw wx('47001');
  const matching = app.cards.map((serial) => state.cards[serial]!).filter((card) => !wanted || wanted.has(card.status));
  return { card_id_list: offsetWindow(matching, offset, count).map((c) => c.cardId), total_num: matching.length };
}

/** Refuses changes to a deleted card (WeChat answers 40078 "invalid card status"). */
export function assertNotDeleted(card: Card): void {
  if (card.status === 'CARD_STATUS_DELETE') throw wx('40078');
}

export interface ModifyStockRequest {
  card_id?: string;
  increase_stock_value?: number;
  reduce_stock_value?: number;
}

/**
 * card/modifystock: both values optional (0 allowed); increase raises quantity and total_quantity,
 * reduce lowers both. Reducing below zero, or beyond the 100 000 000 cap, answers 40122 "invalid
 * card quantity" and changes nothing.
 */
export function modifyStock(state: WechatState, app: App, request: ModifyStockRequest, now: Seconds): void {
  const card = findCard(state, app, request.card_id);
  assertNotDeleted(card);
  const increase = request.increase_stock_value ?? 0;
  const reduce = request.reduce_stock_value ?? 0;
  if (!Number.isInteger(increase) || !Number.isInteger(reduce)) throw wx('47001');
  // Same keys as the request schema's x-errors, so direct engine calls and HTTP calls agree.
  if (increase < 0 || reduce < 0) throw wx('40122');
  const quantity = card.quantity + increase - reduce;
  const total = card.totalQuantity + increase - reduce;
  if (quantity < 0 || total > MAX_QUANTITY) throw wx('40122');
  card.quantity = quantity;
  card.totalQuantity = total;
  if (increase || reduce) card.updateTime = now;
}

/** card/delete: status CARD_STATUS_DELETE; codes users hold stay valid. */
export function deleteCard(state: WechatState, app: App, request: { card_id?: string }, now: Seconds): void {
  const card = findCard(state, app, request.card_id);
  assertNotDeleted(card);
  card.status = 'CARD_STATUS_DELETE';
  card.updateTime = now;
}

/** Review outcomes a control action can apply, and the statuses each may start from. */
const REVIEW_FROM: Record<'VERIFY_OK' | 'VERIFY_FAIL' | 'DISPATCH', CardStatus[]> = {
  VERIFY_OK: ['CARD_STATUS_NOT_VERIFY'],
  VERIFY_FAIL: ['CARD_STATUS_NOT_VERIFY'],
  DISPATCH: ['CARD_STATUS_VERIFY_OK'],
};
export type ReviewResult = keyof typeof REVIEW_FROM;

/**
 * What WeChat staff do in reality: pass (VERIFY_OK) or refuse (VERIFY_FAIL) a card under review,
 * or dispatch a passed card in the MP platform (DISPATCH). Anything else answers 40078.
 */
export function reviewCard(state: WechatState, cardId: string, result: ReviewResult, now: Seconds, reason?: string): Card {
  const card = state.cardsById.get(cardId);
  if (!card) throw wx('40073');
  if (!REVIEW_FROM[result].includes(card.status)) throw wx('40078');
  card.status = `CARD_STATUS_${result}`;
  card.refuseReason = result === 'VERIFY_FAIL' ? (reason ?? 'refused in the sandbox') : undefined;
  card.updateTime = now;
  return card;
}
