/**
 * Rows whose every answer adds state, measured with a small world and a large one: GET /cgi-bin/token
 * (a token per answer) and waiqin365 receiveVoucherInfo (a holding per answer). The runs are
 * counted (BENCH_GROWTH_REQUESTS per run), not timed, so a run adds the same state at either size;
 * the row prints the rate at the end as a share of the rate at the start (flat: about 100%).
 * BENCH_GROWTH_SMALL / BENCH_GROWTH_LARGE set the two sizes (default 10^3 and 10^5).
 */
import { Agent, request as httpRequest } from 'node:http';
import type { LoadRequest } from './load.js';
import { startServer, type BenchServer } from './spawn.js';
import { markdownTable, ms } from './table.js';

const SMALL = Number(process.env.BENCH_GROWTH_SMALL ?? '1000');
const LARGE = Number(process.env.BENCH_GROWTH_LARGE ?? '100000');
const REQUESTS = Number(process.env.BENCH_GROWTH_REQUESTS ?? '3000');
const CONNECTIONS = Number(process.env.BENCH_GROWTH_CONNECTIONS ?? '10');
const ROUNDS = 3;

interface Spec {
  name: string;
  unit: string;
  request: string;
  grow: string;
  count: string;
}

const SPECS: Spec[] = [
  { name: 'GET /cgi-bin/token (each answer issues a token)', unit: 'tokens', request: 'tokenRequest', grow: 'issueTokens', count: 'tokenCount' },
  { name: 'POST waiqin receiveVoucherInfo (signed; each answer adds a holding)', unit: 'holdings', request: 'receiveRequest', grow: 'addHoldings', count: 'holdingCount' },
];

/**
 * One counted run: exactly `REQUESTS` requests over `CONNECTIONS` keep-alive connections, timed to
 * the millisecond (autocannon's `amount` ends on its one-second tick, which would flatten any rate).
 */
async function counted(url: string, request: LoadRequest, amount = REQUESTS): Promise<{ rps: number; p99: number; failures: number }> {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let failures = 0;
  let left = amount;
  const one = () =>
    new Promise<void>((done) => {
      const t = performance.now();
      const req = httpRequest({ hostname, port, method: request.method, path: request.path, headers: request.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - t);
          if ((res.statusCode ?? 0) >= 300) failures++;
          done();
        });
      });
      req.on('error', () => {
        failures++;
        done();
      });
      req.end(request.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (left-- > 0) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: amount / seconds, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, failures };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function row(spec: Spec): Promise<(string | number)[]> {
  const server: BenchServer = await startServer('sandbox');
  try {
    const size = async () => (await server.call<number>(spec.count)).value;
    const request = (await server.call<LoadRequest>(spec.request)).value;
    await counted(server.url, request, Math.min(500, SMALL)); // JIT warm-up on the real path, within the small size
    const growTo = async (target: number) => {
      const have = await size();
      return target > have ? (await server.call<number>(spec.grow, target - have)).ms : 0;
    };
    await growTo(SMALL);
    const start = await size();
    const starts = [];
    for (let i = 0; i < ROUNDS; i++) starts.push(await counted(server.url, request));
    const setupMs = await growTo(LARGE);
    const end = await size();
    const ends = [];
    for (let i = 0; i < ROUNDS; i++) ends.push(await counted(server.url, request));
    const rate = (runs: { rps: number }[]) => median(runs.map((r) => r.rps));
    const failures = [...starts, ...ends].reduce((n, r) => n + r.failures, 0);
    return [
      spec.name,
      `${start.toLocaleString('en-US')} → ${end.toLocaleString('en-US')} ${spec.unit}`,
      `${Math.round(rate(starts))} → ${Math.round(rate(ends))}`,
      `**${((rate(ends) / rate(starts)) * 100).toFixed(0)}%**`,
      `${ms(median(starts.map((r) => r.p99)))} → ${ms(median(ends.map((r) => r.p99)))}`,
      `${(setupMs / 1000).toFixed(1)} s`,
      `${failures}/${2 * ROUNDS * REQUESTS}`,
    ];
  } finally {
    await server.stop();
  }
}

/** The state-growth table. */
export async function stateGrowth(): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const spec of SPECS) rows.push(await row(spec));
  return (
    markdownTable(['request', 'state: start → end', 'req/s: start → end (median of 3)', 'end as % of start', 'p99: start → end', 'set-up to the end state', 'non-2xx or errors'], rows) +
    `\n\nEach run sends ${REQUESTS.toLocaleString('en-US')} requests over ${CONNECTIONS} connections (counted: every answer adds state). ` +
    'The state is grown between the two sizes through the engine (no HTTP). Tokens beyond 100 000 are forgotten oldest first (MAX_REMEMBERED_TOKENS).'
  );
}
