import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/engine/store.js';

describe('the memory store', () => {
  it('runs a change against the state and returns its result', () => {
    const store = new MemoryStore(() => ({ count: 0 }));
    expect(store.transact((s) => ++s.count)).toBe(1);
    expect(store.read((s) => s.count)).toBe(1);
  });

  it('refuses an asynchronous change, which could interleave with another request', () => {
    const store = new MemoryStore(() => ({ count: 0 }));
    expect(() => store.transact(async (s) => s.count)).toThrow('rules must be synchronous');
  });

  it('builds the state again from its initialiser on reset', () => {
    let built = 0;
    const store = new MemoryStore(() => ({ built: ++built }));
    store.transact((s) => (s.built = 99));
    store.reset();
    expect(store.read((s) => s.built)).toBe(2);
  });
});
