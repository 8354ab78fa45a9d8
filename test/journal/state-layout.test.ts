import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { STATE_LAYOUT } from '../../src/journal/state-layout.js';
import { createSandbox } from '../../src/sandbox.js';

/**
 * The shape of a value: keys and types, an array or Map by its first element, a class by its
 * name. Values themselves do not count (another seed has the same shape).
 */
function shape(value: unknown, depth = 0): string {
  if (depth > 8) return '…';
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  if (value instanceof Map)
    return `Map<${value.size ? shape([...value.keys()][0], depth + 1) : '?'},${value.size ? shape([...value.values()][0], depth + 1) : '?'}>`;
  if (value instanceof Set) return `Set<${value.size ? shape([...value][0], depth + 1) : '?'}>`;
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (Array.isArray(value)) return `[${value.length ? shape(value[0], depth + 1) : '?'}]`;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'Object';
  const keys = Object.keys(value).sort();
  return `${name}{${keys.map((k) => `${k}:${shape((value as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
}

/** Recorded with the layout it belongs to: change the state's shape, and bump STATE_LAYOUT with this. */
const RECORDED = { layout: 3, fingerprint: 'bf66f6bf0ca6b85e' };

describe('the state layout a data dir is written with', () => {
  it('names a new STATE_LAYOUT whenever the shape of a vendor state changes', () => {
    const sandbox = createSandbox({ seed: 1 });
    const shapes = sandbox.world.vendors.map((v) => `${v}=${shape(sandbox.world.store(v).peek())}`).join('\n');
    const fingerprint = createHash('sha256').update(shapes).digest('hex').slice(0, 16);
    expect(
      { layout: STATE_LAYOUT, fingerprint },
      'the shape of a vendor state changed: bump STATE_LAYOUT in src/journal/state-layout.ts and record the new fingerprint here',
    ).toEqual(RECORDED);
  });
});
