import type { WechatErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';
import { assertNotDeleted, findCard, toSeconds } from './cards.js';
import { CARD_TYPES, type App, type Card, type CardType, type Seconds, type WechatState } from './model.js';
import { settle } from './validity.js';
import { clone } from '../undo-log.js';

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * base_info fields card/update accepts, and whether changing them sends the card back to review
 * (the EN doc's "Review Required" column: logo, notice, description and colour need review).
 */
export const BASE_INFO_UPDATABLE: Readonly<Record<string, { review: boolean }>> = {
  logo_url: { review: true },
  notice: { review: true },
  description: { review: true },
  color: { review: true },
  service_phone: { review: false },
  location_id_list: { review: false },
  center_title: { review: false },
  center_sub_title: { review: false },
  center_url: { review: false },
  custom_url_name: { review: false },
  custom_url: { review: false },
  custom_url_sub_title: { review: false },
  promotion_url_name: { review: false },
  promotion_url: { review: false },
  promotion_url_sub_title: { review: false },
  code_type: { review: false },
  get_limit: { review: false },
  can_share: { review: false },
  can_give_friend: { review: false },
  date_info: { review: false },
};

/** advanced_info fields (EN doc): usage limits and share rules need review, display texts do not. */
export const ADVANCED_INFO_UPDATABLE: Readonly<Record<string, { review: boolean }>> = {
  time_limit: { review: true },
  consume_share_self_num: { review: true },
  consume_share_card_list: { review: true },
  abstract: { review: false },
  text_image_list: { review: false },
  business_service: { review: false },
};

/** Type-specific fields card/update accepts (outside base_info), per card type. */
export const TYPE_UPDATABLE: Readonly<Partial<Record<CardType, Readonly<Record<string, { review: boolean }>>>>> = {
  MEMBER_CARD: {
    bonus_cleared: { review: false },
    bonus_rules: { review: false },
    balance_rules: { review: false },
    prerogative: { review: true },
    custom_field1: { review: false },
    custom_field2: { review: false },
    custom_field3: { review: false },
    custom_cell1: { review: false },
  },
  MOVIE_TICKET: { detail: { review: true } },
  BOARDING_PASS: {
    departure_time: { review: false },
    landing_time: { review: false },
    gate: { review: false },
    boarding_time: { review: false },
  },
  SCENIC_TICKET: { guide_url: { review: false } },
  MEETING_TICKET: { map_url: { review: false } },
};

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface UpdateCardRequest extends Json {
  card_id?: string;
}

/** One change card/update will make, computed before anything is written. */
interface Change {
  apply: () => void;
  review: boolean;
}

/**
 * card/update. The card's fields are named under a card-type key; SDKs that always use
 * `member_card` are tolerated (VENDOR-BEHAVIOUR.md E): base_info and advanced_info apply whatever the key,
 * type-specific fields must belong to the card's real type. A field card/update cannot change
 * (brand_name, title, sku...) fails the whole update with 40150; date_info may only widen a
 * DATE_TYPE_FIX_TIME_RANGE window (40100). `send_check` is true exactly when a field needing
 * review changed value; the card then goes back to CARD_STATUS_NOT_VERIFY.
 */
export function updateCard(state: WechatState, app: App, request: UpdateCardRequest, now: Seconds): { send_check: boolean } {
  const card = findCard(state, app, request.card_id);
  assertNotDeleted(card);
  const others = Object.keys(request).filter((k) => k !== 'card_id');
  const keys = others.filter((k) => CARD_TYPES.includes(k.toUpperCase() as CardType));
  if (others.length > keys.length) throw wx('40071');
  if (keys.length === 0) throw wx('41011');
  if (keys.length > 1) throw wx('40150');
  const update = request[keys[0]!];
  if (!isObject(update)) throw wx('47001');

  const changes: Change[] = [];
  let dateChange: { begin: number; end: number } | undefined;
  for (const [field, value] of Object.entries(update)) {
    if (field === 'base_info') {
      if (!isObject(value)) throw wx('47001');
      for (const [name, v] of Object.entries(value)) {
        const rule = BASE_INFO_UPDATABLE[name];
        if (!rule) throw wx('40150');
        if (name === 'date_info') {
          dateChange = widenedDates(card, v);
          continue;
        }
        if (name === 'get_limit' && (typeof v !== 'number' || !Number.isInteger(v) || v < 0)) throw wx('47001');
        const current = name === 'get_limit' ? card.getLimit : card.body.base_info[name];
        if (same(current, v)) continue;
        changes.push({ review: rule.review, apply: () => setBase(card, name, v) });
      }
    } else if (field === 'advanced_info') {
      if (!isObject(value)) throw wx('47001');
      const current = (card.body.advanced_info ?? {}) as Json;
      for (const [name, v] of Object.entries(value)) {
        const rule = ADVANCED_INFO_UPDATABLE[name];
        if (!rule) throw wx('40150');
        if (same(current[name], v)) continue;
        changes.push({
          review: rule.review,
          apply: () => {
            card.body.advanced_info = { ...((card.body.advanced_info ?? {}) as Json), [name]: clone(v) };
          },
        });
      }
    } else {
      const rule = TYPE_UPDATABLE[card.cardType]?.[field];
      if (!rule) throw wx('40150');
      if (same(card.body[field], value)) continue;
      changes.push({ review: rule.review, apply: () => (card.body[field] = clone(value)) });
    }
  }

  // Everything is checked: now apply (no half-applied update).
  if (dateChange) {
    const { begin, end } = dateChange;
    if (begin !== card.dateInfo.begin_timestamp || end !== card.dateInfo.end_timestamp) {
      // Codes that already expired stay expired: their lazily computed state is written first.
      for (let row = 0; row < state.codes.size; row++) if (state.codes.card[row] === card.serial) settle(state, row, now);
      changes.push({ review: false, apply: () => (card.dateInfo = { ...card.dateInfo, begin_timestamp: begin, end_timestamp: end }) });
    }
  }
  const sendCheck = changes.some((c) => c.review);
  for (const change of changes) change.apply();
  if (changes.length > 0) card.updateTime = now;
  if (sendCheck) card.status = 'CARD_STATUS_NOT_VERIFY';
  return { send_check: sendCheck };
}

function setBase(card: Card, name: string, value: unknown): void {
  if (name === 'get_limit') {
    card.getLimit = value === 0 ? card.totalQuantity : (value as number);
    return;
  }
  card.body.base_info[name] = clone(value);
  if (name === 'can_give_friend') card.canGiveFriend = value !== false;
}

/**
 * The new validity window of a date_info update, or 40100: only DATE_TYPE_FIX_TIME_RANGE cards,
 * same type, begin may only move earlier and end only later.
 */
function widenedDates(card: Card, raw: unknown): { begin: number; end: number } {
  if (!isObject(raw)) throw wx('47001');
  const type = raw.type === 1 ? 'DATE_TYPE_FIX_TIME_RANGE' : raw.type;
  const old = card.dateInfo;
  if (old.type !== 'DATE_TYPE_FIX_TIME_RANGE' || type !== old.type) throw wx('40100');
  const begin = raw.begin_timestamp === undefined ? old.begin_timestamp! : toSeconds(raw.begin_timestamp);
  const end = raw.end_timestamp === undefined ? old.end_timestamp! : toSeconds(raw.end_timestamp);
  if (begin === undefined || end === undefined) throw wx('47001');
  if (begin > old.begin_timestamp! || end < old.end_timestamp!) throw wx('40100');
  return { begin, end };
}
