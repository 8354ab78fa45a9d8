import { SandboxClock } from '../engine/clock.js';
import { FaultBook } from '../faults/fault-book.js';
import type { EngineContext } from '../engine/context.js';
import { MemoryStore } from '../engine/store.js';
import type { Vendor } from '../engine/vendor-error.js';
import { isSeed, MAX_SEED, type ResolvedOptions } from '../options.js';
import { freshIdNonce } from '../engine/random.js';
import type { WorldKeys } from '../worlds/keys.js';
import { Outbox } from '../notifications/outbox.js';
import { Journal } from '../journal/journal.js';
import type { Genesis, WorldAfter } from '../journal/journal-entry.js';
import { RequestsRing } from '../journal/requests-ring.js';
import { journalOutbox } from '../journal/outbox-entries.js';
import type { Replica } from './replica.js';

/** What a world needs of a vendor: how to build that vendor's seeded state. */
export interface StateFactory {
  readonly vendor: Vendor;
  createState(ctx: EngineContext): unknown;
}

/** Builds one vendor's state of a world (default: the factory seeds it; created worlds copy a template). */
export type StateBuilder = (factory: StateFactory, ctx: EngineContext) => unknown;

/** How a created world's own credentials map to the sandbox's (vendor -> value, both ways). */
export interface WorldTranslation {
  /** A value the client sent (its world's mchid...) as the engine knows it. */
  inward(vendor: Vendor, value: string): string;
  /** A value the engine produced as the client's world names it. */
  outward<T>(vendor: Vendor, value: T): T;
}

/**
 * The worlds a vendor call may be routed to by the credential it carries (src/worlds/registry.ts).
 * Absent in a sandbox without created worlds.
 */
export interface WorldDirectory {
  /** The created world whose appid, mchid or tenant openid this is. */
  byCredential(credential: string): World | undefined;
  /** The created world that issued this WeChat access_token. */
  byToken(token: string): World | undefined;
}

/**
 * One complete sandbox state: its clock, its seed and one store per vendor. Every operation and
 * control action runs against exactly one world; nothing outside it feeds a rule. Today a sandbox
 * holds one world; isolated worlds and journals are built on this boundary.
 *
 * @example
 * const world = new World(resolveOptions({ seed: 7 }), [wechatVendor]);
 * world.store('wechat').read((state) => state.apps.length);
 */
export class World {
  readonly clock = new SandboxClock();
  /** Fault rules, rate limits and the fault log of this world (src/faults/). */
  readonly faults = new FaultBook();
  /** The notifications this world's rules caused and their delivery log (src/notifications/). */
  readonly notifications: Outbox = new Outbox(this);
  /** Engines read seed/empty through this object, so a reset can change them in place. */
  readonly ctx: EngineContext;
  private readonly stores = new Map<Vendor, MemoryStore<unknown>>();
  /** Every state change since the world was built (src/journal/); snapshots hang off it. */
  readonly journal: Journal;
  /** The last requests served, reads included (src/journal/requests-ring.ts). */
  readonly requests: RequestsRing;
  /** Sandbox time the stores were last built at (seeded worlds are dated from it). */
  builtAt = 0;
  /** What the world was built with at start-up: a bare reset goes back to it. */
  private readonly startup: { readonly seed: number; readonly empty: boolean };
  /** A created world's own credentials (src/worlds/); undefined for the default world. */
  keys?: WorldKeys;
  /** How this world's own credentials map to the engine's (created worlds only). */
  translation?: WorldTranslation;
  /** Set when several instances share this world through one log (src/redis/); every write goes through it. */
  replica?: Replica;

  /** `build`: how each store is built (created worlds copy a template); `genesis`: rebuild the world a journal started from (same seed, ids, build instant, clock). */
  constructor(
    readonly options: ResolvedOptions,
    factories: readonly StateFactory[],
    setup: { build?: StateBuilder; genesis?: Genesis } = {},
  ) {
    const { build = (factory: StateFactory, ctx: EngineContext) => factory.createState(ctx), genesis } = setup;
    if (genesis) {
      options.seed = genesis.seed;
      options.empty = genesis.empty;
    }
    this.startup = { seed: options.seed, empty: options.empty };
    this.ctx = { clock: this.clock, seed: options.seed, empty: options.empty, idNonce: genesis ? genesis.nonce : idNonce(options) };
    this.startClock();
    this.buildAt(genesis?.builtAt, () => {
      for (const factory of factories) this.stores.set(factory.vendor, new MemoryStore(() => build(factory, this.ctx)));
    });
    if (genesis) this.clock.restore(genesis.clock);
    this.journal = new Journal(this.after());
    journalOutbox(this);
    this.requests = new RequestsRing(options.requestsLimit, options.requestsMaxMb * 1024 * 1024);
  }

  /** The vendors this world holds a store for. */
  get vendors(): Vendor[] {
    return [...this.stores.keys()];
  }

  /** Seed, nonce, build instant and clock now: what a journal needs to rebuild the world from here. */
  after(): Genesis & WorldAfter {
    return { seed: this.ctx.seed, empty: this.ctx.empty, nonce: this.ctx.idNonce, builtAt: this.builtAt, clock: this.clock.state() };
  }

  /**
   * Builds the stores with the clock held still (at `at` when replaying), so every vendor's seeded
   * world is dated from the same instant and a replay can build it again exactly.
   */
  private buildAt(at: number | undefined, build: () => void): void {
    const running = this.clock.state();
    this.builtAt = at ?? this.clock.now();
    this.clock.freeze(this.builtAt);
    try {
      build();
    } finally {
      this.clock.restore(running);
    }
  }

  /** A value the engine produced, as this world's client names it (its own mchids...). */
  outward<T>(vendor: Vendor, value: T): T {
    return this.translation ? this.translation.outward(vendor, value) : value;
  }

  /** Throws every state away (a removed world), giving back process-wide budgets. */
  dispose(): void {
    for (const store of this.stores.values()) store.dispose();
  }

  /** The store of one vendor's state. */
  store<S>(vendor: Vendor): MemoryStore<S> {
    const store = this.stores.get(vendor);
    if (!store) throw new Error(`no ${vendor} state in this world`);
    return store as MemoryStore<S>;
  }

  /**
   * Builds the world again with the start-up clock. Each field absent means as at start-up, so
   * `reset({})` is the start-up world whatever an earlier reset chose; `{seed: 7}` is seed 7.
   */
  reset(change: { seed?: number; empty?: boolean } = {}, replayed?: WorldAfter): void {
    const seed = change.seed ?? this.startup.seed;
    if (!isSeed(seed)) throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
    this.options.seed = this.ctx.seed = seed;
    this.options.empty = this.ctx.empty = change.empty ?? this.startup.empty;
    // A replayed reset mints the ids the journaled one did.
    this.ctx.idNonce = replayed ? replayed.nonce : idNonce(this.options);
    this.startClock();
    this.faults.reset();
    this.notifications.reset();
    this.buildAt(replayed?.builtAt, () => {
      for (const store of this.stores.values()) store.reset();
    });
    if (replayed) this.clock.restore(replayed.clock);
  }

  private startClock(): void {
    const { startAt, frozen } = this.options;
    this.clock.resetToReal();
    if (startAt !== undefined) this.clock.set(startAt);
    // Freeze AT startAt: freezing at "now" would read the real clock again, a millisecond or so later.
    if (frozen) this.clock.freeze(startAt);
  }
}

/** A fresh nonce for the ids a world mints, or none when the options ask for deterministic ids. */
function idNonce(options: ResolvedOptions): number | undefined {
  return options.deterministicIds ? undefined : freshIdNonce();
}
