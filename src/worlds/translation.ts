import type { Vendor } from '../engine/vendor-error.js';
import type { WorldTranslation } from '../pipeline/world.js';

/** One vendor's pairs: the sandbox's value and the world's own. */
export type TranslationPairs = Partial<Record<Vendor, readonly (readonly [sandbox: string, world: string])[]>>;

/**
 * The two-way renaming of a created world's credentials. WeChat Pay merchants and the waiqin365
 * tenant are fixed identities of the engine (its merchant table, its tenant); a created world gets
 * its own names for them, translated at the vendor's edge. A value is replaced only as a whole
 * token (not inside a longer run of digits or letters), so a stock id never matches an mchid.
 */
export function worldTranslation(pairs: TranslationPairs): WorldTranslation {
  const inward = new Map<Vendor, Replacer>();
  const outward = new Map<Vendor, Replacer>();
  for (const [vendor, list] of Object.entries(pairs) as [Vendor, readonly (readonly [string, string])[]][]) {
    inward.set(vendor, replacer(list.map(([sandbox, world]) => [world, sandbox])));
    outward.set(vendor, replacer(list));
  }
  return {
    inward: (vendor, value) => inward.get(vendor)?.(value) ?? value,
    outward: <T>(vendor: Vendor, value: T): T => {
      const replace = outward.get(vendor);
      return replace ? (deepReplace(value, replace) as T) : value;
    },
  };
}

type Replacer = (text: string) => string;

function replacer(list: readonly (readonly [string, string])[]): Replacer {
  const to = new Map(list);
  const escaped = list.map(([from]) => from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![0-9A-Za-z])(?:${escaped.join('|')})(?![0-9A-Za-z])`, 'g');
  return (text) => (text.length < 8 ? text : text.replace(pattern, (found) => to.get(found) ?? found));
}

function deepReplace(value: unknown, replace: Replacer): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((v) => deepReplace(v, replace));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepReplace(v, replace);
    return out;
  }
  return value;
}
