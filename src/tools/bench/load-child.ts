/**
 * The load generator in its own process, so that it can be pinned to a core of its own (the
 * server child gets another): autocannon running in the parent would share a core with whatever
 * the parent does, and an unpinned generator competes with the server it measures. The parent
 * sends one `run` at a time over IPC and gets the summary back.
 */
import autocannon from 'autocannon';
import type { LoadRequest } from './load-request.js';

export interface LoadSpec {
  url: string;
  request: LoadRequest;
  connections: number;
  /** Run for this long (s)... */
  seconds?: number;
  /** ...or send exactly this many requests (rows whose every request grows the state). */
  amount?: number;
  /** Hard stop (s) for an `amount` run, so a slow server cannot stretch the bench. */
  maxSeconds?: number;
  /** Fixed overall request rate (req/s) instead of as fast as the server answers. */
  rate?: number;
}

export interface LoadSummary {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
  elapsedMs: number;
}

type Message = { type: 'run'; id: number; spec: LoadSpec };

function run(spec: LoadSpec): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    const { request } = spec;
    const startedAt = performance.now();
    let lastResponseAt = startedAt;
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.amount !== undefined ? Math.min(spec.connections, spec.amount) : spec.connections,
        ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.seconds ?? 1 }),
        requests: [{ method: request.method, path: request.path, headers: request.headers, body: request.body }],
        // autocannon notices the end of a run only at its next sample tick (1 s by default): an
        // `amount` run would idle until then, a 1.5 s run would last 2 s.
        sampleInt: spec.amount !== undefined ? 20 : 100,
        ...(spec.rate !== undefined ? { overallRate: spec.rate } : {}),
      },
      (error, result) => {
        clearTimeout(cap);
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        // requests.average is a mean over sample buckets, and result.finish waits for the next tick:
        // both are off for short runs. Count / time to the last answer is not.
        const elapsedMs = Math.max(1, lastResponseAt - startedAt);
        resolve({
          rps: (result.requests.total / elapsedMs) * 1000,
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          total: result.requests.total,
          elapsedMs,
        });
      },
    );
    instance.on('response', () => {
      lastResponseAt = performance.now();
    });
    const cap = spec.maxSeconds !== undefined ? setTimeout(() => instance.stop(), spec.maxSeconds * 1000) : undefined;
  });
}

process.on('message', (message: Message) => {
  if (message.type !== 'run') return;
  run(message.spec).then(
    (value) => process.send?.({ type: 'result', id: message.id, value }),
    (error: unknown) => process.send?.({ type: 'result', id: message.id, error: String((error as Error).stack ?? error) }),
  );
});
// The parent is gone (finished, crashed, interrupted): never outlive it.
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
