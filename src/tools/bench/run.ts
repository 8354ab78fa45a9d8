/**
 * `npm run bench`: throughput, latency, memory and scale of the sandbox, each measured against a
 * baseline taken in the same run (absolute numbers vary between machines; ratios travel).
 * Loopback only, bounded in time: BENCH_SECONDS per load run (default 4), BENCH_CONNECTIONS
 * (default 50), BENCH_ROUNDS (default 4). Prints markdown tables (the README's performance section is pasted from them).
 */
import { load, type LoadRequest, type LoadResult } from './load.js';
import { measureMsw } from './msw-path.js';
import { startServer } from './spawn.js';
import { measureStartup } from './startup.js';
import { stateGrowth } from './state-growth.js';
import { markdownTable, mb, ms, ratio } from './table.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? '4');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '50');
const BIG = Number(process.env.BENCH_BIG_CODES ?? '1000000');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '4');

/** Size of the body the request is answered with (context for the row: bigger answers cost more). */
async function responseBytes(url: string, request: LoadRequest): Promise<number> {
  const res = await fetch(url + request.path, { method: request.method, headers: request.headers, body: request.body });
  return (await res.arrayBuffer()).byteLength;
}

/** The median of a few numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Each row is measured in ROUNDS rounds, each round the baseline then the row back to back with the
 * same connections, so machine noise (this is a shared 2-core VM) hits both sides of a ratio alike;
 * the table shows the medians.
 */
async function throughput(): Promise<string> {
  const baseline = await startServer('baseline');
  const sandbox = await startServer('sandbox');
  const fixed: LoadRequest = { method: 'POST', path: '/card/code/get', headers: { 'content-type': 'application/json' }, body: '{"code":"1"}' };
  const baseBytes = await responseBytes(baseline.url, fixed);
  // [row, set-up action, note, set-up action of a success request measured in the same rounds to compare with]
  const rows: [string, string, string, string?][] = [
    ['POST /card/code/get (valid token)', 'codeGet', ''],
    ['POST /card/batchget (count 50)', 'batchGet', ''],
    ['GET busifavor users/{openid}/coupons (signed)', 'busifavorList', 'every 2xx is RSA-SHA256 signed'],
    ['POST waiqin getVoucherInfos (signed, page_length 100)', 'waiqinList', ''],
    ['POST /card/code/get failing validation (47001)', 'invalidCodeGet', 'errcode answered with HTTP 200', 'codeGet'],
  ];
  const table: (string | number)[][] = [];
  const baseRuns: LoadResult[] = [];
  const baseCpu: number[] = [];
  for (const [name, fn, note, compareFn] of rows) {
    let request: LoadRequest;
    let compare: LoadRequest | undefined;
    try {
      request = (await sandbox.call<LoadRequest>(fn)).value;
      if (compareFn) compare = (await sandbox.call<LoadRequest>(compareFn)).value;
    } catch (error) {
      table.push([name, '-', '-', '-', '-', '-', '-', '-', `not measured: ${(error as Error).message.split('\n')[0]}`]);
      continue;
    }
    const bytes = await responseBytes(sandbox.url, request);
    const runs: LoadResult[] = [];
    const ratios: number[] = [];
    const compareRatios: number[] = [];
    const cpuPerRequest: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const base = await load(baseline.url, fixed, CONNECTIONS, SECONDS, () => baseline.cpu());
      baseCpu.push(base.cpuMicros! / base.total);
      // Alternate which of the pair goes first, so neither always runs on a warmer (or more tired) process.
      const compareFirst = round % 2 === 0;
      const early = compare && compareFirst ? await load(sandbox.url, compare, CONNECTIONS, SECONDS) : undefined;
      const r = await load(sandbox.url, request, CONNECTIONS, SECONDS, () => sandbox.cpu());
      cpuPerRequest.push(r.cpuMicros! / r.total);
      const other = compare ? (early ?? (await load(sandbox.url, compare, CONNECTIONS, SECONDS))) : undefined;
      baseRuns.push(base);
      runs.push(r);
      ratios.push(r.rps / base.rps);
      if (other) compareRatios.push(r.rps / other.rps);
    }
    const compared = compare ? `${(median(compareRatios) * 100).toFixed(0)}% of the ${compareFn} success path in the same rounds; ` : '';
    const failures = runs.reduce((n, r) => n + r.non2xx + r.errors, 0);
    const total = runs.reduce((n, r) => n + r.total, 0);
    table.push([
      name,
      Math.round(median(runs.map((r) => r.rps))),
      ms(median(runs.map((r) => r.p50))),
      ms(median(runs.map((r) => r.p99))),
      `${(median(ratios) * 100).toFixed(0)}%`,
      bytes,
      `${median(cpuPerRequest).toFixed(0)} µs`,
      `${failures}/${total}`,
      compared + note,
    ]);
  }
  await sandbox.stop();
  await baseline.stop();
  const baseRps = baseRuns.map((r) => r.rps);
  return markdownTable(
    ['request', 'req/s', 'p50', 'p99', 'vs bare Hono (median of rounds)', 'response bytes', 'server CPU per request', 'non-2xx or errors', 'note'],
    [
      [
        'bare Hono + @hono/node-server, fixed JSON (baseline)',
        Math.round(median(baseRps)),
        ms(median(baseRuns.map((r) => r.p50))),
        ms(median(baseRuns.map((r) => r.p99))),
        '100%',
        baseBytes,
        `${median(baseCpu).toFixed(0)} µs`,
        `0/${baseRuns.reduce((n, r) => n + r.total, 0)}`,
        `${baseRuns.length} runs, ${Math.round(Math.min(...baseRps))}..${Math.round(Math.max(...baseRps))} req/s`,
      ],
      ...table,
    ],
  );
}

async function scale(): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const count of [1000, BIG]) {
    const server = await startServer('sandbox');
    const idle = await server.rss();
    const { value: request, ms: loadMs } = await server.call<LoadRequest & { totalCodes: number }>('loadCodes', count);
    const rss = await server.rss();
    const r = await load(server.url, request, CONNECTIONS, SECONDS);
    await server.stop();
    rows.push([count.toLocaleString('en-US'), ms(loadMs), mb(idle), mb(rss), Math.round(r.rps), ms(r.p50), ms(r.p99)]);
  }
  const small = Number(rows[0]![4]);
  const big = Number(rows[1]![4]);
  return (
    markdownTable(['codes loaded', 'load time', 'RSS before', 'RSS after', 'code/get req/s', 'p50', 'p99'], rows) +
    `\n\n10^6 vs 10^3 throughput: ${ratio(big, small)}`
  );
}

async function startup(): Promise<string> {
  const baseline = await measureStartup(
    ['--input-type=module', '-e', "import {serve} from '@hono/node-server'; import {Hono} from 'hono'; const a=new Hono(); a.all('*',c=>c.json({})); serve({fetch:a.fetch,port:0,hostname:'127.0.0.1'},i=>console.log('http://127.0.0.1:'+i.port))"],
    '/',
  );
  const sandbox = await measureStartup(['dist/src/cli.js', '--port', '0', '--quiet'], '/cgi-bin/token');
  return markdownTable(
    ['process', 'first answered request', 'idle RSS'],
    [
      ['bare Hono + @hono/node-server (baseline)', ms(baseline.firstResponseMs), mb(baseline.idleRss)],
      ['`npm start` sandbox, default seeded world', ms(sandbox.firstResponseMs), mb(sandbox.idleRss)],
    ],
  );
}

async function msw(): Promise<string> {
  const count = 2000;
  const r = await measureMsw(count);
  return markdownTable(
    ['msw path (setupServer, Node fetch)', 'time per request', 'ratio'],
    [
      ['trivial msw handler, fixed JSON (baseline)', `${r.trivialUs.toFixed(0)} µs`, '1.0x'],
      ['sandbox handlers, POST /card/code/get', `${r.sandboxUs.toFixed(0)} µs`, `${(r.sandboxUs / r.trivialUs).toFixed(2)}x`],
      ['sandbox handlers, POST /card/code/get failing validation (47001)', `${r.invalidUs.toFixed(0)} µs`, `${(r.invalidUs / r.trivialUs).toFixed(2)}x`],
    ],
  );
}

// BENCH_ONLY=throughput,msw,scale,growth,startup runs a subset (default: all).
const only = new Set((process.env.BENCH_ONLY ?? 'throughput,msw,scale,growth,startup').split(','));
const sections: [string, string, () => Promise<string>][] = [
  ['throughput', 'Throughput and latency (HTTP)', throughput],
  ['msw', 'msw', msw],
  ['scale', 'Scale', scale],
  ['growth', 'State growth: rate with 10^3 vs 10^5 items', stateGrowth],
  ['startup', 'Start-up', startup],
];
console.log(`coupon-sandbox benchmark: ${CONNECTIONS} connections, ${SECONDS} s per row, Node ${process.version}, loopback\n`);
for (const [key, title, run] of sections) {
  if (!only.has(key)) continue;
  console.log(`## ${title}\n`);
  console.log(await run());
  console.log('');
}
