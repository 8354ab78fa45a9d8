import { releaseBulkCodes } from '../../engine/wechat/bulk.js';
import type { WechatState } from '../../engine/wechat/model.js';
import { Random, STREAM_SALTS } from '../../engine/random.js';
import { DISPOSE } from '../../engine/store.js';
import type { Step } from '../../pipeline/exchange.js';
import type { World } from '../../pipeline/world.js';
import type { WorldKeys } from '../../worlds/keys.js';

/**
 * How WeChat names a world: `GET /cgi-bin/token` by its `appid`, every other call by the world its
 * `access_token` was issued in. A credential no world knows stays with the default world, which
 * answers it as WeChat does (40013 invalid appid, 40001 invalid credential).
 */
export const wechatWorldStep: Step = (exchange) => {
  const worlds = exchange.worlds;
  if (!worlds) return;
  if (exchange.op!.auth === 'app-secret') {
    const appid = exchange.queryParam?.('appid');
    const world = appid ? worlds.byCredential(appid) : undefined;
    if (world) exchange.world = world;
    return;
  }
  const token = exchange.queryParam?.('access_token');
  if (!token || holdsToken(exchange.world, token)) return;
  const world = worlds.byToken(token);
  if (world) exchange.world = world;
};

/** Whether a world issued this access_token (valid or not any more: the world answers which). */
export function holdsToken(world: World, token: string): boolean {
  return world.store<WechatState>('wechat').read((state) => state.tokens.get(token) !== undefined);
}

/** How many Official Accounts a world has (the seeded ones). */
export function wechatAppCount(world: World): number {
  return world.store<WechatState>('wechat').read((state) => state.apps.length);
}

/**
 * Gives a copied seeded state its world's own apps (appid + AppSecret), its own run-time id
 * stream (so no token of one world is ever minted in another) and its own dispose hook.
 * openids, card ids and codes stay the seed's: two worlds of one seed hold the same codes.
 */
export function rekeyWechat(state: WechatState, keys: WorldKeys, nonce: number): WechatState {
  state.appsById = new Map();
  state.apps.forEach((app, i) => {
    const own = keys.wechatApps[i];
    if (!own) throw new Error(`world ${keys.id} has no credentials for app ${i}`);
    app.appid = own.appid;
    app.secret = own.secret;
    state.appsById.set(app.appid, app);
  });
  state.random = new Random(nonce ^ STREAM_SALTS.wechatIds);
  (state as WechatState & { [DISPOSE]: () => void })[DISPOSE] = () => releaseBulkCodes(state);
  return state;
}
