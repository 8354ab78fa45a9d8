/**
 * Throughput and latency of one request per vendor path, each against the bare Hono baseline in the
 * same interleaved rounds (medians of per-round ratios). The validation-failure row is also
 * compared with the code/get success path in the same rounds.
 */
import { measure, probe, saturationNote, server, warm, type BenchContext, type Measured } from './context.js';
import type { LoadRequest } from './load.js';
import { median, rotate } from './stats.js';
import { markdownTable, ms, pct, us } from './table.js';

interface Row {
  name: string;
  /** Set-up action (child-actions.ts) returning the request. */
  action: string;
  note: string;
  /** A success request measured in the same rounds to compare with. */
  compareAction?: string;
}

const ROWS: Row[] = [
  { name: 'POST /card/batchget (count 50)', action: 'batchGet', note: '' },
  { name: 'GET busifavor users/{openid}/coupons (signed)', action: 'busifavorList', note: 'every 2xx is RSA-SHA256 signed' },
  { name: 'POST waiqin getVoucherInfos (signed, page_length 100)', action: 'waiqinList', note: '' },
  {
    name: 'POST /card/code/get failing validation (47001)',
    action: 'invalidCodeGet',
    note: 'errcode answered with HTTP 200',
    compareAction: 'codeGet',
  },
];

export async function vendorRows(ctx: BenchContext): Promise<string> {
  const baseline = await server(ctx, 'baseline');
  const sandbox = await server(ctx, 'sandbox');
  const fixed: LoadRequest = {
    method: 'POST',
    path: '/card/code/get',
    headers: { 'content-type': 'application/json' },
    body: '{"code":"1"}',
  };
  const table: (string | number)[][] = [];
  const baseRuns: Measured[] = [];
  try {
    await warm(ctx, baseline, fixed);
    for (const row of ROWS) {
      let request: LoadRequest;
      let compare: LoadRequest | undefined;
      try {
        request = (await sandbox.call<LoadRequest>(row.action)).value;
        if (row.compareAction) compare = (await sandbox.call<LoadRequest>(row.compareAction)).value;
      } catch (error) {
        table.push([row.name, '-', '-', '-', '-', '-', '-', '-', `not measured: ${(error as Error).message.split('\n')[0]}`]);
        continue;
      }
      const { bytes } = await probe(sandbox, request);
      await warm(ctx, sandbox, request);
      if (compare) await warm(ctx, sandbox, compare);
      const runs: Measured[] = [];
      const ratios: number[] = [];
      const compareRatios: number[] = [];
      for (let round = 0; round < ctx.options.rounds; round++) {
        const results = new Map<string, Measured>();
        const order = rotate(compare ? ['base', 'row', 'compare'] : ['base', 'row'], round);
        for (const which of order) {
          const [target, req] = which === 'base' ? [baseline, fixed] : which === 'row' ? [sandbox, request] : [sandbox, compare!];
          results.set(which, await measure(ctx, target, req, { seconds: ctx.options.vendorSeconds }));
        }
        const base = results.get('base')!;
        const r = results.get('row')!;
        baseRuns.push(base);
        runs.push(r);
        ratios.push(r.rps / base.rps);
        if (compare) compareRatios.push(r.rps / results.get('compare')!.rps);
      }
      const compared = compare ? `${pct(median(compareRatios))} of the ${row.compareAction} success path in the same rounds; ` : '';
      table.push([
        row.name,
        Math.round(median(runs.map((r) => r.rps))),
        ms(median(runs.map((r) => r.p50))),
        ms(median(runs.map((r) => r.p99))),
        pct(median(ratios)),
        bytes,
        us(median(runs.map((r) => r.cpuPerRequest))),
        `${runs.reduce((n, r) => n + r.non2xx + r.errors, 0)}/${runs.reduce((n, r) => n + r.total, 0)}`,
        compared + row.note,
      ]);
    }
    const { bytes: baseBytes } = await probe(baseline, fixed);
    const baseRps = baseRuns.map((r) => r.rps);
    return (
      markdownTable(
        ['request', 'req/s', 'p50', 'p99', 'vs bare Hono (median of rounds)', 'response bytes', 'server CPU / request', 'non-2xx or errors', 'note'],
        [
          [
            'bare Hono + @hono/node-server, fixed JSON (baseline)',
            Math.round(median(baseRps)),
            ms(median(baseRuns.map((r) => r.p50))),
            ms(median(baseRuns.map((r) => r.p99))),
            '100%',
            baseBytes,
            us(median(baseRuns.map((r) => r.cpuPerRequest))),
            `${baseRuns.reduce((n, r) => n + r.non2xx + r.errors, 0)}/${baseRuns.reduce((n, r) => n + r.total, 0)}`,
            `${baseRuns.length} runs, ${Math.round(Math.min(...baseRps))}..${Math.round(Math.max(...baseRps))} req/s`,
          ],
          ...table,
        ],
      ) + (ctx.options.rate ? '' : saturationNote(median(baseRuns.map((r) => r.busy))))
    );
  } finally {
    await Promise.all([baseline.stop(), sandbox.stop()]);
  }
}
