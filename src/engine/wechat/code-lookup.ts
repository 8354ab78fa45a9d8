import type { WechatErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';
import { BULK_OWNER, bulkOpenid } from './code-table.js';
import { findCard } from './cards.js';
import { CodeState, type App, type Card, type User, type WechatState } from './model.js';

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);

/** A code named by a request: `code` and, for custom-code cards, `card_id`. */
export interface CodeRef {
  code?: string;
  card_id?: string;
}

/**
 * The row of an app's code (a missing or empty code is 41013, decided by the request schema). 40073 for a card_id that is not the app's;
 * 40056 "invalid serial code" for an unknown code, a code of another card, or a code a friend
 * took over by accepting a gift; 41012 when a custom-code card's code comes without its card_id
 * (unless `cardIdOptional`, for the sandbox's own control actions).
 */
export function findCode(state: Readonly<WechatState>, app: App, ref: CodeRef, cardIdOptional = false): { row: number; card: Card } {
  const named = ref.card_id === undefined || ref.card_id === '' ? undefined : findCard(state, app, ref.card_id);
  const row = typeof ref.code === 'string' ? app.codes.get(ref.code) : undefined;
  if (row === undefined) throw wx('40056');
  const card = state.cards[state.codes.card[row]!]!;
  if (named && named !== card) throw wx('40056');
  if (!named && card.useCustomCode && !cardIdOptional) throw wx('41012');
  if (state.codes.state[row] === CodeState.GIFTED) throw wx('40056');
  return { row, card };
}

/** The openid holding a row. */
export function holderOf(state: Readonly<WechatState>, row: number): string {
  const owner = state.codes.owner[row]!;
  return owner === BULK_OWNER ? bulkOpenid(row) : state.users[owner]!.openid;
}

/** The app's user with this openid, created on first sight (a user who opens the app's card). */
export function ensureUser(state: WechatState, app: App, openid: string, nickname = ''): User {
  let user = app.users.get(openid);
  if (!user) {
    user = { serial: state.users.length, openid, app: app.serial, rows: [], nickname };
    state.users.push(user);
    app.users.set(openid, user);
  }
  return user;
}

/** A fresh 12-digit code not used in the app yet. */
export function uniqueCode(state: WechatState, app: App, make: () => string): string {
  let code = make();
  while (app.codes.has(code)) code = make();
  return code;
}
