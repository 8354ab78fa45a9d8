/**
 * The sandbox clock. Every time rule (token expiry, validity windows, gift timeouts, datacube
 * "no data for today") reads this clock, never `Date.now()`, so tests can freeze, set and
 * advance time instead of sleeping.
 *
 * @example
 * const clock = new SandboxClock();
 * clock.freeze();
 * clock.advance(7200 * 1000); // two hours later, instantly
 */
/**
 * The instants the sandbox can be at: from the epoch to 2106-02-07T06:28:15Z. A JavaScript Date
 * holds far more, but WeChat puts times on the wire as unsigned 32-bit seconds (and the code table
 * stores them so), so no vendor of the sandbox can express an instant outside this range.
 */
export const CLOCK_MIN_MS = 0;
export const CLOCK_MAX_MS = 0xffff_ffff * 1000;

/** An instant outside [CLOCK_MIN_MS, CLOCK_MAX_MS] (or not a number at all). */
export class ClockRangeError extends RangeError {
  constructor(readonly at: number) {
    super(
      `the sandbox clock cannot be at ${Number.isFinite(at) ? `${at} ms` : String(at)}: it runs from ${new Date(CLOCK_MIN_MS).toISOString()} to ${new Date(CLOCK_MAX_MS).toISOString()} (what the vendors' timestamps can express)`,
    );
    this.name = 'ClockRangeError';
  }
}

/** Whether the sandbox clock may be at `ms`. */
export function isSandboxInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= CLOCK_MIN_MS && ms <= CLOCK_MAX_MS;
}

function checked(ms: number): number {
  if (!isSandboxInstant(ms)) throw new ClockRangeError(ms);
  return ms;
}

/** One move of the clock, applied as a whole: back to real time, then set, advance, freeze or release. */
export interface ClockChange {
  real?: boolean;
  /** Milliseconds since the epoch. */
  set?: number;
  advanceMs?: number;
  freeze?: boolean;
}

/** What {@link SandboxClock.state} returns. */
export interface ClockState {
  offsetMs: number;
  frozenAt?: number;
}

/** Set while a shared log entry is applied: the real time every clock reads (see {@link atRealTime}). */
let pinnedRealMs: number | undefined;

/** Real time as the sandbox clocks read it: the wall clock, or the instant an entry being applied is pinned to. */
function realTime(): number {
  return pinnedRealMs ?? Date.now();
}

/**
 * Runs `fn` with real time pinned at `ms` for every clock of the process. Instances sharing one
 * log apply each entry at the instant the log gave it, so a running clock, a freeze "now" or a
 * `set` computes the same offset on every instance (src/redis/apply-entry.ts).
 */
export function atRealTime<T>(ms: number, fn: () => T): T {
  const before = pinnedRealMs;
  pinnedRealMs = ms;
  try {
    return fn();
  } finally {
    pinnedRealMs = before;
  }
}

export class SandboxClock {
  /** Offset added to the real clock while running. */
  private offsetMs = 0;
  /** Set while frozen: the instant the clock is stuck at. */
  private frozenAt: number | undefined;
  private readonly listeners = new Set<() => void>();
  private notifying = false;

  constructor(private readonly realNow: () => number = realTime) {}

  /**
   * Calls `listener` after the clock has been moved (set, advanced, frozen, released), once per
   * change and after the change is whole (the outbox delivers what has become due).
   */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    if (this.notifying || this.listeners.size === 0) return;
    this.notifying = true;
    queueMicrotask(() => {
      this.notifying = false;
      for (const listener of this.listeners) listener();
    });
  }

  /** Current sandbox time in milliseconds since the epoch. */
  now(): number {
    return this.frozenAt ?? this.realNow() + this.offsetMs;
  }

  /** Current sandbox time in whole seconds (what WeChat and WeChat Pay put on the wire). */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }

  /** Stops time at the current instant (or at `atMs`). */
  freeze(atMs: number = this.now()): void {
    this.frozenAt = checked(atMs);
    this.changed();
  }

  /** Lets time run again from where it stands. */
  unfreeze(): void {
    if (this.frozenAt === undefined) return;
    this.offsetMs = this.frozenAt - this.realNow();
    this.frozenAt = undefined;
    this.changed();
  }

  /** Jumps to an instant; keeps the frozen/running mode. ClockRangeError outside the sandbox's range. */
  set(atMs: number): void {
    checked(atMs);
    if (this.frozenAt !== undefined) this.frozenAt = atMs;
    else this.offsetMs = atMs - this.realNow();
    this.changed();
  }

  /** Moves time forward (or back, with a negative value). */
  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  /**
   * Applies a change as a whole: the instant it would lead to is checked first, so a change that
   * would leave the sandbox's range (ClockRangeError) leaves the clock exactly as it was.
   */
  apply(change: ClockChange): void {
    let at = change.real ? this.realNow() : this.now();
    if (change.set !== undefined) at = checked(change.set);
    if (change.advanceMs !== undefined) at = checked(at + change.advanceMs);
    checked(at);
    if (change.real) this.resetToReal();
    const moved = change.set !== undefined || change.advanceMs !== undefined;
    if (moved) this.set(at);
    // Freeze AT the instant just set: reading the running clock again would be a few ms later.
    if (change.freeze === true) this.freeze(moved ? at : undefined);
    if (change.freeze === false) this.unfreeze();
  }

  /** Back to real time, running. */
  resetToReal(): void {
    this.offsetMs = 0;
    this.frozenAt = undefined;
    this.changed();
  }

  /** The clock as two numbers (a frozen instant, or the offset from real time): what a journal keeps. */
  state(): ClockState {
    return this.frozenAt === undefined ? { offsetMs: this.offsetMs } : { offsetMs: this.offsetMs, frozenAt: this.frozenAt };
  }

  /** Puts back a {@link state}: a frozen clock at the same instant, a running one at the same offset. */
  restore(state: ClockState): void {
    this.offsetMs = state.offsetMs;
    this.frozenAt = state.frozenAt;
  }

  toJSON(): { now: number; iso: string; frozen: boolean } {
    const now = this.now();
    return { now, iso: new Date(now).toISOString(), frozen: this.frozen };
  }
}
