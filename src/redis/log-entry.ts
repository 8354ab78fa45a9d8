import type { Vendor } from '../engine/vendor-error.js';
import type { JournalEntry } from '../journal/journal-entry.js';

/** Which control table an action is found in again: a vendor's, the world's, or the worlds registry's. */
export type ControlTableName = Vendor | 'world' | 'worlds';

/**
 * One entry of the shared log (a Redis Stream, src/redis/redis-log.ts): a change as it was
 * proposed, not as it turned out. Every instance applies the entries in the stream's order with
 * the same rules, so each turns out the same everywhere. `o` names the proposal (instance and
 * counter), so the proposer finds its own entry and answers with its own apply; `w` is the world.
 */
export type LogEntry =
  /** A vendor write (catalogue operation that writes or changes state), its validated input and caller. */
  | { readonly k: 'call'; readonly o: string; readonly w: string; readonly v: Vendor; readonly op: string; readonly in: unknown; readonly c: string }
  /** A control action that writes. */
  | {
      readonly k: 'control';
      readonly o: string;
      readonly w: string;
      readonly t: ControlTableName;
      readonly m: string;
      readonly p: string;
      readonly in: Record<string, unknown>;
      readonly pa: Record<string, string>;
    }
  /** A journal entry made outside any change (a refusal before the rule, a delivery attempt): recorded by all. */
  | { readonly k: 'note'; readonly o: string; readonly w: string; readonly e: Omit<JournalEntry, 'seq'> };

/** A Redis Stream id `ms-seq` as two numbers (ms is the Redis server's clock when the entry was added). */
export function streamId(id: string): [number, number] {
  const dash = id.indexOf('-');
  return dash < 0 ? [Number(id), 0] : [Number(id.slice(0, dash)), Number(id.slice(dash + 1))];
}

/** Orders two stream ids: negative when `a` comes first. */
export function compareIds(a: string, b: string): number {
  const [am, as] = streamId(a);
  const [bm, bs] = streamId(b);
  return am !== bm ? am - bm : as - bs;
}

/** A 32-bit seed of a stream id: the entropy every instance draws from when it applies that entry. */
export function idSeed(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
