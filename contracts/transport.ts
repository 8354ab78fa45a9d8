import type { Operation } from '../src/operations.js';

/** A request exactly as the kit put it on the wire. */
export interface SentRequest {
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  /** Exact body text (signatures and digests are computed over these bytes). */
  body?: string;
}

/** One request and its answer, kept for the reports and for the safety tests. */
export interface Exchange {
  /** Operation id, or `control` for the sandbox's own surface. */
  operation: string;
  /** The contract case that sent it. */
  caseId?: string;
  request: SentRequest;
  status: number;
  /** Response headers, lower-cased names. */
  headers: Record<string, string>;
  text: string;
  /** Parsed body when it is JSON. */
  json?: unknown;
  ms: number;
}

/** Raised before sending when a request would break the run's safety policy. Nothing was sent. */
export class RequestRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestRefused';
  }
}

export interface TransportOptions {
  paceMs: number;
  timeoutMs: number;
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
}

/**
 * The kit's one way onto the network: strictly sequential (a request starts only after the
 * previous answer, plus `paceMs`), with a timeout, and recorded. Real vendors rate-limit and real
 * coupons are unique, so the kit never fires requests in parallel.
 */
export class Transport {
  readonly log: Exchange[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private lastEnd = 0;
  caseId: string | undefined;

  constructor(private readonly options: TransportOptions) {}

  /** Sends one request after every earlier one has finished; never rejects on HTTP errors. */
  send(request: SentRequest, operation: Operation | 'control'): Promise<Exchange> {
    const run = async () => {
      const wait = this.lastEnd + this.options.paceMs - Date.now();
      if (this.options.paceMs > 0 && wait > 0) await new Promise((r) => setTimeout(r, wait));
      const started = Date.now();
      try {
        return await this.fetchOnce(request, operation === 'control' ? 'control' : operation.id, started);
      } finally {
        this.lastEnd = Date.now();
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async fetchOnce(request: SentRequest, operation: string, started: number): Promise<Exchange> {
    const doFetch = this.options.fetch ?? fetch;
    const res = await doFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    const text = await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const exchange: Exchange = { operation, caseId: this.caseId, request, status: res.status, headers, text, json, ms: Date.now() - started };
    this.log.push(exchange);
    return exchange;
  }
}
