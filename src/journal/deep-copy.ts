/**
 * A deep copy of a vendor state that keeps what `structuredClone` and the undo log's JSON-like
 * clone lose: class instances (code tables, event logs, PRNGs keep their prototypes), symbol keys,
 * and shared references (an object reached twice is copied once). Functions are kept as they are.
 */
export function deepCopy<T>(value: T): T {
  const seen = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const done = seen.get(v);
    if (done !== undefined) return done;
    if (v instanceof Date) return remember(v, new Date(v.getTime()));
    if (ArrayBuffer.isView(v)) return remember(v, (v as unknown as { slice(): unknown }).slice());
    if (v instanceof Map) {
      const out = remember(v, new Map());
      for (const [k, x] of v) out.set(copy(k), copy(x));
      return out;
    }
    if (v instanceof Set) {
      const out = remember(v, new Set());
      for (const x of v) out.add(copy(x));
      return out;
    }
    if (Array.isArray(v)) {
      const out = remember(v, new Array<unknown>(v.length));
      for (let i = 0; i < v.length; i++) out[i] = copy(v[i]);
      return out;
    }
    const out = remember(v, Object.create(Object.getPrototypeOf(v) as object | null) as Record<string | symbol, unknown>);
    for (const key of Reflect.ownKeys(v)) out[key] = copy((v as Record<string | symbol, unknown>)[key]);
    return out;
  };
  const remember = <O>(from: object, to: O): O => {
    seen.set(from, to);
    return to;
  };
  return copy(value) as T;
}
