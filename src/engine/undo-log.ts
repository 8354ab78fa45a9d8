/**
 * What lets a store transaction roll back: while a rule runs, the state it sees is a view that
 * records the previous value of everything the rule changes, so that a throw half-way (a bug, a
 * runtime limit) can put every touched part back. Untouched parts cost nothing: the view is built
 * lazily, object by object, as the rule reaches them, and only writes are recorded.
 *
 * Plain objects, arrays, Maps and Sets are tracked this way. Structures too big to track write by
 * write (the code table's columns, the event log, the id generators, the token book) implement
 * `SelfTracking`: they are handed an undo function on first touch and record their own, cheaper
 * undo steps (a truncation instead of a million deletions). Any other typed array is copied on
 * first touch. Dates, RegExps and other exotic objects are passed through untracked: state must
 * not keep mutable ones.
 *
 * Limits, by design: a Map or Set key that a rolled-back rule deleted comes back at the end of the
 * iteration order (state whose order matters and that deletes, such as the token book, tracks
 * itself); accessor properties (setters) on state objects would run against the raw object.
 */

/** The method a self-tracking structure implements (see `SelfTracking`). */
export const TRACK: unique symbol = Symbol('coupon-sandbox.track');

/** Registers one undo step; steps run in reverse order on rollback. */
export type Undo = (step: () => void) => void;

/**
 * A structure that records its own undo steps. `[TRACK](undo)` is called when a transaction first
 * reaches it; it records every change through `undo` until `[TRACK](undefined)` ends the
 * transaction (committed or rolled back).
 */
export interface SelfTracking {
  [TRACK](undo: Undo | undefined): void;
}

function isSelfTracking(value: object): value is SelfTracking {
  return typeof (value as Partial<SelfTracking>)[TRACK] === 'function';
}

/** Proxy -> the object it stands for, for every view of every transaction. */
const rawTargets = new WeakMap<object, object>();

/** The object behind a tracked view (or the value itself). */
export function rawOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  return (rawTargets.get(value) as T | undefined) ?? value;
}

const UNTRACKED = [Date, RegExp, WeakMap, WeakSet, Promise, ArrayBuffer] as const;

/**
 * The value as it may be stored in the state: views replaced by their objects, also inside new
 * plain objects, arrays, Maps and Sets a rule built (a spread of a view copies views into it).
 */
function storable(value: unknown, seen?: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const raw = rawTargets.get(value);
  if (raw) return raw;
  if (ArrayBuffer.isView(value) || UNTRACKED.some((type) => value instanceof type)) return value;
  const visited = seen ?? new Set<object>();
  if (visited.has(value)) return value;
  visited.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const key = storable(k, visited);
      const item = storable(v, visited);
      if (key !== k) {
        value.delete(k);
        value.set(key, item);
      } else if (item !== v) value.set(k, item);
    }
    return value;
  }
  if (value instanceof Set) {
    for (const v of [...value]) {
      const item = storable(v, visited);
      if (item !== v) {
        value.delete(v);
        value.add(item);
      }
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === 'object' && v !== null) {
      const item = storable(v, visited);
      if (item !== v) record[key] = item;
    }
  }
  return value;
}

/**
 * The undo log of one transaction: `view(state)` is what the rule gets; `rollback()` restores
 * every change made through it; `close()` ends it (views then read and write straight through).
 */
export class UndoLog {
  private readonly steps: (() => void)[] = [];
  private readonly views = new WeakMap<object, object>();
  private readonly selfTracking: SelfTracking[] = [];
  private open = true;
  private readonly undo: Undo = (step) => {
    if (this.open) this.steps.push(step);
  };

  /** The tracked view of a value of the state (primitives and functions as they are). */
  view<T>(value: T): T {
    if (!this.open || typeof value !== 'object' || value === null) return value;
    const target = rawOf(value) as object;
    const existing = this.views.get(target);
    if (existing) return existing as T;
    let view: object;
    if (isSelfTracking(target)) {
      target[TRACK](this.undo);
      this.selfTracking.push(target);
      view = target;
    } else if (ArrayBuffer.isView(target)) {
      view = target;
      if (!(target instanceof DataView)) {
        const typed = target as unknown as { slice(): typeof typed; set(from: typeof typed): void };
        const copy = typed.slice();
        this.undo(() => typed.set(copy));
      }
    } else if (UNTRACKED.some((type) => target instanceof type) || Object.isFrozen(target)) {
      view = target;
    } else if (target instanceof Map) {
      view = this.mapView(target);
    } else if (target instanceof Set) {
      view = this.setView(target);
    } else {
      view = new Proxy(target, this.objectHandler);
    }
    this.views.set(target, view);
    if (view !== target) rawTargets.set(view, target);
    return view as T;
  }

  /** Puts back every change, newest first. */
  rollback(): void {
    for (let i = this.steps.length - 1; i >= 0; i--) this.steps[i]!();
    this.steps.length = 0;
  }

  /** Ends the transaction: self-tracking structures stop recording, views become pass-through. */
  close(): void {
    this.open = false;
    this.steps.length = 0;
    for (const structure of this.selfTracking) structure[TRACK](undefined);
  }

  private readonly objectHandler: ProxyHandler<object> = {
    get: (target, key) => {
      const value = (target as Record<PropertyKey, unknown>)[key];
      return typeof value === 'object' && value !== null ? this.view(value) : value;
    },
    set: (target, key, value) => {
      const record = target as Record<PropertyKey, unknown>;
      if (this.open) {
        // Writing an index past the end grows an array's length implicitly: keep the length too.
        if (Array.isArray(target)) {
          const length = target.length;
          this.steps.push(() => void (target.length = length));
        }
        const had = Object.prototype.hasOwnProperty.call(record, key);
        const old = record[key];
        this.steps.push(had ? () => void (record[key] = old) : () => void delete record[key]);
      }
      record[key] = storable(value);
      return true;
    },
    deleteProperty: (target, key) => {
      const record = target as Record<PropertyKey, unknown>;
      if (!Object.prototype.hasOwnProperty.call(record, key)) return true;
      const old = record[key];
      this.undo(() => void (record[key] = old));
      return delete record[key];
    },
    defineProperty: (target, key, descriptor) => {
      const previous = Object.getOwnPropertyDescriptor(target, key);
      this.undo(() => {
        if (previous) Object.defineProperty(target, key, previous);
        else delete (target as Record<PropertyKey, unknown>)[key];
      });
      if ('value' in descriptor) descriptor = { ...descriptor, value: storable(descriptor.value) };
      return Reflect.defineProperty(target, key, descriptor);
    },
  };

  /** A Map's view: its methods act on the Map itself (Map methods need the real `this`). */
  private mapView(map: Map<unknown, unknown>): object {
    // Keys that were absent are undone in batches (one step deleting many keys), so a rule that
    // adds a million entries records a million keys, not a million closures. Any other step of
    // this Map closes the batch, so steps still undo in reverse order.
    let batch: unknown[] | undefined;
    const restore = (key: unknown) => {
      if (!this.open) return;
      if (!map.has(key)) {
        if (!batch) {
          const keys: unknown[] = (batch = []);
          this.steps.push(() => {
            for (const k of keys) map.delete(k);
          });
        }
        batch.push(key);
        return;
      }
      batch = undefined;
      const old = map.get(key);
      this.steps.push(() => void map.set(key, old));
    };
    const wrapEntries = function* (log: UndoLog) {
      for (const [k, v] of map) yield [log.view(k), log.view(v)];
    };
    const methods: Record<PropertyKey, unknown> = {
      get: (key: unknown) => this.view(map.get(rawOf(key))),
      has: (key: unknown) => map.has(rawOf(key)),
      set: (key: unknown, value: unknown) => {
        const k = rawOf(key);
        restore(k);
        map.set(k, storable(value));
        return view;
      },
      delete: (key: unknown) => {
        const k = rawOf(key);
        if (!map.has(k)) return false;
        restore(k);
        return map.delete(k);
      },
      clear: () => {
        const entries = [...map];
        batch = undefined;
        this.undo(() => {
          map.clear();
          for (const [k, v] of entries) map.set(k, v);
        });
        map.clear();
      },
      forEach: (fn: (value: unknown, key: unknown, m: unknown) => void, thisArg?: unknown) => {
        for (const [k, v] of map) fn.call(thisArg, this.view(v), this.view(k), view);
      },
      entries: () => wrapEntries(this),
      [Symbol.iterator]: () => wrapEntries(this),
      keys: () => map.keys(),
      values: function* (this: void, log: UndoLog) {
        for (const v of map.values()) yield log.view(v);
      }.bind(undefined, this),
    };
    const view: object = new Proxy(map, {
      get: (target, key) => {
        if (key === 'size') return target.size;
        if (Object.prototype.hasOwnProperty.call(methods, key)) return methods[key];
        return Reflect.get(target, key, target);
      },
    });
    return view;
  }

  /** A Set's view, like a Map's. */
  private setView(set: Set<unknown>): object {
    const methods: Record<PropertyKey, unknown> = {
      has: (value: unknown) => set.has(rawOf(value)),
      add: (value: unknown) => {
        const v = storable(value);
        if (!set.has(v)) {
          this.undo(() => void set.delete(v));
          set.add(v);
        }
        return view;
      },
      delete: (value: unknown) => {
        const v = rawOf(value);
        if (!set.has(v)) return false;
        this.undo(() => void set.add(v));
        return set.delete(v);
      },
      clear: () => {
        const values = [...set];
        this.undo(() => {
          set.clear();
          for (const v of values) set.add(v);
        });
        set.clear();
      },
      forEach: (fn: (value: unknown, key: unknown, s: unknown) => void, thisArg?: unknown) => {
        for (const v of set) fn.call(thisArg, this.view(v), this.view(v), view);
      },
      values: function* (this: void, log: UndoLog) {
        for (const v of set) yield log.view(v);
      }.bind(undefined, this),
    };
    methods.keys = methods.values;
    methods[Symbol.iterator] = methods.values;
    methods.entries = function* (this: void, log: UndoLog) {
      for (const v of set) yield [log.view(v), log.view(v)];
    }.bind(undefined, this);
    const view: object = new Proxy(set, {
      get: (target, key) => {
        if (key === 'size') return target.size;
        if (Object.prototype.hasOwnProperty.call(methods, key)) return methods[key];
        return Reflect.get(target, key, target);
      },
    });
    return view;
  }
}

/**
 * A deep copy of JSON-like state data (objects, arrays, Maps, Sets, Dates, primitives), reading
 * through tracked views: `structuredClone` refuses a Proxy.
 */
export function clone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const raw = rawOf(value) as unknown;
  if (raw instanceof Date) return new Date(raw.getTime()) as T;
  if (raw instanceof Map) return new Map([...raw].map(([k, v]) => [clone(k), clone(v)])) as T;
  if (raw instanceof Set) return new Set([...raw].map((v) => clone(v))) as T;
  if (ArrayBuffer.isView(raw)) return structuredClone(raw) as T;
  if (Array.isArray(raw)) return raw.map((v) => clone(v)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw as object)) out[key] = clone((raw as Record<string, unknown>)[key]);
  return out as T;
}
