import { atRealTime } from '../engine/clock.js';
import { withEntropy } from '../engine/random.js';
import { VendorError, type Vendor } from '../engine/vendor-error.js';
import type { JournalEntry } from '../journal/journal-entry.js';
import type { ControlAction } from '../pipeline/control-action.js';
import { ControlError } from '../pipeline/control-error.js';
import type { Exchange } from '../pipeline/exchange.js';
import { StoreUnavailable, type Replica } from '../pipeline/replica.js';
import type { VendorModule } from '../pipeline/vendor-module.js';
import type { World } from '../pipeline/world.js';
import type { Sandbox } from '../sandbox.js';
import { applyEntry, tableNameOf } from './apply-entry.js';
import { compareIds, idSeed, streamId, type LogEntry } from './log-entry.js';
import type { RedisLog } from './redis-log.js';

/** A proposer waits this long for its entry to be applied here before it answers the system error. */
export const APPLY_TIMEOUT_MS = 5000;
/** Entries read per XREAD. */
const BATCH = 1000;
/** The delivery lease: held for this long, renewed every third of it. */
const LEASE_MS = 9000;

/* eslint-disable @typescript-eslint/no-explicit-any -- proposals carry exchanges and actions of every vendor. */
interface Pending {
  readonly exchange: Exchange<any> | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** An entry before it is proposed: every kind of {@link LogEntry} without its proposal token. */
type WithoutToken<E> = E extends LogEntry ? Omit<E, 'o'> : never;
type Proposal = WithoutToken<LogEntry>;

/**
 * One instance of a sandbox shared through Redis: the {@link Replica} every world of this process
 * holds. Changes are proposed to the log and applied in the log's order by a read loop (the same
 * for the proposer and everyone else); reads first catch up with the log's head. One instance at
 * a time holds the delivery lease and sends notifications; its attempts reach the others as notes.
 */
export class SharedSandbox implements Replica {
  applying = false;
  /** The id of the last entry applied here. */
  private applied = '0-0';
  private readonly instance = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
  private proposals = 0;
  private readonly pending = new Map<string, Pending>();
  private waiters: { id: string; resolve: () => void }[] = [];
  /** Why Redis cannot be reached now (undefined while it can). */
  private down: string | undefined;
  /** Set when Redis holds less than this instance applied: it lost acknowledged changes. */
  private diverged: string | undefined;
  private closed = false;
  private leader = false;
  private leaseTimer: ReturnType<typeof setInterval> | undefined;
  private readonly expiring = new Set<string>();
  private loop: Promise<void> | undefined;

  constructor(
    readonly sandbox: Sandbox,
    private readonly log: RedisLog,
    private readonly say: (line: string) => void,
    /** The store's URL as shown (password masked). */
    private readonly url: string,
  ) {
    sandbox.worlds.replicate(
      (world) => this.adopt(world),
      (id) => this.expire(id),
    );
    this.adopt(sandbox.world);
  }

  /** Starts applying the log and resolves once this instance has caught up with it (then it may serve). */
  async start(catchUpMs: number): Promise<void> {
    this.loop = this.readLoop();
    await this.sync(catchUpMs);
    await this.renewLease();
    this.leaseTimer = setInterval(() => void this.renewLease(), LEASE_MS / 3);
    this.leaseTimer.unref?.();
  }

  /** Gives a world this replica and this instance's delivery role. */
  private adopt(world: World): void {
    world.replica = this;
    world.notifications.delivers = this.leader;
    world.journal.forward = (entry) => this.note(world, entry);
  }

  async sync(timeoutMs = APPLY_TIMEOUT_MS): Promise<void> {
    if (this.closed) throw new StoreUnavailable('the sandbox is shutting down');
    if (this.diverged) throw new StoreUnavailable(this.diverged);
    // What was applied before asking: the head Redis answers can never be older than that (the
    // reader may apply more while the answer travels, which is no loss).
    const before = this.applied;
    let head: string;
    try {
      head = await this.log.head();
    } catch (error) {
      throw this.unreachable(error);
    }
    this.reachable();
    if (compareIds(head, before) < 0) {
      this.diverged ??= `the shared log in Redis ends at ${head} but this instance has applied up to ${before}: Redis lost acknowledged changes (was it restarted without persistence, or flushed?). Restart every instance to start from what Redis holds.`;
      this.say(this.diverged);
      throw new StoreUnavailable(this.diverged);
    }
    const order = compareIds(head, this.applied);
    if (order > 0) await this.appliedUpTo(head, timeoutMs);
  }

  proposeCall(vendor: VendorModule<unknown, any>, exchange: Exchange<any>): Promise<unknown> {
    const w = this.sandbox.worlds.idOf(exchange.world);
    return this.propose({ k: 'call', w, v: vendor.vendor, op: exchange.op!.id, in: exchange.input ?? null, c: exchange.caller ?? '' }, exchange);
  }

  proposeControl(
    world: World,
    vendor: Vendor | undefined,
    act: ControlAction<any, any, any>,
    input: Record<string, unknown>,
    params: Record<string, string>,
  ): Promise<unknown> {
    const w = this.sandbox.worlds.idOf(world);
    return this.propose({ k: 'control', w, t: tableNameOf(vendor, act), m: act.method, p: act.path, in: input, pa: params }, undefined);
  }

  note(world: World, entry: Omit<JournalEntry, 'seq'>): boolean {
    if (this.applying) return false;
    // Nothing waits for a note: it changed no vendor state (a refusal, an attempt already made here).
    this.propose({ k: 'note', w: this.sandbox.worlds.idOf(world), e: entry }, undefined).catch(() => undefined);
    return true;
  }

  /** What `GET /_sandbox/health` shows of the shared store. */
  describe(): Record<string, unknown> {
    return {
      kind: 'redis',
      url: this.url,
      instance: this.instance,
      applied: this.applied,
      reachable: this.down === undefined && !this.diverged,
      delivers: this.leader,
    };
  }

  /** Stops reading, gives the delivery lease back, closes the connections; waiting callers get StoreUnavailable. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    if (this.leader) await this.log.releaseLease(this.instance).catch(() => undefined);
    this.log.close();
    for (const p of this.pending.values()) p.reject(new StoreUnavailable('the sandbox is shutting down'));
    this.pending.clear();
    await this.loop?.catch(() => undefined);
  }

  /** Appends a proposal and resolves with its apply here (or StoreUnavailable when it cannot be ordered or is not applied in time). */
  private async propose(proposal: Proposal, exchange: Exchange<any> | undefined): Promise<unknown> {
    if (this.closed) throw new StoreUnavailable('the sandbox is shutting down');
    if (this.diverged) throw new StoreUnavailable(this.diverged);
    const o = `${this.instance}:${++this.proposals}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const applied = new Promise<unknown>((resolve, reject) => this.pending.set(o, { exchange, resolve, reject }));
    // The apply may come back (a refusal included) before the append's answer: handled from now on.
    applied.catch(() => undefined);
    try {
      await this.log.append(JSON.stringify({ ...proposal, o }));
    } catch (error) {
      // Perhaps appended all the same (the answer was lost): then it is applied like anyone's.
      this.pending.delete(o);
      throw this.unreachable(error);
    }
    this.reachable();
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (this.pending.delete(o)) reject(new StoreUnavailable(`the change was stored in Redis but not read back within ${APPLY_TIMEOUT_MS} ms`));
      }, APPLY_TIMEOUT_MS);
    });
    try {
      return await Promise.race([applied, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads the log after what was applied, forever (until closed), applying each entry in order. */
  private async readLoop(): Promise<void> {
    while (!this.closed) {
      let batch: [string, string][];
      try {
        batch = await this.log.readAfter(this.applied, BATCH);
      } catch (error) {
        if (this.closed) return;
        this.unreachable(error);
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      this.reachable();
      for (const [id, text] of batch) this.applyOne(id, text);
      this.wake();
    }
  }

  /** Applies one entry at its log instant with the log's entropy, then answers its proposer (if it is here). */
  private applyOne(id: string, text: string): void {
    let entry: LogEntry;
    try {
      entry = JSON.parse(text) as LogEntry;
    } catch {
      this.say(`shared log entry ${id} is not JSON: skipped`);
      this.applied = id;
      return;
    }
    const own = this.pending.get(entry.o);
    if (own) this.pending.delete(entry.o);
    const elsewhere = !entry.o.startsWith(`${this.instance}:`);
    let result: unknown;
    let failed = false;
    this.applying = true;
    try {
      result = atRealTime(streamId(id)[0], () => withEntropy(idSeed(id), () => applyEntry(this.sandbox, entry, own?.exchange, elsewhere)));
    } catch (error) {
      failed = true;
      result = error;
    } finally {
      this.applying = false;
    }
    this.applied = id;
    if (result instanceof Promise) {
      result.then(
        (value) => own?.resolve(value),
        (error: unknown) => (own ? own.reject(error) : this.unexpected(id, entry, error)),
      );
    } else if (own) {
      if (failed) own.reject(result);
      else own.resolve(result);
    } else if (failed) this.unexpected(id, entry, result);
  }

  /** A refusal is an answer (the proposer's instance sends it); anything else is a bug worth a line. */
  private unexpected(id: string, entry: LogEntry, error: unknown): void {
    if (error instanceof VendorError || error instanceof ControlError) return;
    this.say(`shared log entry ${id} (${entry.k}) failed here: ${error instanceof Error ? error.message : String(error)}`);
  }

  private appliedUpTo(id: string, timeoutMs: number): Promise<void> {
    if (compareIds(this.applied, id) >= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new StoreUnavailable(`this instance did not catch up with the shared log (at ${this.applied}, head ${id}) within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ id, resolve: done });
    });
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const still: typeof this.waiters = [];
    for (const waiter of this.waiters) {
      if (compareIds(this.applied, waiter.id) >= 0) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  /** Takes or renews the delivery lease; the holder's outboxes deliver, everyone else's wait. */
  private async renewLease(): Promise<void> {
    let holds: boolean;
    try {
      holds = !this.closed && (await this.log.holdLease(this.instance, LEASE_MS));
    } catch {
      holds = false;
    }
    if (holds === this.leader) return;
    this.leader = holds;
    for (const world of this.sandbox.worlds.held()) {
      world.notifications.delivers = holds;
      if (holds) world.notifications.kick();
    }
  }

  /** A created world past its TTL: its removal goes through the log, once. */
  private expire(id: string): void {
    if (this.expiring.has(id)) return;
    this.expiring.add(id);
    this.propose({ k: 'control', w: 'default', t: 'worlds', m: 'DELETE', p: '/_sandbox/worlds/:id', in: {}, pa: { id } }, undefined)
      .catch(() => undefined)
      .finally(() => this.expiring.delete(id));
  }

  /** Notes an outage once (one log line) and gives the error to throw. */
  unreachable(error: unknown): StoreUnavailable {
    const reason = error instanceof Error ? error.message : String(error);
    if (this.down === undefined && !this.closed) this.say(`Redis cannot be reached (${reason}): answering the vendors' system errors until it is back`);
    this.down ??= reason;
    return new StoreUnavailable(`Redis cannot be reached: ${reason}`);
  }

  private reachable(): void {
    if (this.down === undefined) return;
    this.down = undefined;
    this.say('Redis is reachable again');
  }
}
