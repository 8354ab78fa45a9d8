import { TRACK, type SelfTracking, type Undo } from './undo-log.js';

/**
 * A small seeded PRNG (mulberry32) for ids and trace suffixes. The engine uses it instead of
 * Math.random so that the same seed gives the same world, and instead of faker so that the hot
 * path stays cheap.
 */
export class Random implements SelfTracking {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In a transaction, a rolled-back rule also takes back the ids it drew. */
  [TRACK](undo: Undo | undefined): void {
    if (!undo) return;
    const saved = this.state;
    undo(() => (this.state = saved));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  hex(length: number): string {
    return this.string(length, '0123456789abcdef');
  }

  digits(length: number): string {
    return this.string(length, '0123456789');
  }
}

export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** WeChat ids (card_id, openid) use the URL-safe base64 alphabet. */
export const WECHAT_ID_ALPHABET = `${ALPHANUMERIC}-_`;

/**
 * Every seeded stream of the sandbox, in one place: each is the world's seed mixed with its own
 * salt, so streams never overlap and adding data to one never shifts another. Changing a salt
 * changes every seeded world: tests pin the worlds they rely on.
 */
export const STREAM_SALTS = {
  /** WeChat seeded world (apps, users, cards, codes). */
  wechatWorld: 0,
  /** WeChat ids minted at run time (card ids, codes, tokens). */
  wechatIds: 0x5eed_c0de,
  /** WeChat's ` rid: ...` error suffixes. */
  wechatRid: 0x7a1d,
  /** WeChat Pay seeded world (stocks and coupons). */
  wechatpayWorld: 0,
  /** WeChat Pay coupon codes of API sends. */
  wechatpayCodes: 0x5eed_0003,
  /** waiqin365 seeded tenant. */
  waiqinWorld: 0x5a1e,
} as const;

/** The seeded stream `name` of a world seed. */
export function seededStream(seed: number, name: keyof typeof STREAM_SALTS): Random {
  return new Random(seed ^ STREAM_SALTS[name]);
}

/**
 * The stream a world mints run-time ids from once seeded: without a nonce, the seeded stream
 * itself (it goes on where seeding left it: same seed, same ids); with one, a stream of the seed,
 * the salt and the nonce, so a restarted or reset sandbox does not hand out the ids of the run
 * before for other objects.
 */
export function runtimeStream(seeded: Random, seed: number, name: keyof typeof STREAM_SALTS, nonce: number | undefined): Random {
  return nonce === undefined ? seeded : new Random(mix(seed ^ STREAM_SALTS[name], nonce));
}

/** Set while a shared log entry is applied: the stream every "fresh" draw comes from (see {@link withEntropy}). */
let pinnedEntropy: Random | undefined;

/**
 * Runs `fn` with every fresh draw (id nonces, world ids) taken from a stream of `seed` instead of
 * Web Crypto: instances applying one shared log entry draw the same values (src/redis/apply-entry.ts).
 */
export function withEntropy<T>(seed: number, fn: () => T): T {
  const before = pinnedEntropy;
  pinnedEntropy = new Random(seed >>> 0);
  try {
    return fn();
  } finally {
    pinnedEntropy = before;
  }
}

/** `count` fresh random bytes: Web Crypto, or the pinned stream while a shared entry is applied. */
export function freshBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  if (!pinnedEntropy) return globalThis.crypto.getRandomValues(bytes);
  for (let i = 0; i < count; i++) bytes[i] = pinnedEntropy.int(0, 255);
  return bytes;
}

/** A 32-bit nonce from the platform's cryptographic source (Web Crypto: Node and browsers alike). */
export function freshIdNonce(): number {
  const b = freshBytes(4);
  return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
}

/** Mixes two 32-bit values so that nearby nonces give unrelated streams. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}
