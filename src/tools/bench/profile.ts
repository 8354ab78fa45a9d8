/**
 * `npm run bench -- --profile`: where code/get's CPU goes, on the pinned server core.
 * 1. A ladder of servers answering the same request bytes, in interleaved rounds: bare Hono (sync
 *    handler), bare Hono from an async handler, bare Hono that reads the JSON body, the sandbox,
 *    and (with BENCH_ALT_SANDBOX=/path/to/src/node.ts) the sandbox of another tree, e.g. a
 *    prototype or main vs a branch. The steps say what the handler shape alone costs.
 * 2. A V8 CPU profile of the bare baseline and of each sandbox under the same load, summarised per
 *    request: by owner (deepest project frame), inclusive per project function, and by leaf.
 *    The profiles are written to reports/bench/*.cpuprofile (Chrome DevTools, speedscope; lines are
 *    the .ts sources through tsx's source maps).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerMode } from './child.js';
import { measure, probe, server, warm, type BenchContext, type Measured } from './context.js';
import type { LoadRequest } from './load.js';
import { attributionTable, summarize } from './profile-summary.js';
import type { BenchServer } from './spawn.js';
import { median, rotate } from './stats.js';
import { markdownTable, pct, us } from './table.js';

const OUT = fileURLToPath(new URL('../../../reports/bench/', import.meta.url));
/** Sampling interval (µs): fine enough for a ~30 µs request, coarse enough not to distort it much. */
const INTERVAL_US = 50;

const LABELS: Record<ServerMode, string> = {
  baseline: 'bare Hono, sync handler, fixed JSON (baseline)',
  'baseline-async': 'bare Hono, async handler, fixed JSON',
  'baseline-body': 'bare Hono, async, reads + JSON.parses the body',
  sandbox: 'sandbox code/get (this tree)',
  'sandbox-alt': `sandbox code/get (${process.env.BENCH_ALT_SANDBOX ?? 'alt'})`,
};

async function ladder(ctx: BenchContext, targets: Map<ServerMode, BenchServer>, request: LoadRequest): Promise<string> {
  const modes = [...targets.keys()];
  const runs = new Map<ServerMode, Measured[]>(modes.map((m) => [m, []]));
  for (let round = 0; round < ctx.options.shareRounds; round++) {
    for (const mode of rotate(modes, round)) runs.get(mode)!.push(await measure(ctx, targets.get(mode)!, request));
  }
  const base = runs.get('baseline')!;
  const rows = modes.map((mode) => {
    const rs = runs.get(mode)!;
    return [
      LABELS[mode],
      Math.round(median(rs.map((r) => r.rps))),
      pct(median(rs.map((r, i) => r.rps / base[i]!.rps))),
      us(median(rs.map((r) => r.cpuPerRequest))),
      pct(median(rs.map((r, i) => base[i]!.cpuPerRequest / r.cpuPerRequest))),
      `+${us(median(rs.map((r, i) => r.cpuPerRequest - base[i]!.cpuPerRequest)))}`,
      pct(median(rs.map((r) => r.busy))),
    ];
  });
  return markdownTable(['server (same request bytes)', 'req/s', 'share of bare Hono', 'server CPU / request', 'CPU share (bare ÷ row)', 'CPU over bare', 'server core busy'], rows);
}

async function profileOne(ctx: BenchContext, mode: ServerMode, target: BenchServer, request: LoadRequest, seconds: number): Promise<string> {
  await target.profileStart(INTERVAL_US);
  const profiled = await measure(ctx, target, request, { seconds });
  const profile = await target.profileStop();
  const file = `${OUT}code-get-${mode}.cpuprofile`;
  writeFileSync(file, JSON.stringify(profile));
  const s = summarize(profile);
  const perRequest = (s.busyMicros / profiled.total).toFixed(1);
  return [
    `### ${LABELS[mode]}: ${profiled.total} requests profiled, ${perRequest} µs sampled busy per request (${file.replace(/.*\/reports\//, 'reports/')})\n`,
    attributionTable('owner (deepest project frame, else library)', s.byOwner, s.busyMicros, profiled.total, 22),
    '',
    ...(mode.startsWith('sandbox') ? [attributionTable('project function, inclusive of callees', s.inclusive, s.busyMicros, profiled.total, 22), ''] : []),
    attributionTable('leaf function (self time)', s.bySelf, s.busyMicros, profiled.total, 30),
    '',
  ].join('\n');
}

export async function profileCodeGet(ctx: BenchContext): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const modes: ServerMode[] = ['baseline', 'baseline-async', 'baseline-body', 'sandbox', ...(process.env.BENCH_ALT_SANDBOX ? (['sandbox-alt'] as const) : [])];
  const targets = new Map<ServerMode, BenchServer>();
  try {
    for (const mode of modes) targets.set(mode, await server(ctx, mode));
    const request = (await targets.get('sandbox')!.call<LoadRequest>('codeGet')).value;
    if (targets.has('sandbox-alt')) await targets.get('sandbox-alt')!.call('codeGet'); // same seed: the same token and code
    for (const mode of modes.filter((m) => m.startsWith('sandbox'))) {
      const answer = await probe(targets.get(mode)!, request);
      if ((answer.body as { errcode?: number }).errcode !== 0) throw new Error(`${mode}: code/get answered ${JSON.stringify(answer.body)}`);
    }
    for (const mode of modes) await warm(ctx, targets.get(mode)!, request);
    const out = ['### Ladder: what each step costs (interleaved rounds, medians)\n', await ladder(ctx, targets, request), ''];
    const seconds = Math.max(ctx.options.seconds, ctx.options.quick ? 2 : 5);
    for (const mode of modes.filter((m) => m === 'baseline' || m.startsWith('sandbox'))) {
      out.push(await profileOne(ctx, mode, targets.get(mode)!, request, seconds));
    }
    return out.join('\n');
  } finally {
    await Promise.all([...targets.values()].map((t) => t.stop()));
  }
}
