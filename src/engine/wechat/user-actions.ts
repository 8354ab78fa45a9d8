import type { WechatErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';
import { ensureUser, findCode, holderOf, uniqueCode } from './code-lookup.js';
import { isUsable, unusableError } from './codes.js';
import { EventKind } from './events.js';
import { newCode } from './ids.js';
import { CODE_STATE_NAMES, CodeState, type App, type Card, type Seconds, type WechatState } from './model.js';
import { effectiveState, settle, validityWindow } from './validity.js';

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);

/** The card a control action names (any app): 40073 when unknown. */
export function cardById(state: Readonly<WechatState>, cardId: string): Card {
  const card = state.cardsById.get(cardId);
  if (!card) throw wx('40073');
  return card;
}

/** The app a control action acts in: the named appid, else the default (first) app; 40013 if unknown. */
export function appByIdOrDefault(state: Readonly<WechatState>, appid?: string): App {
  const app = appid === undefined ? state.apps[0] : state.appsById.get(appid);
  if (!app) throw wx('40013');
  return app;
}

/** Where a code-level control action looks: the card's app, else `appid`, else the default app. */
export interface CodeTarget {
  code: string;
  card_id?: string;
  appid?: string;
}

/** Where a code stands after a control action. */
export interface CodeView {
  card_id: string;
  code: string;
  openid: string;
  user_card_status: string;
}

function view(state: WechatState, row: number, now: Seconds): CodeView {
  return {
    card_id: state.cards[state.codes.card[row]!]!.cardId,
    code: state.codes.code[row]!,
    openid: holderOf(state, row),
    user_card_status: CODE_STATE_NAMES[effectiveState(state, row, now).state]!,
  };
}

function locate(state: WechatState, target: CodeTarget): { app: App; row: number; card: Card } {
  const app = target.card_id ? state.apps[cardById(state, target.card_id).app]! : appByIdOrDefault(state, target.appid);
  return { app, ...findCode(state, app, target, true) };
}

/** Cards a user can receive: passed review or dispatched (others answer 40078). */
const RECEIVABLE = new Set(['CARD_STATUS_VERIFY_OK', 'CARD_STATUS_DISPATCH']);

export interface GiveCodeInput {
  card_id: string;
  openid: string;
  /** Caller-chosen code: required for custom-code cards, optional otherwise. */
  code?: string;
  outer_str?: string;
}

export interface GivenCode {
  card_id: string;
  code: string;
  openid: string;
  begin_time: number;
  end_time: number;
}

/**
 * A user receives a code of a card (what the "add to wallet" flow does in WeChat). Checks the
 * card's status (40078), custom codes (41013 missing, 40116 taken), stock (45031 when empty) and
 * the per-user get_limit (45033); takes one unit of stock.
 */
export function giveCode(state: WechatState, input: GiveCodeInput, now: Seconds): GivenCode {
  const card = cardById(state, input.card_id);
  const app = state.apps[card.app]!;
  if (!RECEIVABLE.has(card.status)) throw wx('40078');
  if (card.useCustomCode && !input.code) throw wx('41013');
  if (input.code !== undefined && app.codes.has(input.code)) throw wx('40116');
  if (card.quantity <= 0) throw wx('45031');
  const already = card.received.get(input.openid) ?? 0;
  if (already >= card.getLimit) throw wx('45033');

  const user = ensureUser(state, app, input.openid);
  const code = input.code ?? uniqueCode(state, app, () => newCode(state.random));
  const row = state.codes.add(code, card.serial, user.serial, now);
  app.codes.set(code, row);
  user.rows.push(row);
  if (input.outer_str !== undefined) state.codes.extraOf(row).outerStr = input.outer_str;
  card.quantity -= 1;
  card.received.set(input.openid, already + 1);
  state.events.record(now, EventKind.RECEIVE, card.serial, input.openid);
  const window = validityWindow(card, now);
  return { card_id: card.cardId, code, openid: input.openid, begin_time: window.begin, end_time: Number.isFinite(window.end) ? window.end : 0 };
}

/** A user opens a card's page (counted as a view in datacube). Deleted cards answer 40078. */
export function viewCard(state: WechatState, input: { card_id: string; openid: string }, now: Seconds): void {
  const card = cardById(state, input.card_id);
  if (card.status === 'CARD_STATUS_DELETE') throw wx('40078');
  ensureUser(state, state.apps[card.app]!, input.openid);
  state.events.record(now, EventKind.VIEW, card.serial, input.openid);
}

/**
 * The holder starts gifting a code to a friend: usable -> GIFTING. Cards with can_give_friend
 * false answer 45030; consumed codes 40099; other states 40127.
 */
export function startGift(state: WechatState, target: CodeTarget, now: Seconds): CodeView {
  const { row, card } = locate(state, target);
  if (!card.canGiveFriend) throw wx('45030');
  const current = settle(state, row, now);
  if (!isUsable(current)) throw unusableError(current);
  state.codes.setState(row, CodeState.GIFTING, now);
  return view(state, row, now);
}

/**
 * The friend accepts a gift: the friend receives a new code (same card, same validity) and the
 * giver's code answers 40056 from then on. Only a code that is GIFTING can be accepted (40127).
 */
export function acceptGift(state: WechatState, target: CodeTarget & { friend_openid: string }, now: Seconds): GivenCode {
  const { app, row, card } = locate(state, target);
  const current = settle(state, row, now);
  if (current !== CodeState.GIFTING) throw current === CodeState.CONSUMED ? wx('40099') : wx('40127');
  const giver = holderOf(state, row);
  if (giver === target.friend_openid) throw wx('40003');
  const friend = ensureUser(state, app, target.friend_openid);
  const anchor = state.codes.anchor[row]!;
  const code = uniqueCode(state, app, () => newCode(state.random));
  const fresh = state.codes.add(code, card.serial, friend.serial, anchor);
  app.codes.set(code, fresh);
  friend.rows.push(fresh);
  const extra = state.codes.extraOf(fresh);
  extra.fromCode = state.codes.code[row];
  extra.receivedAt = now;
  state.codes.setState(row, CodeState.GIFTED, now);
  state.events.record(now, EventKind.GIVEN, card.serial, giver);
  const window = validityWindow(card, anchor);
  return { card_id: card.cardId, code, openid: friend.openid, begin_time: window.begin, end_time: Number.isFinite(window.end) ? window.end : 0 };
}

/** The gift is not accepted in time: GIFTING -> GIFT_TIMEOUT now (the clock does it after 24 h anyway). */
export function timeoutGift(state: WechatState, target: CodeTarget, now: Seconds): CodeView {
  const { row } = locate(state, target);
  const current = settle(state, row, now);
  if (current !== CodeState.GIFTING) throw current === CodeState.CONSUMED ? wx('40099') : wx('40127');
  state.codes.setState(row, CodeState.GIFT_TIMEOUT, now);
  return view(state, row, now);
}

/** The user deletes the code from the wallet: usable -> DELETE. */
export function deleteByUser(state: WechatState, target: CodeTarget, now: Seconds): CodeView {
  const { row, card } = locate(state, target);
  const current = settle(state, row, now);
  if (!isUsable(current)) throw unusableError(current);
  state.codes.setState(row, CodeState.DELETE, now);
  if (card.cardType === 'MEMBER_CARD') state.events.record(now, EventKind.DROP, card.serial, holderOf(state, row));
  return view(state, row, now);
}

/**
 * The user activates a member card (counted as active in datacube). Other card types answer 40071.
 * `activate: false` only checks that the code is a usable member card (a bonus or balance change).
 */
export function activateMember(state: WechatState, target: CodeTarget, now: Seconds, activate = true): CodeView {
  const { row, card } = locate(state, target);
  if (card.cardType !== 'MEMBER_CARD') throw wx('40071');
  const current = settle(state, row, now);
  if (!isUsable(current)) throw unusableError(current);
  if (!activate) return view(state, row, now);
  const extra = state.codes.extraOf(row);
  if (!extra.activated) {
    extra.activated = true;
    state.events.record(now, EventKind.ACTIVATE, card.serial, holderOf(state, row));
  }
  return view(state, row, now);
}
