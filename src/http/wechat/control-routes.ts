import type { Hono } from 'hono';
import type { Sandbox } from '../../sandbox.js';
import { schemaId } from '../../schema/registry.js';
import { controlBody } from '../control.js';
import type { GiveCodeInput } from '../../engine/wechat/user-actions.js';
import type { ReviewResult } from '../../engine/wechat/cards.js';
import type { BulkCodesInput } from '../../engine/wechat/bulk.js';

type CodeTarget = { code: string; card_id?: string; appid?: string };
const schema = (name: string) => schemaId(`sandbox/wechat-${name}.request.json`);

/**
 * The WeChat control actions under /_sandbox/wechat/: what WeChat staff and users do in reality
 * (review a card, receive, view, gift, accept, let a gift time out, delete, activate), plus bulk
 * codes for load tests and the list of seeded identities. Each is a typed engine method; a
 * WeChat rule they hit answers 409 VENDOR_RULE with the WeChat code.
 */
export function mountWechatControl(app: Hono, sandbox: Sandbox): void {
  const engine = sandbox.wechat;
  app.get('/_sandbox/wechat/identities', (c) => c.json(engine.identities()));

  app.post('/_sandbox/wechat/review', async (c) => {
    const body = await controlBody<{ card_id: string; result: ReviewResult; reason?: string }>(c, schema('review'));
    return c.json(engine.reviewCard(body));
  });
  app.post('/_sandbox/wechat/give-code', async (c) => {
    const body = await controlBody<GiveCodeInput>(c, schema('give-code'));
    return c.json(engine.giveCode(body));
  });
  app.post('/_sandbox/wechat/view-card', async (c) => {
    const body = await controlBody<{ card_id: string; openid: string }>(c, schema('view-card'));
    engine.viewCard(body);
    return c.json({ ok: true });
  });
  app.post('/_sandbox/wechat/gift-code', async (c) => {
    return c.json(engine.giftCode(await controlBody<CodeTarget>(c, schema('code-action'))));
  });
  app.post('/_sandbox/wechat/accept-gift', async (c) => {
    return c.json(engine.acceptGift(await controlBody<CodeTarget & { friend_openid: string }>(c, schema('accept-gift'))));
  });
  app.post('/_sandbox/wechat/gift-timeout', async (c) => {
    return c.json(engine.timeoutGift(await controlBody<CodeTarget>(c, schema('code-action'))));
  });
  app.post('/_sandbox/wechat/delete-code', async (c) => {
    return c.json(engine.deleteCode(await controlBody<CodeTarget>(c, schema('code-action'))));
  });
  app.post('/_sandbox/wechat/activate-member-card', async (c) => {
    return c.json(engine.activateMemberCard(await controlBody<CodeTarget>(c, schema('code-action'))));
  });
  app.post('/_sandbox/wechat/bulk-codes', async (c) => {
    return c.json(engine.bulkCodes(await controlBody<BulkCodesInput>(c, schema('bulk-codes'))));
  });
}
