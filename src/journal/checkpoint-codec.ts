import { Random } from '../engine/random.js';
import { CodeTable } from '../engine/wechat/code-table.js';
import { EventLog } from '../engine/wechat/events.js';
import { TokenBook } from '../engine/wechat/tokens.js';

/**
 * The classes a world's state holds instances of. A checkpoint is written with `v8.serialize`,
 * which keeps Maps, Sets, Dates, typed arrays and shared references but turns a class instance
 * into a plain object: each instance is written as its class name and own fields, and given its
 * prototype back when read. A state holding an instance of a class missing here cannot be
 * checkpointed (the write throws, so it is found by the tests, not by a restart).
 */
const CLASSES: readonly (abstract new (...args: never[]) => object)[] = [Random, CodeTable, EventLog, TokenBook];

const byName = new Map(CLASSES.map((c) => [c.name, c.prototype as object]));
const PLAIN = new Set<unknown>([Object.prototype, Array.prototype, null]);

/** Tag of an encoded class instance: `{ [CLASS]: name, fields: {...} }`. */
const CLASS = '\u0000class';

/**
 * A copy of `value` that `v8.serialize` keeps whole: class instances tagged with their name.
 * Symbol keys are left out: the only one a state carries is the store's dispose hook, a function
 * bound to the state it came from.
 */
export function encodeState(value: unknown): unknown {
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'function') throw new TypeError('a checkpoint cannot hold a function');
    if (typeof v !== 'object' || v === null) return v;
    const done = seen.get(v);
    if (done !== undefined) return done;
    if (v instanceof Date || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return remember(v, v);
    if (v instanceof Map) {
      if (allPrimitive(v.keys()) && allPrimitive(v.values())) return remember(v, v);
      const out = remember(v, new Map());
      for (const [k, x] of v) out.set(walk(k), walk(x));
      return out;
    }
    if (v instanceof Set) {
      if (allPrimitive(v.values())) return remember(v, v);
      const out = remember(v, new Set());
      for (const x of v) out.add(walk(x));
      return out;
    }
    if (Array.isArray(v)) {
      if (allPrimitive(v)) return remember(v, v);
      const out = remember(v, new Array<unknown>(v.length));
      for (let i = 0; i < v.length; i++) out[i] = walk(v[i]);
      return out;
    }
    const proto = Object.getPrototypeOf(v) as object | null;
    const fields: Record<string, unknown> = {};
    let out: object = fields;
    if (!PLAIN.has(proto)) {
      const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? '';
      if (byName.get(name) !== proto) throw new TypeError(`a checkpoint cannot hold a ${name || 'class'} instance (add it to src/journal/checkpoint-codec.ts)`);
      out = { [CLASS]: name, fields };
    }
    remember(v, out);
    for (const key of Object.keys(v)) fields[key] = walk((v as Record<string, unknown>)[key]);
    return out;
  };
  const remember = <T>(from: object, to: T): T => (seen.set(from, to), to);
  return walk(value);
}

/** Whether no item is an object (such a collection is written as it is, not walked item by item). */
function allPrimitive(items: Iterable<unknown>): boolean {
  for (const x of items) if (typeof x === 'object' && x !== null) return false;
  return true;
}

/** The state {@link encodeState} was given, class instances with their prototypes again. */
export function decodeState(value: unknown): unknown {
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const done = seen.get(v);
    if (done !== undefined) return done;
    if (v instanceof Date || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v;
    if (v instanceof Map) {
      seen.set(v, v);
      if (!allPrimitive(v.keys())) {
        const entries = [...v];
        v.clear();
        for (const [k, x] of entries) v.set(walk(k), walk(x));
        return v;
      }
      // Only values that change are set again (a Map of a million entries is not rebuilt).
      for (const [k, x] of v) {
        if (typeof x !== 'object' || x === null) continue;
        const back = walk(x);
        if (back !== x) v.set(k, back);
      }
      return v;
    }
    if (v instanceof Set) {
      seen.set(v, v);
      if (allPrimitive(v.values())) return v;
      const items = [...v];
      v.clear();
      for (const x of items) v.add(walk(x));
      return v;
    }
    if (Array.isArray(v)) {
      seen.set(v, v);
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === 'object' && x !== null) v[i] = walk(x);
      }
      return v;
    }
    const record = v as Record<string, unknown>;
    if (typeof record[CLASS] === 'string') {
      const proto = byName.get(record[CLASS]);
      if (!proto) throw new TypeError(`checkpoint names an unknown class ${record[CLASS]}`);
      const out = Object.create(proto) as Record<string, unknown>;
      seen.set(v, out);
      const fields = record.fields as Record<string, unknown>;
      for (const key of Object.keys(fields)) out[key] = walk(fields[key]);
      return out;
    }
    seen.set(v, v);
    for (const key of Object.keys(record)) record[key] = walk(record[key]);
    return v;
  };
  return walk(value);
}
