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

describe('a transaction that throws half-way', () => {
  const fail = () => {
    throw new Error('injected');
  };

  it('puts back every field, array element, Map entry and Set member it changed', () => {
    const store = new MemoryStore(() => ({
      n: 1,
      list: [1, 2, 3],
      nested: { deep: { value: 'a' } as { value: string; added?: number } },
      byId: new Map<string, { hits: number }>([['x', { hits: 0 }]]),
      seen: new Set(['a']),
    }));
    const before = store.read((s) => structuredClone(s));
    expect(() =>
      store.transact((s) => {
        s.n = 2;
        s.list.push(4);
        s.list[0] = 9;
        s.list.splice(1, 1);
        s.nested.deep.value = 'b';
        s.nested.deep.added = 1;
        s.byId.get('x')!.hits++;
        s.byId.set('y', { hits: 1 });
        s.byId.delete('x');
        s.byId.set('x', { hits: 5 });
        s.byId.set('z', { hits: 2 });
        s.seen.add('b');
        s.seen.delete('a');
        fail();
      }),
    ).toThrow('injected');
    expect(store.read((s) => structuredClone(s))).toEqual(before);
  });

  it('keeps a committed change, with no tracking views left in the state', () => {
    const store = new MemoryStore(() => ({ items: [] as { tags: string[] }[], holder: { ref: undefined as object | undefined } }));
    store.transact((s) => {
      s.items.push({ tags: ['t'] });
      s.holder.ref = { copy: { ...s.items[0]! } };
    });
    // structuredClone refuses a Proxy: every stored value is the plain object.
    expect(store.read((s) => structuredClone(s))).toEqual({ items: [{ tags: ['t'] }], holder: { ref: { copy: { tags: ['t'] } } } });
  });

  it('takes back ids drawn from a self-tracking generator', async () => {
    const { Random } = await import('../../src/engine/random.js');
    const store = new MemoryStore(() => ({ random: new Random(7) }));
    const next = new Random(7).next();
    expect(() =>
      store.transact((s) => {
        s.random.next();
        s.random.next();
        fail();
      }),
    ).toThrow('injected');
    expect(store.transact((s) => s.random.next())).toBe(next);
  });

  it('truncates the rows and undoes the row changes of the code table and event log', async () => {
    const { CodeTable } = await import('../../src/engine/wechat/code-table.js');
    const { EventLog } = await import('../../src/engine/wechat/events.js');
    const store = new MemoryStore(() => {
      const codes = new CodeTable();
      codes.add('111', 0, 0, 100);
      codes.extraOf(0).outerStr = 'seed';
      return { codes, events: new EventLog() };
    });
    const snapshot = () =>
      store.read((s) => ({
        size: s.codes.size,
        code: [...s.codes.code],
        state: s.codes.state[0],
        at: s.codes.changedAt[0],
        extra: [...s.codes.extra],
        events: s.events.length,
      }));
    const before = snapshot();
    expect(() =>
      store.transact((s) => {
        s.codes.setState(0, 1, 200);
        s.codes.rename(0, '222');
        s.codes.extraOf(0).outerStr = 'changed';
        s.codes.extraOf(0).activated = true;
        for (let i = 0; i < 1000; i++) s.codes.extraOf(s.codes.add(`n${i}`, 0, 0, 300)).fromCode = 'x';
        s.events.record(300, 1, 0, 'o');
        fail();
      }),
    ).toThrow('injected');
    expect(snapshot()).toEqual(before);
  });

  it('undoes what an async change did before its first await', () => {
    const store = new MemoryStore(() => ({ count: 0 }));
    expect(() =>
      store.transact(async (s) => {
        s.count = 5;
        await Promise.resolve();
      }),
    ).toThrow('rules must be synchronous');
    expect(store.read((s) => s.count)).toBe(0);
  });
});
