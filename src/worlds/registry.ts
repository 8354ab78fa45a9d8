import type { Vendor } from '../engine/vendor-error.js';
import { rekeyWaiqin, WORLD_TENANT } from '../http/waiqin/identity.js';
import { holdsToken, rekeyWechat, wechatAppCount } from '../http/wechat/identity.js';
import { rekeyWechatpay, WORLD_MERCHANTS } from '../http/wechatpay/identity.js';
import type { WechatState } from '../engine/wechat/model.js';
import type { WechatPayState } from '../engine/wechatpay/model.js';
import type { WaiqinState } from '../engine/waiqin/model.js';
import { isSeed, MAX_SEED, type ResolvedOptions } from '../options.js';
import { ControlError } from '../pipeline/control-error.js';
import { World, type StateFactory, type WorldDirectory } from '../pipeline/world.js';
import { cloneState } from './clone.js';
import { newWorldId, routingCredentials, worldKeys, type WorldKeys } from './keys.js';
import { TemplateCache } from './templates.js';
import { worldTranslation } from './translation.js';

/** Default real-time seconds a created world may go unused before it is removed. */
export const DEFAULT_WORLD_TTL_SECONDS = 3600;
/** Default most created worlds one sandbox holds (about 170 KB each when seeded). */
export const DEFAULT_MAX_WORLDS = 10_000;
/** The id `?world=` / `X-Sandbox-World` may use for the default world. */
export const DEFAULT_WORLD_ID = 'default';
/** The header naming a world on `/_sandbox/` requests. */
export const WORLD_HEADER = 'x-sandbox-world';

/** What `POST /_sandbox/worlds` takes. */
export interface CreateWorldInput {
  seed?: number;
  empty?: boolean;
  name?: string;
  ttl_seconds?: number;
}

/** One row of `GET /_sandbox/worlds`. */
export interface WorldListing {
  id: string;
  name: string | null;
  created_at: string;
  expires_at: string | null;
  default: boolean;
}

interface Entry {
  readonly id: string;
  readonly world: World;
  readonly name: string | null;
  readonly createdAt: number;
  readonly ttlMs: number;
  lastUsed: number;
  /** Tokens routed to this world through the cache (dropped with the world). */
  readonly tokens: string[];
}

/**
 * The worlds of one sandbox: the default world (today's, with today's credentials) and created
 * worlds, each a complete state with its own credentials, found by id (control surface) or by a
 * credential (vendor calls). A created world unused for its TTL of real time is removed when the
 * registry is next used; at most `maxWorlds` exist (409 WORLD_LIMIT beyond).
 */
export class WorldRegistry implements WorldDirectory {
  private readonly entries = new Map<string, Entry>();
  private readonly byCred = new Map<string, Entry>();
  private readonly byTok = new Map<string, Entry>();
  private readonly templates: TemplateCache;
  private lastSweep = 0;
  /** Called with every world created (a shared store gives it its replica and delivery role). */
  private onCreate: ((world: World) => void) | undefined;
  /**
   * Set in a shared sandbox (src/redis/): an expired world is not dropped here but its removal is
   * proposed, so every instance removes it at the same point of the shared log.
   */
  private expire: ((id: string) => void) | undefined;

  /**
   * Makes the registry one replica of a shared sandbox: created worlds get `setup`, expiry is
   * proposed through `expire`, and a world's seeded state is built at its own log instant (a
   * template reused for a minute would be dated differently on each instance).
   */
  replicate(setup: (world: World) => void, expire: (id: string) => void): void {
    this.onCreate = setup;
    this.expire = expire;
    this.templates.maxAgeMs = 0;
  }

  constructor(
    readonly defaultWorld: World,
    private readonly factories: readonly StateFactory[],
    private readonly limits: { readonly ttlSeconds: number; readonly maxWorlds: number },
    /** Real time in ms (tests of expiry pass their own). */
    private readonly now: () => number = Date.now,
  ) {
    this.templates = new TemplateCache(defaultWorld.options, factories);
  }

  /** Created worlds held now. */
  get size(): number {
    this.sweep();
    return this.entries.size;
  }

  /** Creates a world; 409 WORLD_LIMIT when the sandbox holds `maxWorlds` already. */
  create(input: CreateWorldInput = {}): { id: string; world: World } {
    this.sweep(true);
    if (this.entries.size >= this.limits.maxWorlds) {
      throw new ControlError(
        409,
        'WORLD_LIMIT',
        `the sandbox holds ${this.limits.maxWorlds} worlds already (--max-worlds); delete one or wait for one to expire`,
      );
    }
    const seed = input.seed ?? this.defaultWorld.options.seed;
    if (!isSeed(seed)) throw new ControlError(400, 'BAD_REQUEST', `seed must be an integer from 0 to ${MAX_SEED}`);
    const ttlSeconds = input.ttl_seconds ?? this.limits.ttlSeconds;
    const keys = this.freshKeys();
    const options: ResolvedOptions = { ...this.defaultWorld.options, seed, empty: input.empty ?? false };
    const world = new World(options, this.factories, {
      build: (factory, ctx) =>
        rekey(factory.vendor, cloneState(this.templates.state(factory.vendor, ctx.seed, ctx.empty)), keys, keys.nonce ^ (ctx.idNonce ?? 0)),
    });
    world.keys = keys;
    this.onCreate?.(world);
    world.translation = worldTranslation({
      wechatpay: WORLD_MERCHANTS.map((mchid, i) => [mchid, keys.mchids[i]!] as const),
      waiqin: [
        [WORLD_TENANT.openid, keys.waiqin.openid],
        [WORLD_TENANT.appkey, keys.waiqin.appkey],
      ],
    });
    const now = this.now();
    const entry: Entry = { id: keys.id, world, name: input.name ?? null, createdAt: now, ttlMs: ttlSeconds * 1000, lastUsed: now, tokens: [] };
    this.entries.set(entry.id, entry);
    for (const credential of routingCredentials(keys)) this.byCred.set(credential, entry);
    return { id: entry.id, world };
  }

  /** A world by id as it is held, without marking it used (a shared log's apply). */
  peek(id: string): World | undefined {
    return id === DEFAULT_WORLD_ID ? this.defaultWorld : this.entries.get(id)?.world;
  }

  /** Every world held now, the default one first (no expiry check). */
  held(): World[] {
    return [this.defaultWorld, ...[...this.entries.values()].map((e) => e.world)];
  }

  /** The id a world is named by (`default` for the default world). */
  idOf(world: World): string {
    return world === this.defaultWorld ? DEFAULT_WORLD_ID : world.keys!.id;
  }

  /** A world by id (`default` is the default world); undefined for an unknown, deleted or expired one. */
  get(id: string): World | undefined {
    if (id === DEFAULT_WORLD_ID) return this.defaultWorld;
    return this.touch(this.entries.get(id))?.world;
  }

  /** Removes a created world and everything that routed to it; false when there was none. */
  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.drop(entry);
    return true;
  }

  /** Every world, the default one first. */
  list(): WorldListing[] {
    this.sweep(true);
    const iso = (ms: number) => new Date(ms).toISOString();
    return [
      { id: DEFAULT_WORLD_ID, name: null, created_at: iso(this.createdAt), expires_at: null, default: true },
      ...[...this.entries.values()].map((e) => ({
        id: e.id,
        name: e.name,
        created_at: iso(e.createdAt),
        expires_at: iso(e.lastUsed + e.ttlMs),
        default: false,
      })),
    ];
  }

  private readonly createdAt = Date.now();

  byCredential(credential: string): World | undefined {
    return this.touch(this.byCred.get(credential))?.world;
  }

  byToken(token: string): World | undefined {
    const cached = this.byTok.get(token);
    if (cached) return this.touch(cached)?.world;
    // A token is looked for in each world once; then the cache answers in O(1).
    for (const entry of this.entries.values()) {
      if (holdsToken(entry.world, token)) {
        this.byTok.set(token, entry);
        entry.tokens.push(token);
        return this.touch(entry)?.world;
      }
    }
    return undefined;
  }

  /** Removes every world (the sandbox is closing). */
  clear(): void {
    for (const entry of [...this.entries.values()]) this.drop(entry);
  }

  /** The world of a `/_sandbox/` request: `?world=` or `X-Sandbox-World`, default world when neither; 404 for an unknown id. */
  fromRequest(request: Request): World {
    const id = worldIdOf(request);
    if (id === undefined) return this.defaultWorld;
    const world = this.get(id);
    if (!world) throw new ControlError(404, 'NOT_FOUND', `no world ${JSON.stringify(id)} (never created, deleted, or expired after its TTL)`);
    return world;
  }

  /** An entry still alive, marked used now; an expired one is removed. */
  private touch(entry: Entry | undefined): Entry | undefined {
    if (!entry) return undefined;
    const now = this.now();
    if (now - entry.lastUsed >= entry.ttlMs) {
      this.expired(entry);
      return undefined;
    }
    entry.lastUsed = now;
    this.sweep();
    return entry;
  }

  /** Removes expired worlds; at most once a second unless forced (cost O(worlds)). */
  private sweep(force = false): void {
    const now = this.now();
    if (!force && now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const entry of [...this.entries.values()]) if (now - entry.lastUsed >= entry.ttlMs) this.expired(entry);
  }

  /** A world past its TTL: dropped, or in a shared sandbox its removal proposed to every instance. */
  private expired(entry: Entry): void {
    if (this.expire) this.expire(entry.id);
    else this.drop(entry);
  }

  private drop(entry: Entry): void {
    if (this.entries.get(entry.id) !== entry) return;
    this.entries.delete(entry.id);
    for (const credential of routingCredentials(entry.world.keys!)) this.byCred.delete(credential);
    for (const token of entry.tokens) this.byTok.delete(token);
    entry.world.dispose();
  }

  /** A new id whose credentials collide with no world's (nor with the default world's). */
  private freshKeys(): WorldKeys {
    const shape = { wechatApps: wechatAppCount(this.defaultWorld), mchids: WORLD_MERCHANTS.length };
    for (;;) {
      const keys = worldKeys(newWorldId(), shape);
      const taken = routingCredentials(keys).some((c) => this.byCred.has(c) || WORLD_MERCHANTS.includes(c) || c === WORLD_TENANT.openid);
      if (!taken && !this.entries.has(keys.id)) return keys;
    }
  }

  /** How much each index holds (a removed world must leave nothing behind). */
  indexSizes(): { worlds: number; credentials: number; tokens: number } {
    return { worlds: this.entries.size, credentials: this.byCred.size, tokens: this.byTok.size };
  }

  /** Secrets of every created world (log masking). */
  *secrets(): Iterable<string> {
    for (const entry of this.entries.values()) {
      const keys = entry.world.keys!;
      for (const app of keys.wechatApps) yield app.secret;
      yield keys.waiqin.appkey;
    }
  }
}

/**
 * Whether a `/_sandbox/` request may come from another origin's page: creating a world, deleting
 * one by id, or acting on a created world named by its id. Never one that acts on the default world.
 */
export function opensToPages(request: Request): boolean {
  const path = new URL(request.url).pathname;
  if (path === '/_sandbox/worlds') return request.method === 'POST' || request.method === 'OPTIONS';
  if (path.startsWith('/_sandbox/worlds/')) return decodeURIComponent(path.slice('/_sandbox/worlds/'.length)) !== DEFAULT_WORLD_ID;
  const id = worldIdOf(request);
  return id !== undefined && id !== DEFAULT_WORLD_ID;
}

/** `?world=` or `X-Sandbox-World` of a request, if it names one. */
export function worldIdOf(request: Request): string | undefined {
  const header = request.headers.get(WORLD_HEADER);
  if (header) return header.trim();
  const query = new URL(request.url).searchParams.get('world');
  return query || undefined;
}

/** A copied template state with the world's own credentials and id streams. */
function rekey(vendor: Vendor, state: unknown, keys: WorldKeys, nonce: number): unknown {
  if (vendor === 'wechat') return rekeyWechat(state as WechatState, keys, nonce);
  if (vendor === 'wechatpay') return rekeyWechatpay(state as WechatPayState, nonce);
  return rekeyWaiqin(state as WaiqinState, nonce);
}
