import type { WechatEngine } from '../../engine/wechat/engine.js';
import type { BatchGetRequest, CreateCardRequest, ModifyStockRequest } from '../../engine/wechat/cards.js';
import type { UpdateCardRequest } from '../../engine/wechat/card-update.js';
import type { CodeGetRequest, CodeUpdateRequest } from '../../engine/wechat/codes.js';
import type { DatacubeRequest } from '../../engine/wechat/datacube.js';

type Body = Record<string, unknown>;
/** One WeChat operation: the engine call for the app the token names, returning the payload. */
export type WechatHandler = (engine: WechatEngine, appid: string, body: Body) => Record<string, unknown>;

/**
 * The engine call behind each POST operation of the catalogue (src/operations.ts), keyed by
 * operation id. Payloads get `errcode: 0, errmsg: "ok"` added except datacube (no errcode there).
 */
export const wechatHandlers: Readonly<Record<string, WechatHandler>> = {
  'wechat.card-create': (e, a, b) => e.createCard(a, b as unknown as CreateCardRequest),
  'wechat.card-get': (e, a, b) => e.getCard(a, b as { card_id?: string }),
  // Real batchget answers carry an empty card_list next to card_id_list (api-facts B.4).
  'wechat.card-batchget': (e, a, b) => ({ ...e.batchGetCards(a, b as BatchGetRequest), card_list: [] }),
  'wechat.card-update': (e, a, b) => e.updateCard(a, b as UpdateCardRequest),
  'wechat.card-modifystock': (e, a, b) => (e.modifyStock(a, b as ModifyStockRequest), {}),
  'wechat.card-delete': (e, a, b) => (e.deleteCard(a, b as { card_id?: string }), {}),
  'wechat.code-get': (e, a, b) => ({ ...e.getCode(a, b as CodeGetRequest) }),
  'wechat.code-consume': (e, a, b) => e.consumeCode(a, b as { code?: string; card_id?: string }),
  'wechat.code-update': (e, a, b) => (e.renameCode(a, b as CodeUpdateRequest), {}),
  'wechat.code-unavailable': (e, a, b) => (e.makeUnavailable(a, b as { code?: string; card_id?: string }), {}),
  'wechat.user-getcardlist': (e, a, b) => ({ ...e.listUserCards(a, b as { openid?: string; card_id?: string }) }),
  'wechat.datacube-getcardbizuininfo': (e, a, b) => e.bizSummary(a, b as DatacubeRequest),
  'wechat.datacube-getcardcardinfo': (e, a, b) => e.freeCouponStats(a, b as DatacubeRequest),
  'wechat.datacube-getcardmembercardinfo': (e, a, b) => e.memberSummary(a, b as DatacubeRequest),
  'wechat.datacube-getcardmembercarddetail': (e, a, b) => e.memberCardDetail(a, b as DatacubeRequest),
};

/** Operations whose success body is the bare payload (datacube: `{"list": [...]}`, no errcode). */
export function hasOkEnvelope(operationId: string): boolean {
  return !operationId.startsWith('wechat.datacube-');
}
