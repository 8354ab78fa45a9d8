import { freshBytes, Random } from '../engine/random.js';

/**
 * The credentials of one created world, all derived from its id so that no two worlds share one
 * (the registry draws a new id in the unlikely case one would collide). The default world keeps
 * the sandbox's historical credentials and has no WorldKeys.
 */
export interface WorldKeys {
  readonly id: string;
  /** A 32-bit seed for the world's run-time id streams (tokens, codes, stock ids differ per world). */
  readonly nonce: number;
  /** appid and AppSecret of each WeChat Official Account, in the order of the seeded apps. */
  readonly wechatApps: readonly { readonly appid: string; readonly secret: string }[];
  /** mchid of each WeChat Pay merchant, in the order the vendor's identity lists the sandbox's merchants. */
  readonly mchids: readonly string[];
  readonly waiqin: { readonly openid: string; readonly appkey: string };
}

/** How many WeChat apps and WeChat Pay merchants a world has (the seeded ones). */
export interface KeyShape {
  readonly wechatApps: number;
  readonly mchids: number;
}

/** A fresh, unguessable world id: `w_` and 24 hex digits (96 bits from Web Crypto). */
export function newWorldId(): string {
  const bytes = freshBytes(12);
  return `w_${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The credentials of world `id`. Pure: the same id gives the same credentials. */
export function worldKeys(id: string, shape: KeyShape): WorldKeys {
  const random = new Random(hash(id));
  const wechatApps = Array.from({ length: shape.wechatApps }, () => ({ appid: `wx${random.hex(16)}`, secret: random.hex(32) }));
  const mchids: string[] = [];
  // 10 digits like every mchid; `16` starts none of the sandbox's own merchants.
  while (mchids.length < shape.mchids) {
    const mchid = `16${random.digits(8)}`;
    if (!mchids.includes(mchid)) mchids.push(mchid);
  }
  return {
    id,
    nonce: random.int(0, 0xffff_fffe),
    wechatApps,
    mchids,
    // 19 digits like the tenant openids waiqin365 issues; 18 characters of appkey.
    waiqin: { openid: `89${random.digits(17)}`, appkey: `W${random.string(17, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789')}` },
  };
}

/** Every credential string of a world that routes to it (for collision checks and masking). */
export function routingCredentials(keys: WorldKeys): string[] {
  return [...keys.wechatApps.map((a) => a.appid), ...keys.mchids, keys.waiqin.openid];
}

/** Every secret of a world (log masking). */
export function worldSecretsOf(keys: WorldKeys): string[] {
  return [...keys.wechatApps.map((a) => a.secret), keys.waiqin.appkey];
}

/** FNV-1a over the id's characters: a 32-bit seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
