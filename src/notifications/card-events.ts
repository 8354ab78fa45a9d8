import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { findCode, holderOf } from '../engine/wechat/code-lookup.js';
import type { App, Card, Seconds, WechatState } from '../engine/wechat/model.js';
import type { World } from '../pipeline/world.js';

/*
 * WeChat card events (VENDOR-BEHAVIOUR.md B.7), created by the rules and control actions at the
 * moment their state change happens, as plain data in the world's outbox. Field names, order and
 * types as WeChat sends them (integers for the 0/1 flags and OuterId).
 */

type Fields = Record<string, string | number>;

/**
 * The account's original id (`gh_` + 12 hex), ToUserName of every push. The sandbox has no such
 * id of its own, so it is derived from the appid: stable across seeds and restarts.
 */
export function originalId(appid: string): string {
  return `gh_${bytesToHex(sha1(new TextEncoder().encode(appid))).slice(0, 12)}`;
}

/** Puts one event in the outbox when the account has push settings. */
function push(world: World, state: Readonly<WechatState>, app: Readonly<App>, openid: string, event: string, now: Seconds, fields: Fields): void {
  const config = state.push.get(app.appid);
  if (!config) return;
  const all: Fields = { ToUserName: originalId(app.appid), FromUserName: openid, CreateTime: now, MsgType: 'event', Event: event, ...fields };
  world.notifications.add({ vendor: 'wechat', event, url: config.url, payload: { config: { ...config }, fields: all } });
}

const appOfCard = (state: Readonly<WechatState>, card: Readonly<Card>) => state.apps[card.app]!;
const cardOf = (state: Readonly<WechatState>, cardId: string) => state.cardsById.get(cardId);
const outerStrOf = (state: Readonly<WechatState>, app: Readonly<App>, code: string) => {
  const row = app.codes.get(code);
  return (row !== undefined && state.codes.extra.get(row)?.outerStr) || '';
};

/** card_pass_check / card_not_pass_check: WeChat staff reviewed a card (ToUserName and FromUserName are the account itself). */
export function cardReviewed(world: World, state: Readonly<WechatState>, cardId: string, result: string, reason: string | undefined, now: Seconds): void {
  const card = cardOf(state, cardId);
  if (!card || (result !== 'VERIFY_OK' && result !== 'VERIFY_FAIL')) return;
  const app = appOfCard(state, card);
  if (result === 'VERIFY_OK') push(world, state, app, originalId(app.appid), 'card_pass_check', now, { CardId: cardId });
  else push(world, state, app, originalId(app.appid), 'card_not_pass_check', now, { CardId: cardId, RefuseReason: reason ?? '' });
}

/** WeChat's definition of "stock running low": more than 200 at creation, now 100 or fewer, at most one reminder per 12 h. */
const SKU_REMIND = { initialAbove: 200, atMost: 100, everySeconds: 12 * 3600 };

/**
 * user_get_card: a user received a code (from the merchant, or as a friend's gift: IsGiveByFriend,
 * FriendUserName, OldUserCardCode). A receipt that leaves the stock low also sends card_sku_remind.
 */
export function codeReceived(
  world: World,
  state: Readonly<WechatState>,
  given: { card_id: string; code: string; openid: string },
  now: Seconds,
  gift?: { giver: string; oldCode: string },
): void {
  const card = cardOf(state, given.card_id);
  if (!card) return;
  const app = appOfCard(state, card);
  push(world, state, app, given.openid, 'user_get_card', now, {
    CardId: given.card_id,
    IsGiveByFriend: gift ? 1 : 0,
    FriendUserName: gift?.giver ?? '',
    UserCardCode: given.code,
    OldUserCardCode: gift?.oldCode ?? '',
    OuterId: 0,
    OuterStr: outerStrOf(state, app, given.code),
    IsRestoreMemberCard: 0,
    IsRecommendByFriend: 0,
    SourceScene: 'SOURCE_SCENE_UNKNOW',
    UnionId: '',
  });
  if (gift || card.totalQuantity <= SKU_REMIND.initialAbove || card.quantity > SKU_REMIND.atMost) return;
  const key = `${app.appid}:${card.cardId}`;
  const last = world.notifications.skuReminded.get(key);
  if (last !== undefined && now - last < SKU_REMIND.everySeconds) return;
  world.notifications.skuReminded.set(key, now);
  push(world, state, app, originalId(app.appid), 'card_sku_remind', now, { CardId: card.cardId, Detail: `the card's quantity is equal to ${card.quantity}` });
}

/** A friend accepted a gift: user_gifting_card for the giver, then user_get_card for the friend. */
export function giftAccepted(
  world: World,
  state: Readonly<WechatState>,
  giver: string,
  oldCode: string,
  given: { card_id: string; code: string; openid: string },
  now: Seconds,
): void {
  const card = cardOf(state, given.card_id);
  if (!card) return;
  const app = appOfCard(state, card);
  push(world, state, app, giver, 'user_gifting_card', now, {
    CardId: given.card_id,
    UserCardCode: oldCode,
    IsReturnBack: 0,
    FriendUserName: given.openid,
    IsChatRoom: 0,
  });
  codeReceived(world, state, given, now, { giver, oldCode });
}

/** A gift nobody accepted went back to the giver (IsReturnBack 1). */
export function giftReturned(world: World, state: Readonly<WechatState>, view: { card_id: string; code: string; openid: string }, now: Seconds): void {
  const card = cardOf(state, view.card_id);
  if (card)
    push(world, state, appOfCard(state, card), view.openid, 'user_gifting_card', now, {
      CardId: view.card_id,
      UserCardCode: view.code,
      IsReturnBack: 1,
      FriendUserName: '',
      IsChatRoom: 0,
    });
}

/** user_del_card: the user deleted the code from the wallet. */
export function codeDeleted(world: World, state: Readonly<WechatState>, view: { card_id: string; code: string; openid: string }, now: Seconds): void {
  const card = cardOf(state, view.card_id);
  if (card) push(world, state, appOfCard(state, card), view.openid, 'user_del_card', now, { CardId: view.card_id, UserCardCode: view.code });
}

/** user_consume_card: card/code/consume through the API (ConsumeSource FROM_API). */
export function codeConsumed(world: World, state: Readonly<WechatState>, app: Readonly<App>, cardId: string, code: string, openid: string, now: Seconds): void {
  push(world, state, app, openid, 'user_consume_card', now, {
    CardId: cardId,
    UserCardCode: code,
    ConsumeSource: 'FROM_API',
    LocationName: '',
    StaffOpenId: '',
    VerifyCode: '',
    RemarkAmount: '',
    OuterStr: outerStrOf(state, app, code),
  });
}

/**
 * user_view_card: a user opened a member card whose card was created with
 * `need_push_on_view: true` (WeChat sends it for those only); UserCardCode is the user's code of it.
 */
export function cardViewed(world: World, state: Readonly<WechatState>, cardId: string, openid: string, now: Seconds): void {
  const card = cardOf(state, cardId);
  if (!card || card.cardType !== 'MEMBER_CARD') return;
  // A member_card field (next to base_info), as the member card's create page lists it.
  if (card.body.need_push_on_view !== true) return;
  const app = appOfCard(state, card);
  const user = app.users.get(openid);
  const row = user?.rows.find((r) => state.codes.card[r] === card.serial);
  const code = row === undefined ? '' : state.codes.code[row]!;
  push(world, state, app, openid, 'user_view_card', now, { CardId: cardId, UserCardCode: code, OuterStr: code ? outerStrOf(state, app, code) : '' });
}

/** submit_membercard_user_info: the user submitted the member card's activation form. */
export function memberActivated(world: World, state: Readonly<WechatState>, view: { card_id: string; code: string; openid: string }, now: Seconds): void {
  const card = cardOf(state, view.card_id);
  if (card) push(world, state, appOfCard(state, card), view.openid, 'submit_membercard_user_info', now, { CardId: view.card_id, UserCardCode: view.code });
}

/** update_member_card: the member's bonus or balance changed (what membercard/updateuser does). */
export function memberUpdated(
  world: World,
  state: Readonly<WechatState>,
  view: { card_id: string; code: string; openid: string },
  bonus: number,
  balance: number,
  now: Seconds,
): void {
  const card = cardOf(state, view.card_id);
  if (card)
    push(world, state, appOfCard(state, card), view.openid, 'update_member_card', now, {
      CardId: view.card_id,
      UserCardCode: view.code,
      ModifyBonus: bonus,
      ModifyBalance: balance,
    });
}

/** The giver of a code (before a gift is accepted): its current holder. */
export function holderOfCode(state: Readonly<WechatState>, app: Readonly<App>, code: string, cardId?: string): string {
  return holderOf(state, findCode(state, app, { code, ...(cardId !== undefined && { card_id: cardId }) }, true).row);
}
