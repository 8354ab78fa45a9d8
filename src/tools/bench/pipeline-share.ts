/**
 * The headline figure of "One operation pipeline": stateful POST /card/code/get throughput as a
 * share of a bare Hono server, both on one pinned core, in interleaved rounds (each round runs
 * every server once, in a rotated order; the table shows medians of per-round ratios, so noise from
 * other processes hits both sides of a ratio alike). The bare server that also reads and parses the
 * JSON body shows how much of the gap any POST handler pays. With BENCH_ALT_SANDBOX, the code/get of
 * other trees (another branch's built dist/src/node.js, say) gets a row of its own in the same
 * rounds, so versions compare without the noise between separate runs.
 */
import type { ServerMode } from './child.js';
import { altTrees, measure, probe, saturationNote, server, warm, SATURATED, type BenchContext, type Measured } from './context.js';
import type { LoadRequest } from './load.js';
import type { BenchServer } from './spawn.js';
import { median, rotate } from './stats.js';
import { markdownTable, ms, pct, us } from './table.js';

/** The target the pipeline refactor is judged by (share of bare Hono, pinned). */
export const TARGET_SHARE = 0.8;

export interface ShareResult {
  markdown: string;
  /** Median per-round share of code/get vs bare Hono (req/s). */
  share: number;
  /** The same by server CPU per request (bare ÷ code/get). */
  cpuShare: number;
  /** Whether the baseline saturated its core (else `share` is not the server's). */
  saturated: boolean;
}

interface Row {
  label: string;
  server: BenchServer;
  bytes?: number;
  request?: LoadRequest;
  runs: Measured[];
}

export async function pipelineShare(ctx: BenchContext): Promise<ShareResult> {
  const rows: Row[] = [];
  try {
    const add = async (label: string, mode: ServerMode, env?: Record<string, string>) => {
      const row: Row = { label, server: await server(ctx, mode, env), runs: [] };
      rows.push(row);
      return row;
    };
    const baseline = await add('bare Hono + @hono/node-server, fixed JSON (baseline)', 'baseline');
    await add('bare Hono, async: reads + JSON.parses the body, answers c.json of a code/get-sized object (the floor)', 'baseline-body');
    const sandbox = await add('sandbox POST /card/code/get (valid token, stateful)', 'sandbox');
    const sandboxes = [sandbox];
    for (const tree of altTrees()) sandboxes.push(await add(`sandbox POST /card/code/get (${tree})`, 'sandbox-alt', { BENCH_ALT_SANDBOX: tree }));
    // The baselines get the very same bytes on the wire (path, query, body), and answer fixed JSON;
    // each sandbox its own token (of the same length).
    const request: LoadRequest = (await sandbox.server.call<LoadRequest>('codeGet')).value;
    for (const row of rows) row.request = request;
    for (const alt of sandboxes.slice(1)) alt.request = (await alt.server.call<LoadRequest>('codeGet')).value;
    for (const row of rows) {
      const answer = await probe(row.server, row.request!);
      if (sandboxes.includes(row) && (answer.body as { errcode?: number }).errcode !== 0)
        throw new Error(`${row.label}: code/get set-up answered ${JSON.stringify(answer.body)}`);
      row.bytes = answer.bytes;
    }
    for (const row of rows) await warm(ctx, row.server, row.request!);

    for (let round = 0; round < ctx.options.shareRounds; round++) {
      for (const row of rotate(rows, round)) row.runs.push(await measure(ctx, row.server, row.request!, { seconds: ctx.options.shareSeconds }));
    }
    const perRound = (row: Row) => row.runs.map((r, i) => r.rps / baseline.runs[i]!.rps);
    const cpuShare = (row: Row) => row.runs.map((r, i) => baseline.runs[i]!.cpuPerRequest / r.cpuPerRequest);
    const cells = (row: Row) => {
      const shares = perRound(row);
      const rs = row.runs;
      return [
        row.label,
        Math.round(median(rs.map((r) => r.rps))),
        row === baseline ? '100%' : `**${pct(median(shares))}** (${pct(Math.min(...shares))}..${pct(Math.max(...shares))})`,
        us(median(rs.map((r) => r.cpuPerRequest))),
        row === baseline ? '100%' : pct(median(cpuShare(row))),
        pct(median(rs.map((r) => r.busy))),
        ms(median(rs.map((r) => r.p50))),
        ms(median(rs.map((r) => r.p99))),
        row.bytes!,
        `${rs.reduce((n, r) => n + r.non2xx + r.errors, 0)}/${rs.reduce((n, r) => n + r.total, 0)}`,
      ];
    };
    const share = median(perRound(sandbox));
    const cpu = median(cpuShare(sandbox));
    const busy = median(baseline.runs.map((r) => r.busy));
    const saturated = busy >= SATURATED;
    const where = ctx.pinning ? `server on CPU ${ctx.pinning.serverCpu}, load generator on CPU ${ctx.pinning.loadCpu}` : 'unpinned';
    const markdown =
      markdownTable(
        [
          'server (same request bytes)',
          'req/s',
          'share of bare Hono: median (min..max of rounds)',
          'server CPU / request',
          'CPU share (bare ÷ row, per request)',
          'server core busy',
          'p50',
          'p99',
          'response bytes',
          'non-2xx or errors',
        ],
        rows.map(cells),
      ) +
      `\n\n**code/get = ${pct(share)} of bare Hono by req/s, ${pct(cpu)} by server CPU per request** (${where}; ` +
      `${ctx.options.shareRounds} interleaved rounds of ${ctx.options.shareSeconds} s; target ≥ ${pct(TARGET_SHARE)}` +
      `${ctx.options.rate ? `; fixed ${ctx.options.rate} req/s: only the CPU share means anything` : ''}).` +
      (ctx.pinning ? '' : ' Unpinned: the load generator competes with the server for cores, so the req/s share is not comparable with pinned runs.') +
      (ctx.options.rate ? '' : saturationNote(busy));
    return { markdown, share, cpuShare: cpu, saturated };
  } finally {
    await Promise.all(rows.map((row) => row.server.stop()));
  }
}
