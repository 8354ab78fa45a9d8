import autocannon from 'autocannon';

/** One HTTP request as the load generator sends it (repeated as is). */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers (expected for the validation-failure row). */
  non2xx: number;
  errors: number;
  total: number;
  /** Server CPU time (µs) used during the measured run, when a probe was given. */
  cpuMicros?: number;
}

/**
 * Drives `url` with autocannon on loopback for a bounded time and connection count, and returns
 * requests/s and latency percentiles (ms).
 */
export async function load(
  url: string,
  request: LoadRequest,
  connections: number,
  seconds: number,
  /** Reads the server's CPU time (µs); sampled around the measured run, after the warm-up. */
  serverCpu?: () => Promise<number>,
): Promise<LoadResult> {
  // One unrecorded second first, so JIT warm-up does not count against the row.
  await autocannon({ url, connections, duration: 1, requests: [{ method: request.method, path: request.path, headers: request.headers, body: request.body }] });
  const cpuStart = serverCpu ? await serverCpu() : 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: request.method, path: request.path, headers: request.headers, body: request.body }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
    cpuMicros: serverCpu ? (await serverCpu()) - cpuStart : undefined,
  };
}
