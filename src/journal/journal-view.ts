import type { JournalEntry } from './journal-entry.js';

/** Sandbox milliseconds as ISO 8601 in China Standard Time, milliseconds kept (`...T10:00:00.000+08:00`). */
export function isoShanghai(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}

/** Filters of `GET /_sandbox/journal`. */
export interface JournalFilter {
  vendor?: string;
  operation?: string;
  /** Entries at or after this instant (ISO 8601 or ms), or with a larger seq when a plain integer below 10^12. */
  since?: string;
  limit?: number;
  /** Entries whose input or refs contain this text. */
  q?: string;
}

/** An entry as `GET /_sandbox/journal` shows it. */
export function entryView(entry: JournalEntry): Record<string, unknown> {
  return {
    seq: entry.seq,
    at: isoShanghai(entry.at),
    vendor: entry.vendor,
    operation: entry.operation,
    input: entry.input ?? null,
    outcome: entry.outcome,
    refs: entry.refs,
  };
}

/** Reads `since`: an instant (ISO or ms since the epoch). Undefined when unreadable. */
export function sinceInstant(since: string | undefined): number | undefined {
  if (since === undefined || since === '') return undefined;
  if (/^\d+$/.test(since)) return Number(since);
  const ms = Date.parse(since);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Newest first, filtered, at most `limit` (default 100, at most 10,000). */
export function selectEntries(entries: readonly JournalEntry[], filter: JournalFilter): Record<string, unknown>[] {
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 10_000);
  const since = sinceInstant(filter.since);
  const out: Record<string, unknown>[] = [];
  for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
    const e = entries[i]!;
    if (since !== undefined && e.at < since) break;
    if (filter.vendor && e.vendor !== filter.vendor) continue;
    if (filter.operation && e.operation !== filter.operation) continue;
    if (filter.q && !e.refs.some((r) => r.includes(filter.q!)) && !JSON.stringify(e.input ?? null).includes(filter.q)) continue;
    out.push(entryView(e));
  }
  return out;
}
