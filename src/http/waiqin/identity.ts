import { Random, STREAM_SALTS } from '../../engine/random.js';
import { appkeyOf, WAIQIN_APPKEY, WAIQIN_OPENID } from '../../engine/waiqin/tenant.js';
import type { WaiqinState } from '../../engine/waiqin/model.js';
import type { Exchange } from '../../pipeline/exchange.js';

/** The sandbox tenant's credentials, in the order a created world's own replace them. */
export const WORLD_TENANT = { openid: WAIQIN_OPENID, appkey: WAIQIN_APPKEY } as const;

/**
 * How waiqin365 names a world: by the tenant `openid` in the path. Returns the appkey the digest
 * is checked with (the world's own) and routes the exchange to the world; undefined for an openid
 * no world knows (UNKNOWN_OPENID). The engine acts as the sandbox tenant in every world.
 */
export function tenantOf(exchange: Exchange, openid: string): { appkey: string; caller: string } | undefined {
  const world = exchange.worlds?.byCredential(openid);
  if (world?.keys && world.keys.waiqin.openid === openid) {
    exchange.world = world;
    return { appkey: world.keys.waiqin.appkey, caller: WAIQIN_OPENID };
  }
  const appkey = appkeyOf(openid);
  return appkey === undefined ? undefined : { appkey, caller: openid };
}

/** A copied seeded tenant with the world's own run-time stream (voucher, holding and order ids). */
export function rekeyWaiqin(state: WaiqinState, nonce: number): WaiqinState {
  state.random = new Random(nonce ^ STREAM_SALTS.waiqinWorld);
  return state;
}
