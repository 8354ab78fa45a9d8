import type { WechatErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';
import { BULK_OWNER, rowOfBulkOpenid } from './code-table.js';
import { findCode, holderOf, type CodeRef } from './code-lookup.js';
import { findCard } from './cards.js';
import { EventKind } from './events.js';
import { CODE_STATE_NAMES, CodeState, type App, type Card, type Seconds, type UserCardStatus, type WechatState } from './model.js';
import { effectiveState, settle, validityWindow } from './validity.js';

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);

/**
 * States a holder can redeem in. GIFT_TIMEOUT counts: an unclaimed gift returns to the giver's
 * wallet, usable again (the sandbox's reading of the docs' silence).
 */
export function isUsable(state: CodeState): boolean {
  return state === CodeState.NORMAL || state === CodeState.GIFT_TIMEOUT;
}

/** The error a non-redeemable code answers: 40099 once consumed, 40127 for every other state. */
export function unusableError(state: CodeState): VendorError {
  return wx(state === CodeState.CONSUMED ? '40099' : '40127');
}

/** The card window WeChat reports for a code (`end_time` 0 for permanent member cards). */
function reportedWindow(card: Card, anchor: number): { begin_time: number; end_time: number } {
  const w = validityWindow(card, anchor);
  return { begin_time: w.begin, end_time: Number.isFinite(w.end) ? w.end : 0 };
}

export interface CodeGetRequest extends CodeRef {
  check_consume?: boolean;
}

export interface CodeGetResponse {
  card: { card_id: string; begin_time: number; end_time: number; code: string };
  openid: string;
  can_consume: boolean;
  user_card_status: UserCardStatus;
  outer_str?: string;
}

/**
 * card/code/get. With `check_consume` true (the default) a code that cannot be redeemed is an error
 * (40099 consumed, 40127 otherwise); with false the status is reported with `can_consume: false`.
 * Unknown codes and codes taken over by a friend answer 40056 either way.
 */
export function getCode(state: Readonly<WechatState>, app: App, request: CodeGetRequest, now: Seconds): CodeGetResponse {
  const { row, card } = findCode(state, app, request);
  const codes = state.codes;
  const effective = effectiveState(state, row, now);
  if (request.check_consume !== false && !isUsable(effective.state)) throw unusableError(effective.state);
  const window = reportedWindow(card, codes.anchor[row]!);
  const outerStr = codes.extra.get(row)?.outerStr;
  return {
    card: { card_id: card.cardId, ...window, code: codes.code[row]! },
    openid: holderOf(state, row),
    can_consume: isUsable(effective.state) && now >= window.begin_time,
    user_card_status: CODE_STATE_NAMES[effective.state] as UserCardStatus,
    ...(outerStr !== undefined ? { outer_str: outerStr } : {}),
  };
}

/**
 * card/code/consume: NORMAL (or returned gift) -> CONSUMED, once. Member cards are not consumed
 * this way (40071, as reported by developers); a code whose validity has not begun answers 40127.
 */
export function consumeCode(state: WechatState, app: App, request: CodeRef, now: Seconds): { card: { card_id: string }; openid: string } {
  const { row, card } = findCode(state, app, request);
  if (card.cardType === 'MEMBER_CARD') throw wx('40071');
  const current = settle(state, row, now);
  if (!isUsable(current)) throw unusableError(current);
  if (now < validityWindow(card, state.codes.anchor[row]!).begin) throw wx('40127');
  state.codes.setState(row, CodeState.CONSUMED, now);
  const openid = holderOf(state, row);
  state.events.record(now, EventKind.VERIFY, card.serial, openid);
  return { card: { card_id: card.cardId }, openid };
}

/** card/code/unavailable: irreversible. Consumed codes answer 40099; deleted, expired or already unavailable ones 40127. */
export function makeUnavailable(state: WechatState, app: App, request: CodeRef & { reason?: string }, now: Seconds): void {
  const { row, card } = findCode(state, app, request);
  const current = settle(state, row, now);
  if (current !== CodeState.NORMAL && current !== CodeState.GIFTING && current !== CodeState.GIFT_TIMEOUT) {
    throw unusableError(current);
  }
  state.codes.setState(row, CodeState.UNAVAILABLE, now);
  if (card.cardType === 'MEMBER_CARD') state.events.record(now, EventKind.DROP, card.serial, holderOf(state, row));
}

export interface CodeUpdateRequest extends CodeRef {
  new_code?: string;
  /** What several real SDKs send instead of `new_code`. */
  newcode?: string;
}

/**
 * card/code/update: renames a code of a custom-code card (the doc allows it only to custom-code
 * merchants; other cards answer 45030). The old code then answers 40056. A new code already used
 * in the app answers 40116.
 */
export function renameCode(state: WechatState, app: App, request: CodeUpdateRequest, now: Seconds): void {
  const { row, card } = findCode(state, app, request);
  const next = request.new_code ?? request.newcode;
  if (next === undefined || next === '') throw wx('41011');
  if (!card.useCustomCode) throw wx('45030');
  const current = settle(state, row, now);
  if (current !== CodeState.NORMAL && current !== CodeState.GIFTING && current !== CodeState.GIFT_TIMEOUT) {
    throw unusableError(current);
  }
  if (app.codes.has(next)) throw wx('40116');
  app.codes.delete(state.codes.code[row]!);
  app.codes.set(next, row);
  state.codes.rename(row, next);
}

export interface CardListResponse {
  card_list: { code: string; card_id: string }[];
  has_share_card: boolean;
}

/**
 * card/user/getcardlist: the user's usable codes of this app (normal, or not yet effective),
 * optionally of one card. `has_share_card` is true when one of them came from a friend's gift.
 * An openid the app has never seen answers 40003 "invalid openid".
 */
export function listUserCards(state: Readonly<WechatState>, app: App, request: { openid?: string; card_id?: string }, now: Seconds): CardListResponse {
  if (!request.openid) throw wx('41011');
  const only = request.card_id === undefined || request.card_id === '' ? undefined : findCard(state, app, request.card_id);
  let rows: readonly number[];
  const user = app.users.get(request.openid);
  if (user) rows = user.rows;
  else {
    const bulkRow = rowOfBulkOpenid(request.openid);
    const ok =
      bulkRow !== undefined &&
      bulkRow < state.codes.size &&
      state.codes.owner[bulkRow] === BULK_OWNER &&
      state.cards[state.codes.card[bulkRow]!]!.app === app.serial;
    if (!ok) throw wx('40003');
    rows = [bulkRow];
  }
  const list: CardListResponse['card_list'] = [];
  let share = false;
  for (const row of rows) {
    const card = state.cards[state.codes.card[row]!]!;
    if (only && card !== only) continue;
    if (!isUsable(effectiveState(state, row, now).state)) continue;
    list.push({ code: state.codes.code[row]!, card_id: card.cardId });
    if (state.codes.extra.get(row)?.fromCode !== undefined) share = true;
  }
  return { card_list: list, has_share_card: share };
}
