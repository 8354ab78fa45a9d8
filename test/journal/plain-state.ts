import type { Sandbox } from '../../src/sandbox.js';

/**
 * What self-tracking structures (the code table) keep for the transaction they are in: scratch that
 * a replay, which runs without the undo log, leaves as it was. Not state.
 */
const SCRATCH = new Set(['sizeAtStart', 'savedExtra', 'undo']);

/** A vendor state as comparable data: Maps and Sets as entries, typed arrays as arrays, objects with their class name, functions left out. */
export function plain(value: unknown, seen = new Set<unknown>()): unknown {
  if (typeof value === 'function') return '[fn]';
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[seen]';
  seen.add(value);
  if (value instanceof Map) return ['Map', [...value].map(([k, v]) => [plain(k, seen), plain(v, seen)])];
  if (value instanceof Set) return ['Set', [...value].map((v) => plain(v, seen))];
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map((v) => plain(v, seen));
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  const fields = Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !SCRATCH.has(k))
      .map(([k, v]) => [k, plain(v, seen)]),
  );
  return [name, fields];
}

/** Every vendor's state of a sandbox, comparable. */
export const state = (sandbox: Sandbox) => Object.fromEntries(sandbox.world.vendors.map((v) => [v, plain(sandbox.world.store(v).peek())]));
