import type { WechatErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';
import { findCard } from './cards.js';
import { EventKind } from './events.js';
import { CodeState, FREE_COUPON_TYPE_NUMBER, type App, type Card, type Seconds, type WechatState } from './model.js';
import { formatDay, parseDay, shanghaiDay as shanghaiDayMs } from '../shanghai-time.js';

/** The Shanghai day of a WeChat time (seconds). */
const shanghaiDay = (seconds: number) => shanghaiDayMs(seconds * 1000);
import { effectiveState } from './validity.js';

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);

/** Longest range a datacube query may span, in days (vendor doc). */
export const MAX_RANGE_DAYS = 62;

export interface DatacubeRequest {
  begin_date?: string;
  end_date?: string;
  cond_source?: number;
  card_id?: string;
}

/**
 * The inclusive day range of a datacube query. 61500 "date format error" unless both dates are
 * strictly YYYY-MM-DD real calendar dates; 61501 "date range error" when the range is inverted,
 * longer than 62 days, or reaches today or later (WeChat only serves finished Shanghai days).
 */
export function dayRange(request: DatacubeRequest, now: Seconds): { first: number; last: number } {
  if (request.begin_date === undefined || request.end_date === undefined) throw wx('41011');
  const first = parseDay(request.begin_date);
  const last = parseDay(request.end_date);
  if (first === undefined || last === undefined) throw wx('61500');
  if (last < first || last - first + 1 > MAX_RANGE_DAYS || last >= shanghaiDay(now)) throw wx('61501');
  return { first, last };
}

/** Counters of one datacube row; `*_user` are distinct users. */
class Tally {
  cnt = [0, 0, 0, 0, 0, 0, 0];
  users: Set<string>[] = [new Set(), new Set(), new Set(), new Set(), new Set(), new Set(), new Set()];
  anon = [0, 0, 0, 0, 0, 0, 0];

  add(kind: number, user: string | undefined, count: number): void {
    this.cnt[kind]! += count;
    if (user === undefined) this.anon[kind]! += count;
    else this.users[kind]!.add(user);
  }

  count(kind: number): number {
    return this.cnt[kind]!;
  }

  distinct(kind: number): number {
    return this.users[kind]!.size + this.anon[kind]!;
  }
}

/** Expiries are not logged events: they are read from the code table (slot after the event kinds). */
const EXPIRE = 6;

/**
 * Aggregates the event log and code expiries of the selected cards over [first, last], grouped by
 * Shanghai day (and by card when `perCard`). Only groups with activity exist: rows are sparse.
 */
function aggregate(
  state: Readonly<WechatState>,
  cards: Card[],
  first: number,
  last: number,
  now: Seconds,
  perCard: boolean,
): Map<string, { day: number; card: Card; tally: Tally }> {
  const selected = new Set(cards.map((c) => c.serial));
  const groups = new Map<string, { day: number; card: Card; tally: Tally }>();
  const tally = (day: number, serial: number) => {
    const key = perCard ? `${day}:${serial}` : `${day}`;
    let g = groups.get(key);
    if (!g) {
      g = { day, card: state.cards[serial]!, tally: new Tally() };
      groups.set(key, g);
    }
    return g.tally;
  };
  const log = state.events;
  for (let i = 0; i < log.length; i++) {
    if (!selected.has(log.card[i]!)) continue;
    const day = shanghaiDay(log.at[i]!);
    if (day < first || day > last) continue;
    tally(day, log.card[i]!).add(log.kind[i]!, log.user[i], log.count[i]!);
  }
  const codes = state.codes;
  for (let row = 0; row < codes.size; row++) {
    const serial = codes.card[row]!;
    if (!selected.has(serial)) continue;
    const effective = effectiveState(state, row, now);
    if (effective.state !== CodeState.EXPIRE) continue;
    const day = shanghaiDay(effective.since);
    if (day < first || day > last) continue;
    const owner = codes.owner[row]!;
    tally(day, serial).add(EXPIRE, owner >= 0 ? state.users[owner]!.openid : `bulk:${row}`, 1);
  }
  return groups;
}

function sorted<T extends { day: number; card: Card }>(groups: Map<string, T>): T[] {
  return [...groups.values()].sort((a, b) => a.day - b.day || a.card.serial - b.card.serial);
}

function appCards(state: Readonly<WechatState>, app: App, keep: (card: Card) => boolean): Card[] {
  return app.cards.map((s) => state.cards[s]!).filter(keep);
}

const bySource = (cond: number | undefined) => (card: Card) => cond === undefined || card.source === cond;

function counters(t: Tally) {
  return {
    view_cnt: t.count(EventKind.VIEW),
    view_user: t.distinct(EventKind.VIEW),
    receive_cnt: t.count(EventKind.RECEIVE),
    receive_user: t.distinct(EventKind.RECEIVE),
    verify_cnt: t.count(EventKind.VERIFY),
    verify_user: t.distinct(EventKind.VERIFY),
  };
}

/**
 * Counters real rows carry beyond the docs (VENDOR-BEHAVIOUR.md B.6, rocye/wx-idk real responses), in the
 * order WeChat sends them. They count activity on Friend's Vouchers (朋友的券), a channel the
 * sandbox has no way to produce, so they are 0 — as in every real row seen, gifts included.
 */
const FRIENDS_COUNTERS = {
  view_friends_cnt: 0,
  view_friends_user: 0,
  receive_friends_cnt: 0,
  receive_friends_user: 0,
  verify_friends_cnt: 0,
  verify_friends_user: 0,
} as const;

/** datacube/getcardbizuininfo: the app's daily totals over all its cards of one source. */
export function bizSummary(state: Readonly<WechatState>, app: App, request: DatacubeRequest, now: Seconds) {
  const { first, last } = dayRange(request, now);
  const groups = aggregate(state, appCards(state, app, bySource(request.cond_source)), first, last, now, false);
  return {
    list: sorted(groups).map(({ day, tally: t }) => ({
      ref_date: formatDay(day),
      ...counters(t),
      given_cnt: t.count(EventKind.GIVEN),
      given_user: t.distinct(EventKind.GIVEN),
      expire_cnt: t.count(EXPIRE),
      expire_user: t.distinct(EXPIRE),
      ...FRIENDS_COUNTERS,
    })),
  };
}

/**
 * datacube/getcardcardinfo: daily rows per free coupon (discount, cash, gift, general, groupon).
 * Rows carry the undocumented fields real rows carry (VENDOR-BEHAVIOUR.md B.6), in WeChat's order: `is_pay`
 * 0 (free coupons), `verify_noself_*` (redemptions of a Friend's Voucher by someone other than the
 * holder) and `isfriendscard` 0, since the sandbox has no Friend's Vouchers.
 */
export function freeCouponStats(state: Readonly<WechatState>, app: App, request: DatacubeRequest, now: Seconds) {
  const { first, last } = dayRange(request, now);
  const only = request.card_id ? findCard(state, app, request.card_id) : undefined;
  const cards = appCards(state, app, (c) => bySource(request.cond_source)(c) && FREE_COUPON_TYPE_NUMBER[c.cardType] !== undefined && (!only || c === only));
  const groups = aggregate(state, cards, first, last, now, true);
  return {
    list: sorted(groups).map(({ day, card, tally: t }) => ({
      ref_date: formatDay(day),
      card_id: card.cardId,
      card_type: FREE_COUPON_TYPE_NUMBER[card.cardType]!,
      is_pay: 0,
      ...counters(t),
      given_cnt: t.count(EventKind.GIVEN),
      given_user: t.distinct(EventKind.GIVEN),
      expire_cnt: t.count(EXPIRE),
      expire_user: t.distinct(EXPIRE),
      verify_noself_cnt: 0,
      verify_noself_user: 0,
      isfriendscard: 0,
    })),
  };
}

/**
 * Member totals as of the end of `day`: everyone who ever received one of the cards, and those of
 * them who have not left (deleted the card or had it set unavailable).
 */
function memberTotals(state: Readonly<WechatState>, cards: Card[], day: number): { total_user: number; total_receive_user: number } {
  const selected = new Set(cards.map((c) => c.serial));
  const received = new Set<string>();
  const dropped = new Set<string>();
  let anonymous = 0;
  const log = state.events;
  for (let i = 0; i < log.length; i++) {
    if (!selected.has(log.card[i]!) || shanghaiDay(log.at[i]!) > day) continue;
    const kind = log.kind[i];
    const user = log.user[i];
    if (kind === EventKind.RECEIVE) {
      if (user === undefined) anonymous += log.count[i]!;
      else received.add(user);
    } else if (kind === EventKind.DROP && user !== undefined) dropped.add(user);
  }
  let stayed = 0;
  for (const user of received) if (!dropped.has(user)) stayed++;
  return { total_user: stayed + anonymous, total_receive_user: received.size + anonymous };
}

const isMember = (c: Card) => c.cardType === 'MEMBER_CARD';

/** datacube/getcardmembercardinfo: daily totals over the app's member cards of one source. */
export function memberSummary(state: Readonly<WechatState>, app: App, request: DatacubeRequest, now: Seconds) {
  const { first, last } = dayRange(request, now);
  const cards = appCards(state, app, (c) => isMember(c) && bySource(request.cond_source)(c));
  const groups = aggregate(state, cards, first, last, now, false);
  return {
    list: sorted(groups).map(({ day, tally: t }) => ({
      ref_date: formatDay(day),
      ...counters(t),
      active_user: t.distinct(EventKind.ACTIVATE),
      ...memberTotals(state, cards, day),
    })),
  };
}

/** datacube/getcardmembercarddetail: daily rows of one member card (41012 without card_id). */
export function memberCardDetail(state: Readonly<WechatState>, app: App, request: DatacubeRequest, now: Seconds) {
  const { first, last } = dayRange(request, now);
  const card = findCard(state, app, request.card_id);
  if (!isMember(card)) throw wx('40073');
  const groups = aggregate(state, [card], first, last, now, true);
  return {
    list: sorted(groups).map(({ day, tally: t }) => ({
      ref_date: formatDay(day),
      merchanttype: 1,
      cardid: card.cardId,
      submerchantid: 0,
      ...counters(t),
      active_cnt: t.count(EventKind.ACTIVATE),
      active_user: t.distinct(EventKind.ACTIVATE),
      total_user: memberTotals(state, [card], day).total_user,
      new_user: newMembers(state, card, day),
      payOriginalFee: 0,
      fee: 0,
    })),
  };
}

/** Users whose first receipt of the card fell on `day`. */
function newMembers(state: Readonly<WechatState>, card: Card, day: number): number {
  const firstDay = new Map<string, number>();
  let anonymous = 0;
  const log = state.events;
  for (let i = 0; i < log.length; i++) {
    if (log.card[i] !== card.serial || log.kind[i] !== EventKind.RECEIVE) continue;
    const d = shanghaiDay(log.at[i]!);
    const user = log.user[i];
    if (user === undefined) {
      if (d === day) anonymous += log.count[i]!;
    } else firstDay.set(user, Math.min(firstDay.get(user) ?? Infinity, d));
  }
  let n = anonymous;
  for (const d of firstDay.values()) if (d === day) n++;
  return n;
}
