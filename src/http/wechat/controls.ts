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
import type { SandboxWechatUpdateMemberRequest } from '../../types/sandbox/wechat-update-member.request.js';
import type { SandboxWechatViewCardRequest } from '../../types/sandbox/wechat-view-card.request.js';
import { action } from '../../pipeline/control-action.js';
import { schemaId } from '../../schema/registry.js';
import { seconds } from './rules.js';
import {
  cardReviewed,
  cardViewed,
  codeDeleted,
  codeReceived,
  giftAccepted,
  giftReturned,
  holderOfCode,
  memberActivated,
  memberUpdated,
} from '../../notifications/card-events.js';
import { pushConfigControls } from '../../notifications/push-config-controls.js';

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
      cardReviewed(ctx.world, s, card.cardId, input.result, input.reason, seconds(ctx.now));
      return { card_id: card.cardId, status: card.status };
    },
  ),
  giveCode: action(post('give-code', 'A user receives a code of a card', 'give-code'), (s: WechatState, input: SandboxWechatGiveCodeRequest, ctx) => {
    const given = giveCode(s, input, seconds(ctx.now));
    codeReceived(ctx.world, s, given, seconds(ctx.now));
    return given;
  }),
  viewCard: action(post('view-card', 'A user opens a card page (a datacube view)', 'view-card'), (s: WechatState, input: SandboxWechatViewCardRequest, ctx) => {
    viewCard(s, input, seconds(ctx.now));
    cardViewed(ctx.world, s, input.card_id, input.openid, seconds(ctx.now));
    return { ok: true as const };
  }),
  giftCode: action(
    post('gift-code', 'A user starts gifting a code (usable -> GIFTING)', 'code-action'),
    (s: WechatState, input: SandboxWechatCodeActionRequest, ctx) => startGift(s, input, seconds(ctx.now)),
  ),
  acceptGift: action(post('accept-gift', 'A friend accepts a gifted code', 'accept-gift'), (s: WechatState, input: SandboxWechatAcceptGiftRequest, ctx) => {
    // The giver, read before the gift moves the code to GIFTED (then it answers 40056); the same lookup as acceptGift's.
    const giver = holderOfCode(
      s,
      input.card_id ? s.apps[s.cardsById.get(input.card_id)?.app ?? 0]! : appByIdOrDefault(s, input.appid),
      input.code,
      input.card_id,
    );
    const given = acceptGift(s, input, seconds(ctx.now));
    giftAccepted(ctx.world, s, giver, input.code, given, seconds(ctx.now));
    return given;
  }),
  timeoutGift: action(
    post('gift-timeout', 'A gift times out (GIFTING -> GIFT_TIMEOUT)', 'code-action'),
    (s: WechatState, input: SandboxWechatCodeActionRequest, ctx) => {
      const view = timeoutGift(s, input, seconds(ctx.now));
      giftReturned(ctx.world, s, view, seconds(ctx.now));
      return view;
    },
  ),
  deleteCode: action(
    post('delete-code', 'A user deletes a code from the wallet', 'code-action'),
    (s: WechatState, input: SandboxWechatCodeActionRequest, ctx) => {
      const view = deleteByUser(s, input, seconds(ctx.now));
      codeDeleted(ctx.world, s, view, seconds(ctx.now));
      return view;
    },
  ),
  activateMemberCard: action(
    post('activate-member-card', 'A user activates a member card', 'code-action'),
    (s: WechatState, input: SandboxWechatCodeActionRequest, ctx) => {
      const view = activateMember(s, input, seconds(ctx.now));
      memberActivated(ctx.world, s, view, seconds(ctx.now));
      return view;
    },
  ),
  updateMember: action(
    post('update-member', "A member card's bonus or balance changes (update_member_card)", 'update-member'),
    (s: WechatState, input: SandboxWechatUpdateMemberRequest, ctx) => {
      const view = activateMember(s, input, seconds(ctx.now), false);
      memberUpdated(ctx.world, s, view, input.modify_bonus ?? 0, input.modify_balance ?? 0, seconds(ctx.now));
      return view;
    },
  ),
  ...pushConfigControls,
  bulkCodes: action(
    post('bulk-codes', 'Generate many received codes at once (load tests)', 'bulk-codes'),
    (s: WechatState, input: SandboxWechatBulkCodesRequest, ctx) =>
      bulkCodes(s, appByIdOrDefault(s, input.appid), input, seconds(ctx.now), ctx.world.options.bulkCodeLimits),
  ),
};
