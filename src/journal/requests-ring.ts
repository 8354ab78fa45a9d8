import { maskSecrets } from '../pipeline/log-mask.js';
import { isoShanghai } from './journal-view.js';

/** One answered request as the ring keeps it (bodies raw; masked when shown). */
export interface RequestRecord {
  id: number;
  /** Sandbox time of arrival (ms). */
  at: number;
  method: string;
  /** Path and query as requested (masked when shown). */
  path: string;
  vendor: string;
  operation: string | undefined;
  outcome: string;
  status: number;
  ms: number;
  /** The raw body bytes (decoded when shown), or its text. */
  requestBody: Uint8Array | string;
  responseBody: string;
  /** The authenticated caller (a WeChat appid...), when known. */
  caller: string | undefined;
  /** WeChat: the ` rid: ...` of the error answer. */
  rid: string | undefined;
}

/** Filters of `GET /_sandbox/requests` and `/count`. */
export interface RequestFilter {
  vendor?: string;
  operation?: string;
  outcome?: string;
  limit?: number;
  /** Only requests with a larger id (live polling). */
  after?: number;
}

/** Bytes a record holds, roughly (UTF-16 strings plus the fixed fields). */
const sizeOf = (r: RequestRecord) => 2 * (r.path.length + r.requestBody.length + r.responseBody.length) + 200;
const decoder = new TextDecoder('utf-8');

/** A request body as text. */
export function requestText(r: RequestRecord): string {
  return typeof r.requestBody === 'string' ? r.requestBody : decoder.decode(r.requestBody);
}

const RID = / rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})/;

/**
 * The last requests of a world, reads included, bounded by count and by bytes (default 10,000 or
 * 64 MB, whichever comes first): for verification in tests (`/_sandbox/requests/count`) and for
 * WeChat's `rid/get`. Secrets are masked when a record is shown, not on the hot path.
 */
export class RequestsRing {
  private records: RequestRecord[] = [];
  private start = 0;
  private bytes = 0;
  private nextId = 1;
  private readonly byRid = new Map<string, RequestRecord>();

  constructor(
    readonly limit = 10_000,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  add(record: Omit<RequestRecord, 'id' | 'rid'>): void {
    // Only WeChat's error answers carry a rid.
    const rid = record.vendor === 'wechat' && record.outcome !== 'ok' ? RID.exec(record.responseBody)?.[1] : undefined;
    const full: RequestRecord = { ...record, id: this.nextId++, rid };
    this.records.push(full);
    this.bytes += sizeOf(full);
    if (rid) this.byRid.set(rid, full);
    while (this.records.length - this.start > this.limit || (this.bytes > this.maxBytes && this.records.length - this.start > 1)) this.evict();
    // Drop the evicted head now and then, not on every request.
    if (this.start > 1024 && this.start * 2 > this.records.length) {
      this.records = this.records.slice(this.start);
      this.start = 0;
    }
  }

  private evict(): void {
    const old = this.records[this.start]!;
    this.records[this.start++] = undefined as unknown as RequestRecord;
    this.bytes -= sizeOf(old);
    if (old.rid && this.byRid.get(old.rid) === old) this.byRid.delete(old.rid);
  }

  /** The request that answered with this WeChat rid, while the ring still holds it. */
  findRid(rid: string): RequestRecord | undefined {
    return this.byRid.get(rid);
  }

  private *newestFirst(filter: RequestFilter): Generator<RequestRecord> {
    for (let i = this.records.length - 1; i >= this.start; i--) {
      const r = this.records[i]!;
      if (filter.after !== undefined && r.id <= filter.after) return;
      if (filter.vendor && r.vendor !== filter.vendor) continue;
      if (filter.operation && r.operation !== filter.operation) continue;
      if (filter.outcome && r.outcome !== filter.outcome) continue;
      yield r;
    }
  }

  /** Newest first (default 100, at most 10,000), bodies with secrets masked. */
  list(filter: RequestFilter, known: readonly string[] = []): Record<string, unknown>[] {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 10_000);
    const out: Record<string, unknown>[] = [];
    for (const r of this.newestFirst(filter)) {
      if (out.length >= limit) break;
      out.push(requestView(r, known));
    }
    return out;
  }

  count(filter: RequestFilter): number {
    let n = 0;
    for (const _ of this.newestFirst(filter)) n++;
    return n;
  }

  clear(): void {
    this.records = [];
    this.start = 0;
    this.bytes = 0;
    this.byRid.clear();
  }
}

/** A record as `GET /_sandbox/requests` shows it. */
export function requestView(r: RequestRecord, known: readonly string[] = []): Record<string, unknown> {
  return {
    id: r.id,
    at: isoShanghai(r.at),
    method: r.method,
    path: maskSecrets(r.path, known),
    vendor: r.vendor,
    operation: r.operation ?? null,
    outcome: r.outcome,
    status: r.status,
    ms: Math.round(r.ms * 100) / 100,
    request: { body: maskSecrets(requestText(r), known) },
    response: { body: maskSecrets(r.responseBody, known) },
  };
}
