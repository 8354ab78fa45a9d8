import { describe, expect, it } from 'vitest';
import { SandboxClock } from '../../src/engine/clock.js';

/** A clock over a controllable "real" time. */
function clockAt(real: number) {
  const time = { real };
  return { time, clock: new SandboxClock(() => time.real) };
}

describe('the sandbox clock', () => {
  it('set and freeze in one move freezes at the instant set, however long the real clock takes', () => {
    // Real time moves on every read, as it does on a loaded machine between two reads.
    let real = 5_000_000;
    const clock = new SandboxClock(() => (real += 3));
    clock.apply({ set: 9_000_000, freeze: true });
    expect(clock.toJSON()).toMatchObject({ now: 9_000_000, frozen: true });
    clock.apply({ advanceMs: 1_000, freeze: true });
    expect(clock.now()).toBe(9_001_000);
  });

  it('follows real time until moved, then keeps its offset', () => {
    const { time, clock } = clockAt(1_000_000);
    expect(clock.now()).toBe(1_000_000);
    clock.advance(5_000);
    time.real += 1_000;
    expect(clock.now()).toBe(1_006_000);
    expect(clock.nowSeconds()).toBe(1_006);
  });

  it('stands still when frozen and runs on from the frozen instant when released', () => {
    const { time, clock } = clockAt(2_000_000);
    clock.freeze();
    time.real += 60_000;
    expect(clock.now()).toBe(2_000_000);
    clock.advance(1_000);
    expect(clock.now()).toBe(2_001_000);
    clock.unfreeze();
    time.real += 500;
    expect(clock.now()).toBe(2_001_500);
    expect(clock.frozen).toBe(false);
  });

  it('sets an instant in either mode and returns to real time on reset', () => {
    const { clock } = clockAt(3_000_000);
    clock.set(10);
    expect(clock.now()).toBe(10);
    clock.freeze(42);
    expect(clock.toJSON()).toEqual({ now: 42, iso: new Date(42).toISOString(), frozen: true });
    clock.resetToReal();
    expect(clock.toJSON()).toEqual({ now: 3_000_000, iso: new Date(3_000_000).toISOString(), frozen: false });
  });
});
