import { wechatCredentials, type WechatCredentials } from '../../engine/wechat/identities.js';
import type { WechatState } from '../../engine/wechat/model.js';
import { seedWorld } from '../../engine/wechat/seed-world.js';
import { VendorError } from '../../engine/vendor-error.js';
import type { WechatErrorKey } from '../../types/error-key.js';
import type { World } from '../../pipeline/world.js';
import { inputStep } from '../../pipeline/input.js';
import { readBodyStep } from '../../pipeline/read-body.js';
import type { VendorModule } from '../../pipeline/vendor-module.js';
import { schemaId } from '../../schema/registry.js';
import { wechatControls } from './controls.js';
import { errorBody, ridMaker, wechatJson } from './envelope.js';
import { wechatWorldStep } from './identity.js';
import { wechatRules } from './rules.js';
import { methodStep, tokenStep, WECHAT_MAX_BODY, wechatInput } from './steps.js';

/**
 * Each world's own seeded stream of ` rid: ...` suffixes, so runs are reproducible. A world
 * replayed from a data dir starts another stream (mixed with how many entries it replayed), so
 * the rids of the run before are not handed out again.
 */
const rids = new WeakMap<World, () => string>();
function ridOf(world: World): string {
  let next = rids.get(world);
  if (!next) rids.set(world, (next = ridMaker((world.options.seed ^ Math.imul(world.journal.replayed, 0x9e3779b1)) >>> 0)));
  return next();
}

/**
 * WeChat Cards & Offers (api.weixin.qq.com). A call reads: method (43002 / 43001), access_token
 * (41001 / 40001 / 42001), JSON body (44002 / 47001 / schema `x-errors`), the rule. Every answer is
 * HTTP 200 JSON with `charset=utf-8`; errors are `{"errcode","errmsg"}` with a ` rid: ...` suffix.
 *
 * @example
 * const sandbox = createSandbox();
 * const { appid, secret } = sandbox.wechat.credentials();
 * await sandbox.app.request(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
 */
export const wechatVendor: VendorModule<WechatState, Record<string, never>> = {
  vendor: 'wechat',
  // Without the trailing slash so that `/card` or `/datacube` alone is WeChat's too (40066).
  prefixes: ['/cgi-bin', '/card', '/datacube'],
  systemErrorKey: '-1',
  // WeChat's global code for a URL that matches no API is 40066 "invalid url" (HTTP 200).
  notFoundKey: '40066',
  errorSchema: schemaId('wechat/error.json'),
  createState: seedWorld,
  rules: wechatRules,
  // Every method reaches the operation so that a wrong one gets 43001 / 43002, not 40066.
  routes: { catalogue: true, anyMethod: true },
  steps: [
    methodStep,
    wechatWorldStep,
    tokenStep,
    readBodyStep(WECHAT_MAX_BODY, () => new VendorError('wechat', '47001'), { asText: true }),
    inputStep(wechatInput),
  ],
  meta: () => ({}),
  input: wechatInput,
  success: (op, result) => (op.answer === 'bare' ? result : { errcode: 0, errmsg: 'ok', ...(result as object) }),
  failure: (error, exchange) => ({ status: 200, body: errorBody(error.key as WechatErrorKey, ridOf(exchange.world)) }),
  send: (_exchange, answer) => wechatJson(answer.body, answer.status),
  defaultCaller: (state) => state.apps[0]!.appid,
  controls: wechatControls,
  credentials(state): WechatCredentials & { token_url: string } {
    const { appid, secret, ...rest } = wechatCredentials(state);
    return { appid, secret, token_url: `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`, ...rest };
  },
};
