/**
 * What every section of the bench shares: the options, the pinning, and the one load-generator
 * process. `measure` is the one measured HTTP run every throughput figure comes from.
 */
import type { Loader, LoadRequest, LoadResult } from './load.js';
import type { BenchOptions } from './options.js';
import type { Pinning } from './pinning.js';
import { startServer, type BenchServer } from './spawn.js';
import type { ServerMode } from './child.js';

export interface BenchContext {
  options: BenchOptions;
  pinning: Pinning | undefined;
  loader: Loader;
}

/** A measured run plus what the server's CPU time says about it. */
export interface Measured extends LoadResult {
  /** Server CPU (µs, all threads) per answered request. */
  cpuPerRequest: number;
  /** Share of one core the server used during the run: near 100% when pinned and saturated. */
  busy: number;
}

/**
 * Other trees to compare with this one in the same rounds (BENCH_ALT_SANDBOX: comma-separated paths
 * to their src/node.ts, or to a built dist/src/node.js such as a copy of main's dist/).
 */
export function altTrees(): string[] {
  return (process.env.BENCH_ALT_SANDBOX ?? '').split(',').filter(Boolean);
}

export function server(ctx: BenchContext, mode: ServerMode, env?: Record<string, string>): Promise<BenchServer> {
  return startServer(mode, { cpu: ctx.pinning?.serverCpu, env });
}

function derive(r: LoadResult): Measured {
  const cpu = r.cpuMicros ?? NaN;
  return { ...r, cpuPerRequest: cpu / Math.max(1, r.total), busy: cpu / (r.elapsedMs * 1000) };
}

/** Drives `target` with `request` for the configured time (or `amount` requests, capped at `maxSeconds`). */
export async function measure(
  ctx: BenchContext,
  target: BenchServer,
  request: LoadRequest,
  bounds: { seconds?: number; amount?: number; maxSeconds?: number } = {},
): Promise<Measured> {
  const seconds = bounds.amount === undefined ? (bounds.seconds ?? ctx.options.seconds) : undefined;
  const result = await ctx.loader.run(
    {
      url: target.url,
      request,
      connections: ctx.options.connections,
      seconds,
      amount: bounds.amount,
      maxSeconds: bounds.maxSeconds,
      rate: bounds.amount === undefined ? ctx.options.rate : undefined,
    },
    () => target.cpu(),
  );
  return derive(result);
}

export function warm(ctx: BenchContext, target: BenchServer, request: LoadRequest): Promise<void> {
  return ctx.loader.warm(target.url, request, ctx.options.connections, ctx.options.quick ? 0.5 : 1);
}

/** Size of the body a request is answered with (context: bigger answers cost more) and the parsed body. */
export async function probe(target: BenchServer, request: LoadRequest): Promise<{ bytes: number; body: unknown }> {
  const res = await fetch(target.url + request.path, { method: request.method, headers: request.headers, body: request.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { bytes: Buffer.byteLength(text), body };
}

/** Below this share of its core, a server was not the bottleneck of a run. */
export const SATURATED = 0.85;

/**
 * Whether req/s ratios measured the servers: only when the baseline server kept its core busy. A
 * starved load generator (a shared machine) caps every server alike and compresses the ratios;
 * server CPU per request still compares them.
 */
export function saturationNote(baselineBusy: number): string {
  if (baselineBusy >= SATURATED) return '';
  return (
    `\n\n⚠ The baseline server kept its core only ${(baselineBusy * 100).toFixed(0)}% busy (< ${SATURATED * 100}%): the load ` +
    "generator or other processes limited these runs, so req/s ratios are not the servers' ratios; read server CPU per request instead, " +
    'or rerun on a quiet machine.'
  );
}
