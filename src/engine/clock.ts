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
export class SandboxClock {
  /** Offset added to the real clock while running. */
  private offsetMs = 0;
  /** Set while frozen: the instant the clock is stuck at. */
  private frozenAt: number | undefined;

  constructor(private readonly realNow: () => number = () => Date.now()) {}

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
    this.frozenAt = atMs;
  }

  /** Lets time run again from where it stands. */
  unfreeze(): void {
    if (this.frozenAt === undefined) return;
    this.offsetMs = this.frozenAt - this.realNow();
    this.frozenAt = undefined;
  }

  /** Jumps to an instant; keeps the frozen/running mode. */
  set(atMs: number): void {
    if (this.frozenAt !== undefined) this.frozenAt = atMs;
    else this.offsetMs = atMs - this.realNow();
  }

  /** Moves time forward (or back, with a negative value). */
  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  /** Back to real time, running. */
  resetToReal(): void {
    this.offsetMs = 0;
    this.frozenAt = undefined;
  }

  toJSON(): { now: number; iso: string; frozen: boolean } {
    const now = this.now();
    return { now, iso: new Date(now).toISOString(), frozen: this.frozen };
  }
}
