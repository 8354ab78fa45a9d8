import { Random, STREAM_SALTS } from '../../engine/random.js';
import { KNOWN_MERCHANTS } from '../../engine/wechatpay/identities.js';
import type { WechatPayState } from '../../engine/wechatpay/model.js';
import type { Exchange, Step } from '../../pipeline/exchange.js';
import { parseAuthorization } from './auth.js';

/** The sandbox's merchants in a fixed order: a created world's mchids are given in this order. */
export const WORLD_MERCHANTS: readonly string[] = KNOWN_MERCHANTS;

/**
 * How WeChat Pay names a world: by the `mchid` of the `Authorization` header. The engine knows the
 * sandbox's merchants only; a created world's mchids are translated at this edge (header, body and
 * query in, answers out: src/worlds/translation.ts). The mchid is not part of the signed message,
 * so a request signed with the shared TEST-ONLY keys verifies whichever world it names. An mchid
 * no world knows stays with the default world, which answers SIGN_ERROR as today.
 */
export const wechatpayWorldStep: Step = (exchange) => {
  const mchid = parseAuthorization(exchange.request?.headers.get('authorization'))?.mchid;
  const world = mchid === undefined ? undefined : exchange.worlds?.byCredential(mchid);
  if (world) exchange.world = world;
};

/** The Authorization header as the engine reads it: the world's mchid replaced by the sandbox's. */
export function inwardAuthorization(exchange: Exchange, header: string | null): string | null {
  const translation = exchange.world.translation;
  if (!translation || header === null) return header;
  return header.replace(/mchid="(\d+)"/, (_all, mchid: string) => `mchid="${translation.inward('wechatpay', mchid)}"`);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * After the signature (which covers what was sent): the body and query as the engine reads them,
 * the world's mchids replaced by the sandbox's, so a coupon sent with `stock_creator_mchid` of the
 * world finds the world's stock.
 */
export const wechatpayInwardStep: Step = (exchange) => {
  const translation = exchange.world.translation;
  if (!translation) return;
  if (exchange.raw && exchange.raw.length > 0) exchange.raw = encoder.encode(translation.inward('wechatpay', decoder.decode(exchange.raw)));
  // Bound: over HTTP they are methods of the exchange (src/http/http-exchange.ts).
  const query = exchange.query?.bind(exchange);
  const queryParam = exchange.queryParam?.bind(exchange);
  const mutable = exchange as { query?: () => Record<string, string>; queryParam?: (name: string) => string | undefined };
  if (query) mutable.query = () => Object.fromEntries(Object.entries(query()).map(([k, v]) => [k, translation.inward('wechatpay', v)]));
  if (queryParam) {
    mutable.queryParam = (name) => {
      const value = queryParam(name);
      return value === undefined ? undefined : translation.inward('wechatpay', value);
    };
  }
};

/** A copied seeded state with the world's own run-time stream (codes of API sends differ per world). */
export function rekeyWechatpay(state: WechatPayState, nonce: number): WechatPayState {
  state.random = new Random(nonce ^ STREAM_SALTS.wechatpayCodes);
  return state;
}
