import {
  batchGetCards,
  createCard,
  deleteCard,
  getCard,
  modifyStock,
  type BatchGetRequest,
  type CreateCardRequest,
  type ModifyStockRequest,
} from '../../engine/wechat/cards.js';
import { updateCard, type UpdateCardRequest } from '../../engine/wechat/card-update.js';
import type { CodeRef } from '../../engine/wechat/code-lookup.js';
import { consumeCode, getCode, listUserCards, makeUnavailable, renameCode, type CodeGetRequest, type CodeUpdateRequest } from '../../engine/wechat/codes.js';
import { bizSummary, freeCouponStats, memberCardDetail, memberSummary, type DatacubeRequest } from '../../engine/wechat/datacube.js';
import { appOf } from '../../engine/wechat/identities.js';
import type { App, Seconds, WechatState } from '../../engine/wechat/model.js';
import { issueToken, tokenRequestApp, type TokenRequest } from '../../engine/wechat/tokens.js';
import { rule, type OperationRule } from '../../pipeline/vendor-module.js';
import { codeConsumed } from '../../notifications/card-events.js';
import { ridGetRule } from './rid-get.js';

/** WeChat rules count whole seconds of sandbox time. */
export const seconds = (ms: number): Seconds => Math.floor(ms / 1000);

/** A rule of the app the caller's access_token belongs to. */
const appRule = <I, R>(run: (state: WechatState, app: App, input: I, now: Seconds) => R): OperationRule<WechatState, I, R> =>
  rule((state: WechatState, input: I, ctx) => run(state, appOf(state, ctx.caller), input, seconds(ctx.now)));

/** Rules whose answer is `errcode: 0, errmsg: "ok"` alone. */
const done = <I>(run: (state: WechatState, app: App, input: I, now: Seconds) => void) =>
  appRule((state, app, input: I, now) => {
    run(state, app, input, now);
    return {};
  });

/**
 * The engine rule behind every WeChat operation of the catalogue (src/operations.ts), by id.
 * Results are payloads; the vendor module wraps them in WeChat's success envelope.
 */
export const wechatRules = {
  // HEAD runs the probe: the same checks without minting, so a health check cannot supersede the app's live token.
  'wechat.token': rule(
    (state: WechatState, input: TokenRequest, ctx) => issueToken(state, input, seconds(ctx.now)),
    (state, input) => void tokenRequestApp(state, input),
  ),
  'wechat.card-create': appRule((s, app, input: CreateCardRequest, now) => ({ card_id: createCard(s, app, input, now).cardId })),
  'wechat.card-get': appRule((s, app, input: { card_id?: string }) => getCard(s, app, input)),
  // Real batchget answers carry an empty card_list next to card_id_list (VENDOR-BEHAVIOUR.md B.4).
  'wechat.card-batchget': appRule((s, app, input: BatchGetRequest) => ({ ...batchGetCards(s, app, input), card_list: [] })),
  'wechat.card-update': appRule((s, app, input: UpdateCardRequest, now) => updateCard(s, app, input, now)),
  'wechat.card-modifystock': done((s, app, input: ModifyStockRequest, now) => modifyStock(s, app, input, now)),
  'wechat.card-delete': done((s, app, input: { card_id?: string }, now) => deleteCard(s, app, input, now)),
  'wechat.rid-get': ridGetRule,
  'wechat.code-get': appRule((s, app, input: CodeGetRequest, now) => getCode(s, app, input, now)),
  'wechat.code-consume': rule((s: WechatState, input: CodeRef, ctx) => {
    const app = appOf(s, ctx.caller);
    const now = seconds(ctx.now);
    const consumed = consumeCode(s, app, input, now);
    codeConsumed(ctx.world, s, app, consumed.card.card_id, input.code ?? '', consumed.openid, now);
    return consumed;
  }),
  'wechat.code-update': done((s, app, input: CodeUpdateRequest, now) => renameCode(s, app, input, now)),
  'wechat.code-unavailable': done((s, app, input: CodeRef & { reason?: string }, now) => makeUnavailable(s, app, input, now)),
  'wechat.user-getcardlist': appRule((s, app, input: { openid?: string; card_id?: string }, now) => listUserCards(s, app, input, now)),
  'wechat.datacube-getcardbizuininfo': appRule((s, app, input: DatacubeRequest, now) => bizSummary(s, app, input, now)),
  'wechat.datacube-getcardcardinfo': appRule((s, app, input: DatacubeRequest, now) => freeCouponStats(s, app, input, now)),
  'wechat.datacube-getcardmembercardinfo': appRule((s, app, input: DatacubeRequest, now) => memberSummary(s, app, input, now)),
  'wechat.datacube-getcardmembercarddetail': appRule((s, app, input: DatacubeRequest, now) => memberCardDetail(s, app, input, now)),
};
