import { bulkCodes } from '../../engine/wechat/bulk.js';
import { reviewCard } from '../../engine/wechat/cards.js';
import { wechatIdentities } from '../../engine/wechat/identities.js';
import type { WechatState } from '../../engine/wechat/model.js';
import { acceptGift, activateMember, appByIdOrDefault, deleteByUser, giveCode, startGift, timeoutGift, viewCard } from '../../engine/wechat/user-actions.js';
import type { SandboxWechatAcceptGiftRequest } from '../../types/sandbox/wechat-accept-gift.request.js';
import type { SandboxWechatBulkCodesRequest } from '../../types/sandbox/wechat-bulk-codes.request.js';
import type { SandboxWechatCodeActionRequest } from '../../types/sandbox/wechat-code-action.request.js';
import type { SandboxWechatGiveCodeRequest } from '../../types/sandbox/wechat-give-code.request.js';
import type { SandboxWechatReviewRequest } from '../../types/sandbox/wechat-review.request.js';
import type { SandboxWechatViewCardRequest } from '../../types/sandbox/wechat-view-card.request.js';
import { action } from '../../pipeline/control-action.js';
import { schemaId } from '../../schema/registry.js';
import { seconds } from './rules.js';

const schema = (name: string) => schemaId(`sandbox/wechat-${name}.request.json`);
const post = (path: string, summary: string, request: string) => ({
  method: 'POST' as const,
  path: `/_sandbox/wechat/${path}`,
  summary,
  request: schema(request),
  writes: true,
});

/**
 * The WeChat control actions under /_sandbox/wechat/: what WeChat staff and users do in reality
 * (review a card, receive, view, gift, accept, let a gift time out, delete, activate), bulk codes
 * for load tests, and the seeded identities. A WeChat rule they hit answers 409 VENDOR_RULE with
 * the WeChat code. Each is also `sandbox.wechat.<name>(input)`.
 */
export const wechatControls = {
  identities: action(
    { method: 'GET', path: '/_sandbox/wechat/identities', summary: 'The seeded WeChat apps, users and cards', writes: false },
    (s: WechatState, _input: unknown, ctx) => wechatIdentities(s, seconds(ctx.now)),
  ),
  reviewCard: action(
    post('review', 'Review a card as WeChat staff (VERIFY_OK, VERIFY_FAIL, DISPATCH)', 'review'),
    (s: WechatState, input: SandboxWechatReviewRequest, ctx) => {
      const card = reviewCard(s, input.card_id, input.result, seconds(ctx.now), input.reason);
      return { card_id: card.cardId, status: card.status };
    },
  ),
  giveCode: action(post('give-code', 'A user receives a code of a card', 'give-code'), (s: WechatState, input: SandboxWechatGiveCodeRequest, ctx) =>
    giveCode(s, input, seconds(ctx.now)),
  ),
  viewCard: action(post('view-card', 'A user opens a card page (a datacube view)', 'view-card'), (s: WechatState, input: SandboxWechatViewCardRequest, ctx) => {
    viewCard(s, input, seconds(ctx.now));
    return { ok: true as const };
  }),
  giftCode: action(
    post('gift-code', 'A user starts gifting a code (usable -> GIFTING)', 'code-action'),
    (s: WechatState, input: SandboxWechatCodeActionRequest, ctx) => startGift(s, input, seconds(ctx.now)),
  ),
  acceptGift: action(post('accept-gift', 'A friend accepts a gifted code', 'accept-gift'), (s: WechatState, input: SandboxWechatAcceptGiftRequest, ctx) =>
    acceptGift(s, input, seconds(ctx.now)),
  ),
  timeoutGift: action(
    post('gift-timeout', 'A gift times out (GIFTING -> GIFT_TIMEOUT)', 'code-action'),
    (s: WechatState, input: SandboxWechatCodeActionRequest, ctx) => timeoutGift(s, input, seconds(ctx.now)),
  ),
  deleteCode: action(
    post('delete-code', 'A user deletes a code from the wallet', 'code-action'),
    (s: WechatState, input: SandboxWechatCodeActionRequest, ctx) => deleteByUser(s, input, seconds(ctx.now)),
  ),
  activateMemberCard: action(
    post('activate-member-card', 'A user activates a member card', 'code-action'),
    (s: WechatState, input: SandboxWechatCodeActionRequest, ctx) => activateMember(s, input, seconds(ctx.now)),
  ),
  bulkCodes: action(
    post('bulk-codes', 'Generate many received codes at once (load tests)', 'bulk-codes'),
    (s: WechatState, input: SandboxWechatBulkCodesRequest, ctx) =>
      bulkCodes(s, appByIdOrDefault(s, input.appid), input, seconds(ctx.now), ctx.world.options.bulkCodeLimits),
  ),
};
