/**
 * `npm run bench`: throughput, latency, memory and scale of the sandbox, each measured against a
 * baseline taken in the same run (absolute numbers vary between machines; ratios travel).
 * Loopback only, bounded in time: BENCH_SECONDS per load row (default 5), BENCH_CONNECTIONS
 * (default 50). Prints markdown tables (the README's performance section is pasted from them).
 */
import { load, type LoadRequest, type LoadResult } from './load.js';
import { measureMsw } from './msw-path.js';
import { startServer } from './spawn.js';
import { measureStartup } from './startup.js';
import { markdownTable, mb, ms, ratio } from './table.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? '5');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '50');
const BIG = Number(process.env.BENCH_BIG_CODES ?? '1000000');

function row(name: string, r: LoadResult, base: LoadResult, note = ''): (string | number)[] {
  return [name, Math.round(r.rps), ms(r.p50), ms(r.p99), ratio(r.rps, base.rps), `${r.non2xx + r.errors}/${r.total}`, note];
}

async function throughput(): Promise<string> {
  const baseline = await startServer('baseline');
  const fixed: LoadRequest = { method: 'POST', path: '/card/code/get', headers: { 'content-type': 'application/json' }, body: '{"code":"1"}' };
  const before = await load(baseline.url, fixed, CONNECTIONS, SECONDS);

  const sandbox = await startServer('sandbox');
  const rows: [string, string, string][] = [
    ['POST /card/code/get (valid token)', 'codeGet', ''],
    ['POST /card/batchget (count 50)', 'batchGet', ''],
    ['GET busifavor users/{openid}/coupons (signed)', 'busifavorList', ''],
    ['POST waiqin getVoucherInfos (signed)', 'waiqinList', ''],
    ['POST /card/batchget failing validation (47001)', 'invalidBatchGet', 'errcode answered with HTTP 200'],
  ];
  const results: { name: string; r: LoadResult; note: string }[] = [];
  for (const [name, fn, note] of rows) {
    let request: LoadRequest;
    try {
      request = (await sandbox.call<LoadRequest>(fn)).value;
    } catch (error) {
      results.push({ name, r: { rps: 0, p50: 0, p99: 0, non2xx: 0, errors: 0, total: 0 }, note: `not measured: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    results.push({ name, r: await load(sandbox.url, request, CONNECTIONS, SECONDS), note });
  }
  await sandbox.stop();
  const after = await load(baseline.url, fixed, CONNECTIONS, SECONDS);
  await baseline.stop();
  // The baseline is measured before and after the sandbox rows; their mean is the yardstick.
  const base: LoadResult = { ...before, rps: (before.rps + after.rps) / 2 };
  return markdownTable(
    ['request', 'req/s', 'p50', 'p99', 'vs bare Hono', 'non-2xx or errors', 'note'],
    [
      ['bare Hono + @hono/node-server, fixed JSON (baseline, mean of before/after)', Math.round(base.rps), ms(before.p50), ms(before.p99), '100%', `0/${before.total + after.total}`, `before ${Math.round(before.rps)}, after ${Math.round(after.rps)}`],
      ...results.map(({ name, r, note }) => row(name, r, base, note)),
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
    ],
  );
}

console.log(`coupon-sandbox benchmark: ${CONNECTIONS} connections, ${SECONDS} s per row, Node ${process.version}, loopback\n`);
console.log('## Throughput and latency (HTTP)\n');
console.log(await throughput());
console.log('\n## msw\n');
console.log(await msw());
console.log('\n## Scale\n');
console.log(await scale());
console.log('\n## Start-up\n');
console.log(await startup());
