/**
 * The headline figure of "One operation pipeline": stateful POST /card/code/get throughput as a
 * share of a bare Hono server, both on one pinned core, in interleaved rounds (each round runs
 * every server once, in a rotated order; the table shows medians of per-round ratios, so noise from
 * other processes hits both sides of a ratio alike). The bare server that also reads and parses the
 * JSON body shows how much of the gap any POST handler pays.
 */
import { measure, probe, saturationNote, server, warm, SATURATED, type BenchContext, type Measured } from './context.js';
import type { LoadRequest } from './load.js';
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

export async function pipelineShare(ctx: BenchContext): Promise<ShareResult> {
  const targets = {
    baseline: await server(ctx, 'baseline'),
    body: await server(ctx, 'baseline-body'),
    sandbox: await server(ctx, 'sandbox'),
  };
  try {
    const request: LoadRequest = (await targets.sandbox.call<LoadRequest>('codeGet')).value;
    const answer = await probe(targets.sandbox, request);
    if ((answer.body as { errcode?: number }).errcode !== 0) throw new Error(`code/get set-up answered ${JSON.stringify(answer.body)}`);
    // The baselines get the very same bytes on the wire (path, query, body), and answer fixed JSON.
    const bytes = {
      baseline: (await probe(targets.baseline, request)).bytes,
      body: (await probe(targets.body, request)).bytes,
      sandbox: answer.bytes,
    };
    const keys = ['baseline', 'body', 'sandbox'] as const;
    for (const key of keys) await warm(ctx, targets[key], request);

    const runs: Record<(typeof keys)[number], Measured[]> = { baseline: [], body: [], sandbox: [] };
    for (let round = 0; round < ctx.options.shareRounds; round++) {
      for (const key of rotate(keys, round)) runs[key].push(await measure(ctx, targets[key], request, { seconds: ctx.options.shareSeconds }));
    }
    const perRound = (key: (typeof keys)[number]) => runs[key].map((r, i) => r.rps / runs.baseline[i]!.rps);
    const cpuShare = (key: (typeof keys)[number]) => runs[key].map((r, i) => runs.baseline[i]!.cpuPerRequest / r.cpuPerRequest);
    const row = (name: string, key: (typeof keys)[number]) => {
      const shares = perRound(key);
      const rs = runs[key];
      return [
        name,
        Math.round(median(rs.map((r) => r.rps))),
        key === 'baseline' ? '100%' : `**${pct(median(shares))}** (${pct(Math.min(...shares))}..${pct(Math.max(...shares))})`,
        us(median(rs.map((r) => r.cpuPerRequest))),
        key === 'baseline' ? '100%' : pct(median(cpuShare(key))),
        pct(median(rs.map((r) => r.busy))),
        ms(median(rs.map((r) => r.p50))),
        ms(median(rs.map((r) => r.p99))),
        bytes[key],
        `${rs.reduce((n, r) => n + r.non2xx + r.errors, 0)}/${rs.reduce((n, r) => n + r.total, 0)}`,
      ];
    };
    const share = median(perRound('sandbox'));
    const cpu = median(cpuShare('sandbox'));
    const busy = median(runs.baseline.map((r) => r.busy));
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
        [
          row('bare Hono + @hono/node-server, fixed JSON (baseline)', 'baseline'),
          row('bare Hono, async: reads + JSON.parses the body, answers c.json of a code/get-sized object (the floor)', 'body'),
          row('sandbox POST /card/code/get (valid token, stateful)', 'sandbox'),
        ],
      ) +
      `\n\n**code/get = ${pct(share)} of bare Hono by req/s, ${pct(cpu)} by server CPU per request** (${where}; ` +
      `${ctx.options.shareRounds} interleaved rounds of ${ctx.options.shareSeconds} s; target ≥ ${pct(TARGET_SHARE)}` +
      `${ctx.options.rate ? `; fixed ${ctx.options.rate} req/s: only the CPU share means anything` : ''}).` +
      (ctx.pinning ? '' : ' Unpinned: the load generator competes with the server for cores, so the req/s share is not comparable with pinned runs.') +
      (ctx.options.rate ? '' : saturationNote(busy));
    return { markdown, share, cpuShare: cpu, saturated };
  } finally {
    await Promise.all(Object.values(targets).map((t) => t.stop()));
  }
}
