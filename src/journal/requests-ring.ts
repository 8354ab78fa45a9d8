import { maskSecrets } from '../pipeline/log-mask.js';
import { isoShanghai } from './journal-view.js';
import { survivesUtf8, TextChunks, utf8Bound, type TextChunk } from './text-chunks.js';

/** One answered request as the ring shows it (bodies as text; masked when shown). */
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
  requestBody: string;
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

/** Bytes a record counts besides its texts (the fixed fields). */
const FIXED_BYTES = 200;

const RID = / rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})/;

/** Slots allocated by the first request; the ring doubles from there (a world that is never called holds none). */
const FIRST_CAPACITY = 16;

/**
 * The last requests of a world, reads included, bounded by count and by bytes (default 10,000 or
 * 64 MB, whichever comes first): for verification in tests (`/_sandbox/requests/count`) and for
 * WeChat's `rid/get`. Secrets are masked when a record is shown, not on the hot path.
 *
 * Every request is recorded, so the ring is kept in columns (one array per field, a circular
 * buffer that doubles when full) rather than one object per request: recording is a dozen stores
 * and allocates nothing, and the garbage collector has no record objects to copy out of the young
 * generation. The texts (path and both bodies) go into reused UTF-8 byte chunks
 * (text-chunks.ts), not strings the collector would have to copy and trace. A
 * {@link RequestRecord} is built only when one is read.
 */
export class RequestsRing {
  /** Slot of the oldest record; records occupy `head, head+1, ...` modulo the capacity. */
  private head = 0;
  private size = 0;
  private capacity = 0;
  private bytes = 0;
  private nextId = 1;
  /** rid -> id of the record that answered with it. */
  private readonly byRid = new Map<string, number>();
  private ids = new Float64Array(0);
  private ats = new Float64Array(0);
  private statuses = new Float64Array(0);
  private durations = new Float64Array(0);
  /** Where each record's texts are: chunk, first byte, then path, request and answer byte lengths. */
  private chunks: (TextChunk | undefined)[] = [];
  private starts = new Float64Array(0);
  private pathBytes = new Float64Array(0);
  private requestBytes = new Float64Array(0);
  private responseBytes = new Float64Array(0);
  /** The texts themselves, for a record whose texts UTF-8 would change (a lone surrogate). */
  private odd: ([string, string, string] | undefined)[] = [];
  private readonly texts = new TextChunks();
  private methods: string[] = [];
  private vendors: string[] = [];
  private operations: (string | undefined)[] = [];
  private outcomes: string[] = [];
  private callers: (string | undefined)[] = [];
  private rids: (string | undefined)[] = [];

  constructor(
    readonly limit = 10_000,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** Records one answered request (the newest); evicts the oldest beyond the count or byte limit. */
  add(
    at: number,
    method: string,
    path: string,
    vendor: string,
    operation: string | undefined,
    outcome: string,
    status: number,
    ms: number,
    requestBody: string,
    responseBody: string,
    caller: string | undefined,
  ): void {
    // Only WeChat's error answers carry a rid.
    const rid = vendor === 'wechat' && outcome !== 'ok' ? RID.exec(responseBody)?.[1] : undefined;
    if (this.size === this.capacity) this.grow();
    const slot = (this.head + this.size) & (this.capacity - 1);
    const id = this.nextId++;
    this.ids[slot] = id;
    this.ats[slot] = at;
    this.statuses[slot] = status;
    this.durations[slot] = ms;
    this.methods[slot] = method;
    this.vendors[slot] = vendor;
    this.operations[slot] = operation;
    this.outcomes[slot] = outcome;
    this.callers[slot] = caller;
    this.rids[slot] = rid;
    if (survivesUtf8(path) && survivesUtf8(requestBody) && survivesUtf8(responseBody)) {
      const texts = this.texts;
      const chunk = texts.open(utf8Bound(path) + utf8Bound(requestBody) + utf8Bound(responseBody));
      this.chunks[slot] = chunk;
      this.starts[slot] = chunk.used;
      this.pathBytes[slot] = texts.write(chunk, path);
      this.requestBytes[slot] = texts.write(chunk, requestBody);
      this.responseBytes[slot] = texts.write(chunk, responseBody);
    } else {
      this.chunks[slot] = undefined;
      this.odd[slot] = [path, requestBody, responseBody];
    }
    this.size++;
    this.bytes += this.sizeAt(slot);
    if (rid) this.byRid.set(rid, id);
    while (this.size > this.limit || (this.bytes > this.maxBytes && this.size > 1)) this.evict();
  }

  /** Doubles the columns, the oldest record moving to slot 0. */
  private grow(): void {
    const capacity = this.capacity === 0 ? FIRST_CAPACITY : this.capacity * 2;
    const order = Array.from({ length: this.size }, (_, k) => (this.head + k) & (this.capacity - 1));
    const numbers = (column: Float64Array) => {
      const next = new Float64Array(capacity);
      order.forEach((slot, k) => (next[k] = column[slot]!));
      return next;
    };
    const texts = <T>(column: T[]) => {
      const next = new Array<T>(capacity);
      order.forEach((slot, k) => (next[k] = column[slot]!));
      return next;
    };
    this.ids = numbers(this.ids);
    this.ats = numbers(this.ats);
    this.statuses = numbers(this.statuses);
    this.durations = numbers(this.durations);
    this.starts = numbers(this.starts);
    this.pathBytes = numbers(this.pathBytes);
    this.requestBytes = numbers(this.requestBytes);
    this.responseBytes = numbers(this.responseBytes);
    this.chunks = texts(this.chunks);
    this.odd = texts(this.odd);
    this.methods = texts(this.methods);
    this.vendors = texts(this.vendors);
    this.operations = texts(this.operations);
    this.outcomes = texts(this.outcomes);
    this.callers = texts(this.callers);
    this.rids = texts(this.rids);
    this.head = 0;
    this.capacity = capacity;
  }

  /** Drops the oldest record (its texts' bytes are freed; the numbers are overwritten by the next). */
  private evict(): void {
    const slot = this.head;
    this.bytes -= this.sizeAt(slot);
    const rid = this.rids[slot];
    if (rid && this.byRid.get(rid) === this.ids[slot]) this.byRid.delete(rid);
    const chunk = this.chunks[slot];
    if (chunk) this.texts.release(chunk);
    this.methods[slot] = this.vendors[slot] = this.outcomes[slot] = '';
    this.operations[slot] = this.callers[slot] = this.rids[slot] = this.chunks[slot] = this.odd[slot] = undefined;
    this.head = (slot + 1) & (this.capacity - 1);
    this.size--;
  }

  /** Bytes the record in `slot` counts against `maxBytes`: its texts' UTF-8 (2 per unit when kept as strings) and the fixed fields. */
  private sizeAt(slot: number): number {
    const odd = this.odd[slot];
    if (odd) return 2 * (odd[0].length + odd[1].length + odd[2].length) + FIXED_BYTES;
    return this.pathBytes[slot]! + this.requestBytes[slot]! + this.responseBytes[slot]! + FIXED_BYTES;
  }

  /** The record in slot `slot`. */
  private record(slot: number): RequestRecord {
    const chunk = this.chunks[slot];
    let path: string, requestBody: string, responseBody: string;
    if (chunk) {
      const start = this.starts[slot]!;
      const pathBytes = this.pathBytes[slot]!;
      const requestBytes = this.requestBytes[slot]!;
      path = this.texts.read(chunk, start, pathBytes);
      requestBody = this.texts.read(chunk, start + pathBytes, requestBytes);
      responseBody = this.texts.read(chunk, start + pathBytes + requestBytes, this.responseBytes[slot]!);
    } else [path, requestBody, responseBody] = this.odd[slot]!;
    return {
      id: this.ids[slot]!,
      at: this.ats[slot]!,
      method: this.methods[slot]!,
      path,
      vendor: this.vendors[slot]!,
      operation: this.operations[slot],
      outcome: this.outcomes[slot]!,
      status: this.statuses[slot]!,
      ms: this.durations[slot]!,
      requestBody,
      responseBody,
      caller: this.callers[slot],
      rid: this.rids[slot],
    };
  }

  /** The request that answered with this WeChat rid, while the ring still holds it. */
  findRid(rid: string): RequestRecord | undefined {
    const id = this.byRid.get(rid);
    if (id === undefined || this.size === 0) return undefined;
    // Ids are consecutive from the oldest record on.
    const k = id - this.ids[this.head]!;
    if (k < 0 || k >= this.size) return undefined;
    return this.record((this.head + k) & (this.capacity - 1));
  }

  /** Slots of the records the filter selects, newest first. */
  private *newestFirst(filter: RequestFilter): Generator<number> {
    for (let k = this.size - 1; k >= 0; k--) {
      const slot = (this.head + k) & (this.capacity - 1);
      if (filter.after !== undefined && this.ids[slot]! <= filter.after) return;
      if (filter.vendor && this.vendors[slot] !== filter.vendor) continue;
      if (filter.operation && this.operations[slot] !== filter.operation) continue;
      if (filter.outcome && this.outcomes[slot] !== filter.outcome) continue;
      yield slot;
    }
  }

  /** Newest first (default 100, at most 10,000), bodies with secrets masked. */
  list(filter: RequestFilter, known: readonly string[] = []): Record<string, unknown>[] {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 10_000);
    const out: Record<string, unknown>[] = [];
    for (const slot of this.newestFirst(filter)) {
      if (out.length >= limit) break;
      out.push(requestView(this.record(slot), known));
    }
    return out;
  }

  count(filter: RequestFilter): number {
    let n = 0;
    for (const _ of this.newestFirst(filter)) n++;
    return n;
  }

  clear(): void {
    while (this.size > 0) this.evict();
    this.texts.clear();
    this.head = 0;
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
    request: { body: maskSecrets(r.requestBody, known) },
    response: { body: maskSecrets(r.responseBody, known) },
  };
}
