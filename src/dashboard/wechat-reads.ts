import { errorEntry } from '../errors/catalogue.js';
import { renderCard } from '../engine/wechat/card-view.js';
import { BULK_OWNER, rowOfBulkOpenid } from '../engine/wechat/code-table.js';
import { getCode } from '../engine/wechat/codes.js';
import { holderOf } from '../engine/wechat/code-lookup.js';
import { CODE_STATE_NAMES, CodeState, type App, type Card, type Seconds, type WechatState } from '../engine/wechat/model.js';
import { effectiveState, validityWindow } from '../engine/wechat/validity.js';
import { VendorError } from '../engine/vendor-error.js';
import type { ActionField, EntityAction, EntityPage, ListPage, VendorOverview } from './view-model.js';

type S = Readonly<WechatState>;
type Window = { offset: number; limit: number };

const titleOf = (card: Card) => (typeof card.body.base_info.title === 'string' ? card.body.base_info.title : '');

/** Cards by review status, codes by the `user_card_status` card/code/get would answer now. */
export function wechatOverview(s: S, now: Seconds): VendorOverview {
  const cards: Record<string, number> = {};
  for (const card of s.cards) cards[card.status] = (cards[card.status] ?? 0) + 1;
  const byState = new Array<number>(CODE_STATE_NAMES.length).fill(0);
  const table = s.codes;
  for (let row = 0; row < table.size; row++) {
    const stored = table.state[row]!;
    // Only live codes can have moved on with the clock (expiry, gift timeout).
    const state = stored === CodeState.NORMAL || stored === CodeState.GIFTING || stored === CodeState.GIFT_TIMEOUT ? effectiveState(s, row, now).state : stored;
    byState[state]! += 1;
  }
  const codes: Record<string, number> = {};
  byState.forEach((n, state) => n > 0 && (codes[CODE_STATE_NAMES[state]!] = n));
  return {
    vendor: 'wechat',
    title: 'WeChat Cards & Offers',
    counts: [
      { label: 'Cards by review status', values: cards },
      { label: 'Codes by user_card_status', values: codes },
      { label: 'Users', values: { users: s.users.length, 'bulk codes': s.bulkCodes } },
    ],
    lists: ['cards', 'codes'],
  };
}

function cardRow(card: Card, s: S): ListPage['rows'][number] {
  return {
    ref: { kind: 'card', id: card.cardId },
    cells: {
      card_id: card.cardId,
      title: titleOf(card),
      card_type: card.cardType,
      status: card.status,
      quantity: card.quantity,
      appid: s.apps[card.app]!.appid,
    },
  };
}

function codeRow(s: S, row: number, now: Seconds): ListPage['rows'][number] {
  const card = s.cards[s.codes.card[row]!]!;
  const code = s.codes.code[row]!;
  return {
    ref: { kind: 'code', id: code, params: { card_id: card.cardId } },
    cells: {
      code,
      card_id: card.cardId,
      title: titleOf(card),
      openid: holderOf(s, row),
      user_card_status: CODE_STATE_NAMES[effectiveState(s, row, now).state]!,
    },
  };
}

/** Cards: all of them, or those whose card_id or title contains the query (a handful per world). */
export function wechatCards(s: S, q: string | undefined, window: Window): ListPage {
  const needle = q?.trim().toLowerCase();
  const found = needle ? s.cards.filter((c) => c.cardId.toLowerCase().includes(needle) || titleOf(c).toLowerCase().includes(needle)) : s.cards;
  return {
    kind: 'cards',
    searchBy: ['card_id or title'],
    q,
    total: found.length,
    ...window,
    columns: ['card_id', 'title', 'card_type', 'status', 'quantity', 'appid'],
    rows: found.slice(window.offset, window.offset + window.limit).map((c) => cardRow(c, s)),
  };
}

export const CODE_SEARCH = ['code', 'openid', 'card'] as const;

/**
 * Codes through the engine's indexes: by code (each app's code map), by openid (the user's rows, or
 * the row a bulk openid names), by card (one pass over the card column, a typed array). With no
 * query, rows in the table's order.
 */
export function wechatCodes(s: S, q: string | undefined, by: string | undefined, window: Window, now: Seconds): ListPage {
  const query = q?.trim() ?? '';
  const base = { kind: 'codes' as const, searchBy: [...CODE_SEARCH], q, ...window, columns: ['code', 'card_id', 'title', 'openid', 'user_card_status'] };
  const page = (rows: number[], total: number, used?: string): ListPage => ({ ...base, by: used, total, rows: rows.map((row) => codeRow(s, row, now)) });
  if (query === '') {
    const rows: number[] = [];
    for (let row = window.offset; row < Math.min(s.codes.size, window.offset + window.limit); row++) rows.push(row);
    return page(rows, s.codes.size);
  }
  const tries = by && (CODE_SEARCH as readonly string[]).includes(by) ? [by] : [...CODE_SEARCH];
  for (const field of tries) {
    if (field === 'card') {
      const found = rowsOfCard(s, query, window);
      if (found) return page(found.rows, found.total, field);
      continue;
    }
    const rows = field === 'code' ? rowsOfCode(s, query) : rowsOfOpenid(s, query);
    if (rows) return page(rows.slice(window.offset, window.offset + window.limit), rows.length, field);
  }
  return page([], 0, by);
}

function rowsOfCode(s: S, code: string): number[] | undefined {
  const rows = s.apps.map((app) => app.codes.get(code)).filter((row): row is number => row !== undefined);
  return rows.length > 0 ? rows : undefined;
}

function rowsOfOpenid(s: S, openid: string): number[] | undefined {
  const bulk = rowOfBulkOpenid(openid);
  if (bulk !== undefined && bulk < s.codes.size && s.codes.owner[bulk] === BULK_OWNER) return [bulk];
  const rows = s.apps.flatMap((app) => app.users.get(openid)?.rows ?? []);
  return rows.length > 0 ? rows : undefined;
}

/**
 * One pass over the card column, a typed array: it counts the card's codes and keeps only the rows
 * of the window asked for (a few milliseconds for a million codes; no operation needs a per-card
 * index, so the engine keeps none).
 */
function rowsOfCard(s: S, cardId: string, window: Window): { rows: number[]; total: number } | undefined {
  const card = s.cardsById.get(cardId);
  if (!card) return undefined;
  const rows: number[] = [];
  const column = s.codes.card;
  const serial = card.serial;
  const end = window.offset + window.limit;
  let total = 0;
  for (let row = 0; row < s.codes.size; row++) {
    if (column[row] !== serial) continue;
    if (total >= window.offset && total < end) rows.push(row);
    total++;
  }
  return { rows, total };
}

const control = (label: string, path: string, body: Record<string, unknown>, ask?: ActionField[]): EntityAction => ({
  label,
  kind: 'control',
  path: `/_sandbox/wechat/${path}`,
  body,
  ...(ask && { ask }),
});

function firstOtherUser(app: App, not: string): string {
  for (const user of app.users.values()) if (user.openid !== not) return user.openid;
  return 'o-sandbox-friend';
}

/** A card's page: card/get's `card`, its codes, and review / give / view. */
export function wechatCard(s: S, cardId: string, now: Seconds): EntityPage | undefined {
  const card = s.cardsById.get(cardId);
  if (!card) return undefined;
  const app = s.apps[card.app]!;
  const window = validityWindow(card, now);
  const user = app.users.values().next().value?.openid ?? 'o-sandbox-user';
  const codes = wechatCodes(s, cardId, 'card', { offset: 0, limit: 20 }, now);
  return {
    ref: { kind: 'card', id: cardId },
    vendor: 'wechat',
    title: `${titleOf(card)} (${card.cardType})`,
    state: card.status,
    facts: {
      appid: app.appid,
      quantity: card.quantity,
      total_quantity: card.totalQuantity,
      date_type: card.dateInfo.type,
      'valid from (received now)': window.begin,
      'valid until (received now)': Number.isFinite(window.end) ? window.end : 'permanent',
      codes: codes.total,
      ...(card.refuseReason !== undefined && { refuse_reason: card.refuseReason }),
    },
    fields: { card: renderCard(card) },
    fieldsFrom: 'wechat.card-get',
    related: [{ label: `Codes of this card (${codes.total}, first 20)`, rows: codes.rows, columns: codes.columns }],
    actions: [
      control('Give a code', 'give-code', { card_id: cardId }, [{ name: 'openid', label: 'To openid', value: user }]),
      control('User views the card', 'view-card', { card_id: cardId }, [{ name: 'openid', label: 'Viewer openid', value: user }]),
      control('Review: pass', 'review', { card_id: cardId, result: 'VERIFY_OK' }),
      control('Review: fail', 'review', { card_id: cardId, result: 'VERIFY_FAIL' }, [{ name: 'reason', label: 'Reason', value: 'refused in the dashboard' }]),
    ],
    historyQuery: cardId,
  };
}

/** A code's page: card/code/get's answer (check_consume false), and every action on a code. */
export function wechatCode(s: S, code: string, cardId: string | undefined, now: Seconds): EntityPage | undefined {
  const rows = rowsOfCode(s, code)?.filter((row) => cardId === undefined || s.cards[s.codes.card[row]!]!.cardId === cardId);
  const row = rows?.[0];
  if (row === undefined) return undefined;
  const card = s.cards[s.codes.card[row]!]!;
  const app = s.apps[card.app]!;
  let fields: unknown;
  try {
    fields = { errcode: 0, errmsg: 'ok', ...getCode(s, app, { code, card_id: card.cardId, check_consume: false }, now) };
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    const entry = errorEntry('wechat', error.key as never);
    fields = { errcode: entry.code, errmsg: entry.message };
  }
  const effective = effectiveState(s, row, now);
  const window = validityWindow(card, s.codes.anchor[row]!);
  const holder = holderOf(s, row);
  const target = { code, card_id: card.cardId };
  const operation = (label: string, op: string, input: Record<string, unknown>, ask?: ActionField[]): EntityAction => ({
    label,
    kind: 'operation',
    operation: op,
    as: app.appid,
    input,
    ...(ask && { ask }),
  });
  return {
    ref: { kind: 'code', id: code, params: { card_id: card.cardId } },
    vendor: 'wechat',
    title: `Code ${code}`,
    state: CODE_STATE_NAMES[effective.state]!,
    facts: {
      card_id: card.cardId,
      card: titleOf(card),
      appid: app.appid,
      openid: holder,
      received_at: s.codes.anchor[row]!,
      valid_from: window.begin,
      valid_until: Number.isFinite(window.end) ? window.end : 'permanent',
      state_since: effective.since,
    },
    fields,
    fieldsFrom: 'wechat.code-get',
    related: [{ label: 'Card', rows: [cardRow(card, s)], columns: ['card_id', 'title', 'card_type', 'status', 'quantity', 'appid'] }],
    actions: [
      operation('Consume', 'wechat.code-consume', target),
      operation('Make unavailable', 'wechat.code-unavailable', target, [{ name: 'reason', label: 'Reason', value: 'made unavailable in the dashboard' }]),
      control('User views the card', 'view-card', { card_id: card.cardId, openid: holder }),
      control('Gift to a friend', 'gift-code', target),
      control('Friend accepts the gift', 'accept-gift', target, [{ name: 'friend_openid', label: 'Friend openid', value: firstOtherUser(app, holder) }]),
      control('Gift times out', 'gift-timeout', target),
      control('User deletes it', 'delete-code', target),
      ...(card.cardType === 'MEMBER_CARD' ? [control('Activate member card', 'activate-member-card', target)] : []),
    ],
    historyQuery: code,
  };
}
