import { formatRfc3339 } from '../engine/shanghai-time.js';
import { merchantAccount } from '../engine/wechatpay/merchants.js';
import type { WechatPayState } from '../engine/wechatpay/model.js';
import type { World } from '../pipeline/world.js';
import { randomToken } from '../http/wechatpay/crypto.js';
import type { Attempt, Notification, NotificationDraft, NotificationStatus, NotifyingVendor, WireRequest } from './notification.js';
import { retryDelay } from './retry-policy.js';
import { received, sendAttempt, type NotificationDelivery } from './send-attempt.js';
import { probePushRequest, pushRequest } from './wechat-wire.js';
import { couponSendRequest, notificationId } from './wechatpay-wire.js';

/**
 * Every change of the outbox, as data. `Outbox.apply` is the one place the outbox changes, so a
 * journal (or anything else that must see deliveries as state) subscribes with `onChange`.
 */
export type OutboxChange =
  | { kind: 'created'; notification: Notification }
  | {
      kind: 'attempted';
      id: string;
      attempt: Attempt;
      body: string;
      status: NotificationStatus;
      next_attempt_at: number | null;
      failures: Notification['failures'];
    }
  | { kind: 'released'; id: string; next_attempt_at: number }
  | { kind: 'reset' };

/** The log filter of GET /_sandbox/notifications. */
export interface NotificationFilter {
  vendor?: NotifyingVendor;
  status?: NotificationStatus;
  limit?: number;
}

/** The log keeps the newest notifications of a world, attempts included. */
const MAX_KEPT = 1000;
/** setTimeout cannot wait longer (about 24.8 days); a longer wait is re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The outbox of one world: the notifications its rules created (plain data), each with every
 * attempt made, and the delivery loop. What is due on the sandbox clock is sent with `fetch` (or
 * the `onNotification` hook); a failure is retried on the vendor's schedule measured on the
 * sandbox clock, so moving the clock delivers what has become due and a running clock delivers
 * through a timer. Every attempt of a notification carries the same id.
 *
 * @example
 * world.notifications.add(draft);           // inside a rule: data only
 * await world.notifications.settled();      // the delivery pass it started has finished
 */
/** The outbox as a checkpoint stores it. */
export interface OutboxState {
  items: Notification[];
  held: [NotifyingVendor, string][];
  pendingRelease: [string, string][];
  duplicate: (NotifyingVendor | 'any')[];
  reorder: (NotifyingVendor | 'any')[];
  seq: number;
  skuReminded: [string, number][];
}

export class Outbox {
  private readonly items = new Map<string, Notification>();
  private readonly listeners = new Set<(change: OutboxChange) => void>();
  private pass: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private duplicate = new Set<NotifyingVendor | 'any'>();
  private reorder = new Set<NotifyingVendor | 'any'>();
  /** A notification held back by "out of order": sent after the next one of its vendor. */
  private held = new Map<NotifyingVendor, string>();
  /** After the key has been attempted once, the value (held back) is due. */
  private readonly pendingRelease = new Map<string, string>();
  private seq = 0;
  /** card_sku_remind: when each card last reminded (WeChat sends it at most every 12 h). */
  readonly skuReminded = new Map<string, number>();

  /**
   * Set while a journal replays (src/journal/replay.ts): the rules re-run create nothing (the
   * journal's own outbox entries put each notification back, id and attempts included) and
   * nothing is delivered until the replay ends.
   */
  replaying = false;

  /**
   * False on the instances of a shared sandbox that do not hold the delivery lease (src/redis/):
   * one instance sends what becomes due, so a notification goes out once, not once per instance.
   */
  delivers = true;

  constructor(private readonly world: World) {
    world.clock.onChange(() => this.kick());
  }

  /** What a checkpoint keeps of the outbox (src/journal/checkpoint-state.ts): items, held ones, flags, id counter. */
  exportState(): OutboxState {
    return {
      items: [...this.items.values()],
      held: [...this.held],
      pendingRelease: [...this.pendingRelease],
      duplicate: [...this.duplicate],
      reorder: [...this.reorder],
      seq: this.seq,
      skuReminded: [...this.skuReminded],
    };
  }

  /** Puts back what {@link Outbox.exportState} returned (a restart from a checkpoint); nothing is delivered until `kick`. */
  importState(state: OutboxState): void {
    this.items.clear();
    for (const n of state.items) this.items.set(n.id, n);
    this.held = new Map(state.held);
    this.pendingRelease.clear();
    for (const [k, v] of state.pendingRelease) this.pendingRelease.set(k, v);
    this.duplicate = new Set(state.duplicate);
    this.reorder = new Set(state.reorder);
    this.seq = state.seq;
    this.skuReminded.clear();
    for (const [k, v] of state.skuReminded) this.skuReminded.set(k, v);
  }

  /** Subscribes to every change (the journal's seam); returns the unsubscribe function. */
  onChange(listener: (change: OutboxChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The one function every change of the outbox goes through. */
  apply(change: OutboxChange): void {
    switch (change.kind) {
      case 'created':
        this.items.set(change.notification.id, change.notification);
        this.trim();
        break;
      case 'attempted': {
        const n = this.items.get(change.id);
        if (!n) return;
        n.attempts.push(change.attempt);
        n.body = change.body;
        n.status = change.status;
        n.next_attempt_at = change.next_attempt_at;
        n.failures = change.failures;
        break;
      }
      case 'released': {
        const n = this.items.get(change.id);
        if (n) n.next_attempt_at = change.next_attempt_at;
        break;
      }
      case 'reset':
        this.items.clear();
        this.held.clear();
        this.pendingRelease.clear();
        this.duplicate.clear();
        this.reorder.clear();
        this.skuReminded.clear();
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        break;
    }
    for (const listener of this.listeners) listener(change);
  }

  /**
   * Records a notification a rule caused; it is due now. Data only: the delivery starts after the
   * rule's transaction, on its own.
   */
  add(draft: NotificationDraft): Notification {
    const now = this.world.clock.now();
    const id = draft.vendor === 'wechatpay' ? notificationId() : `ev_${now.toString(36)}_${(++this.seq).toString(36)}${randomToken(4).toLowerCase()}`;
    const notification = {
      ...draft,
      id,
      created_at: now,
      status: 'pending',
      next_attempt_at: now,
      attempts: [],
      failures: { unreachable: 0, rejected: 0 },
    } as Notification;
    if (this.replaying) return notification;
    const heldId = this.held.get(draft.vendor);
    if (this.takeFlag(this.reorder, draft.vendor)) {
      notification.next_attempt_at = null;
      this.held.set(draft.vendor, id);
    } else if (heldId) {
      this.held.delete(draft.vendor);
      this.pendingRelease.set(id, heldId);
    }
    this.apply({ kind: 'created', notification });
    queueMicrotask(() => this.kick());
    return notification;
  }

  get(id: string): Notification | undefined {
    return this.items.get(id);
  }

  /** Newest first. */
  list(filter: NotificationFilter = {}): Notification[] {
    const out: Notification[] = [];
    const all = [...this.items.values()];
    for (let i = all.length - 1; i >= 0 && out.length < (filter.limit ?? 100); i--) {
      const n = all[i]!;
      if ((filter.vendor === undefined || n.vendor === filter.vendor) && (filter.status === undefined || n.status === filter.status)) out.push(n);
    }
    return out;
  }

  /** The next delivery (of a vendor, or any) goes out twice: the same id, the same body. */
  duplicateNext(vendor?: NotifyingVendor): void {
    this.duplicate.add(vendor ?? 'any');
  }

  /** The next notification (of a vendor, or any) is held back and sent after the one created after it. */
  outOfOrderNext(vendor?: NotifyingVendor): void {
    this.reorder.add(vendor ?? 'any');
  }

  /** Sends a notification again now, whatever its status; resolves when the attempt has ended. */
  async redeliver(id: string): Promise<Notification | undefined> {
    const n = this.items.get(id);
    if (!n) return undefined;
    await this.attempt(n, 'delivery');
    return n;
  }

  /** Sends a notification once more with a signature no key verifies (WeChat Pay's `WECHATPAY/SIGNTEST/` probe; for WeChat a wrong `signature`). Status unchanged. */
  async probe(id: string): Promise<Attempt | undefined> {
    const n = this.items.get(id);
    if (!n) return undefined;
    return this.attempt(n, 'probe');
  }

  /** Resolves when the delivery pass under way (if any) has finished. */
  async settled(): Promise<void> {
    while (this.pass) await this.pass;
  }

  /**
   * Delivers what is due now and waits for it, at most `withinMs` (a receiver that hangs makes
   * each attempt last 5 s; the rest goes on in the background). `force`: even on an instance of a
   * shared sandbox that does not hold the delivery lease (someone asked for it there).
   */
  async deliverNow(withinMs = 15_000, force = false): Promise<void> {
    this.kick(force);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)));
    await Promise.race([this.settled(), limit]);
    clearTimeout(timer);
  }

  /** Forgets every notification (a world reset). */
  reset(): void {
    this.apply({ kind: 'reset' });
  }

  /** Starts a delivery pass (or asks the running one to look again). */
  kick(force = false): void {
    if (this.replaying || (!this.delivers && !force)) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    this.pass = this.deliverDue().finally(() => {
      this.pass = undefined;
      this.arm();
    });
  }

  /** Attempts everything due, again and again until nothing is due (a jump of the clock replays the whole schedule). */
  private async deliverDue(): Promise<void> {
    for (;;) {
      this.again = false;
      const now = this.world.clock.now();
      const due = [...this.items.values()].filter((n) => n.status === 'pending' && n.next_attempt_at !== null && n.next_attempt_at <= now);
      if (due.length === 0 && !this.again) return;
      // In creation order, one after another: "out of order" and the journal rely on a stable order.
      for (const n of due) await this.attempt(n, 'delivery');
    }
  }

  /** With a running clock, a timer wakes the loop when the next attempt is due. */
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.world.clock.frozen) return;
    let next = Infinity;
    for (const n of this.items.values()) if (n.status === 'pending' && n.next_attempt_at !== null) next = Math.min(next, n.next_attempt_at);
    if (next === Infinity) return;
    const wait = Math.min(Math.max(0, next - this.world.clock.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.kick(), wait);
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** One attempt: builds the request, sends it, records the outcome and what is due next. */
  private async attempt(n: Notification, kind: 'delivery' | 'probe'): Promise<Attempt> {
    let request: WireRequest;
    try {
      request = await this.wire(n, kind === 'probe');
    } catch (error) {
      // A bug or a state the notification cannot be built in (a merchant without keys): logged as an attempt that gave up.
      const attempt: Attempt = {
        at: this.world.clock.now(),
        url: n.url,
        status: null,
        error: `not sent: ${error instanceof Error ? error.message : String(error)}`,
        ms: 0,
        request: { headers: {}, body: '' },
        response: { body: '' },
        ok: false,
        kind,
      };
      this.apply({ kind: 'attempted', id: n.id, attempt, body: n.body ?? '', status: 'failed', next_attempt_at: null, failures: n.failures });
      return attempt;
    }
    const attempt = await this.exchange(n, request, kind);
    if (kind === 'probe') {
      this.apply({ kind: 'attempted', id: n.id, attempt, body: request.body, status: n.status, next_attempt_at: n.next_attempt_at, failures: n.failures });
      return attempt;
    }
    const failures = { ...n.failures };
    let status: NotificationStatus = 'delivered';
    let next: number | null = null;
    if (!attempt.ok) {
      const failure = attempt.status === null ? 'unreachable' : 'rejected';
      failures[failure] += 1;
      const delay = retryDelay({ ...n, failures }, failure);
      // Measured from when the attempt was due, not from when it ran: a jump of the clock replays the schedule.
      const base = Math.min(n.next_attempt_at ?? attempt.at, attempt.at);
      status = delay === null ? 'failed' : 'pending';
      next = delay === null ? null : base + delay;
    }
    this.apply({ kind: 'attempted', id: n.id, attempt, body: request.body, status, next_attempt_at: next, failures });
    if (this.takeFlag(this.duplicate, n.vendor)) {
      const copy = await this.exchange(n, request, 'duplicate');
      this.apply({
        kind: 'attempted',
        id: n.id,
        attempt: copy,
        body: request.body,
        status: n.status,
        next_attempt_at: n.next_attempt_at,
        failures: n.failures,
      });
    }
    const heldId = this.pendingRelease.get(n.id);
    if (heldId) {
      this.pendingRelease.delete(n.id);
      this.apply({ kind: 'released', id: heldId, next_attempt_at: this.world.clock.now() });
      this.again = true;
    }
    return attempt;
  }

  private async exchange(n: Notification, request: WireRequest, kind: Attempt['kind']): Promise<Attempt> {
    // A delivery is logged at the instant it was due: after a jump of the clock the log shows the vendor's schedule.
    const now = this.world.clock.now();
    const at = kind === 'delivery' && n.status === 'pending' && n.next_attempt_at !== null ? Math.min(n.next_attempt_at, now) : now;
    const delivery: NotificationDelivery = { id: n.id, vendor: n.vendor, event: n.event, kind, request };
    const answer = await sendAttempt(delivery, this.world.options.onNotification);
    return {
      at,
      url: request.url,
      status: answer.status,
      error: answer.error,
      ms: answer.ms,
      request: { headers: request.headers, body: request.body },
      response: { body: answer.body },
      ok: received(n.vendor, answer.status, answer.body),
      kind,
    };
  }

  private async wire(n: Notification, probe: boolean): Promise<WireRequest> {
    if (n.vendor === 'wechat') return probe ? probePushRequest(n.payload) : pushRequest(n.payload);
    const { mchid } = n.payload;
    const keys = this.world.store<WechatPayState>('wechatpay').read((state) => state.keys.get(mchid));
    const account = merchantAccount(mchid);
    if (!keys || !account) throw new Error(`merchant ${mchid} has no keys`);
    return couponSendRequest(n, keys, account.apiv3Key, probe);
  }

  private takeFlag(flags: Set<NotifyingVendor | 'any'>, vendor: NotifyingVendor): boolean {
    if (flags.delete(vendor)) return true;
    return flags.delete('any');
  }

  private trim(): void {
    for (const id of this.items.keys()) {
      if (this.items.size <= MAX_KEPT) break;
      this.items.delete(id);
    }
  }
}

/** The log view of a notification (GET /_sandbox/notifications): times as RFC 3339 in China time. */
export function notificationView(n: Readonly<Notification>) {
  return {
    id: n.id,
    vendor: n.vendor,
    event: n.event,
    status: n.status,
    url: n.url,
    created_at: formatRfc3339(n.created_at),
    next_attempt_at: n.next_attempt_at === null ? null : formatRfc3339(n.next_attempt_at),
    attempts: n.attempts.map((a) => ({ ...a, at: formatRfc3339(a.at) })),
  };
}
