/**
 * `npm run bench -- --profile`: where code/get's CPU goes, on the pinned server core.
 * 1. A ladder of servers answering the same request bytes, in interleaved rounds: bare Hono (sync
 *    handler), bare Hono from an async handler, bare Hono that reads the JSON body, the sandbox,
 *    and (with BENCH_ALT_SANDBOX=/a/src/node.ts,/b/src/node.ts) the sandboxes of other trees, e.g.
 *    prototypes, or main vs a branch. The steps say what the handler shape alone costs.
 * 2. A V8 CPU profile of the bare baseline and of each sandbox under the same load, summarised per
 *    request: by owner (deepest project frame), inclusive per project function, and by leaf.
 *    The profiles are written to reports/bench/*.cpuprofile (Chrome DevTools, speedscope; lines are
 *    the .ts sources through tsx's source maps); profile-diff.ts compares two of them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ServerMode } from './child.js';
import { altTrees, measure, probe, server, warm, type BenchContext, type Measured } from './context.js';
import type { LoadRequest } from './load.js';
import { attributionTable, summarize } from './profile-summary.js';
import type { BenchServer } from './spawn.js';
import { median, rotate } from './stats.js';
import { markdownTable, pct, us } from './table.js';

const OUT = fileURLToPath(new URL('../../../reports/bench/', import.meta.url));
/** Sampling interval (µs): fine enough for a ~30 µs request, coarse enough not to distort it much. */
const INTERVAL_US = 50;

interface Target {
  label: string;
  /** File-name part of its profile. */
  slug: string;
  mode: ServerMode;
  server: BenchServer;
  /** What the load repeats: the first sandbox's code/get for the baselines, each sandbox its own token. */
  request?: LoadRequest;
}

const BARE: [ServerMode, string][] = [
  ['baseline', 'bare Hono, sync handler, fixed JSON (baseline)'],
  ['baseline-async', 'bare Hono, async handler, fixed JSON'],
  ['baseline-body', 'bare Hono, async, reads + JSON.parses the body, c.json of a code/get-sized object'],
  ['sandbox', 'sandbox code/get (this tree)'],
];

async function ladder(ctx: BenchContext, targets: Target[]): Promise<string> {
  const runs = new Map<Target, Measured[]>(targets.map((t) => [t, []]));
  for (let round = 0; round < ctx.options.shareRounds; round++) {
    for (const t of rotate(targets, round)) runs.get(t)!.push(await measure(ctx, t.server, t.request!, { seconds: ctx.options.shareSeconds }));
  }
  const base = runs.get(targets[0]!)!;
  const rows = targets.map((t) => {
    const rs = runs.get(t)!;
    return [
      t.label,
      Math.round(median(rs.map((r) => r.rps))),
      pct(median(rs.map((r, i) => r.rps / base[i]!.rps))),
      us(median(rs.map((r) => r.cpuPerRequest))),
      pct(median(rs.map((r, i) => base[i]!.cpuPerRequest / r.cpuPerRequest))),
      `+${us(median(rs.map((r, i) => r.cpuPerRequest - base[i]!.cpuPerRequest)))}`,
      pct(median(rs.map((r) => r.busy))),
    ];
  });
  return markdownTable(
    ['server (same request bytes)', 'req/s', 'share of bare Hono', 'server CPU / request', 'CPU share (bare ÷ row)', 'CPU over bare', 'server core busy'],
    rows,
  );
}

async function profileOne(ctx: BenchContext, t: Target, seconds: number): Promise<string> {
  await t.server.profileStart(INTERVAL_US);
  const profiled = await measure(ctx, t.server, t.request!, { seconds });
  const profile = await t.server.profileStop();
  const file = `${OUT}code-get-${t.slug}.cpuprofile`;
  // The request count travels with the profile, so profile-diff.ts can compare per request (DevTools ignores the field).
  writeFileSync(file, JSON.stringify({ ...profile, benchRequests: profiled.total }));
  const s = summarize(profile);
  const perRequest = (s.busyMicros / profiled.total).toFixed(1);
  return [
    `### ${t.label}: ${profiled.total} requests profiled, ${perRequest} µs sampled busy per request (${file.replace(/.*\/reports\//, 'reports/')})\n`,
    attributionTable('owner (deepest project frame, else library)', s.byOwner, s.busyMicros, profiled.total, 22),
    '',
    ...(t.mode.startsWith('sandbox') ? [attributionTable('project function, inclusive of callees', s.inclusive, s.busyMicros, profiled.total, 22), ''] : []),
    attributionTable('leaf function (self time)', s.bySelf, s.busyMicros, profiled.total, 30),
    '',
  ].join('\n');
}

export async function profileCodeGet(ctx: BenchContext): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const targets: Target[] = [];
  try {
    for (const [mode, label] of BARE) targets.push({ mode, label, slug: mode, server: await server(ctx, mode) });
    for (const [i, tree] of altTrees().entries()) {
      targets.push({
        mode: 'sandbox-alt',
        label: `sandbox code/get (${tree})`,
        slug: `alt-${i}`,
        server: await server(ctx, 'sandbox-alt', { BENCH_ALT_SANDBOX: tree }),
      });
    }
    const sandboxes = targets.filter((t) => t.mode.startsWith('sandbox'));
    // The baselines repeat the first sandbox's request; every other sandbox its own (its own token, same length).
    const request = (await sandboxes[0]!.server.call<LoadRequest>('codeGet')).value;
    for (const t of targets) t.request = request;
    for (const t of sandboxes.slice(1)) t.request = (await t.server.call<LoadRequest>('codeGet')).value;
    for (const t of sandboxes) {
      const answer = await probe(t.server, t.request!);
      if ((answer.body as { errcode?: number }).errcode !== 0) throw new Error(`${t.label}: code/get answered ${JSON.stringify(answer.body)}`);
    }
    for (const t of targets) await warm(ctx, t.server, t.request!);
    const out = ['### Ladder: what each step costs (interleaved rounds, medians)\n', await ladder(ctx, targets), ''];
    if (process.env.BENCH_PROFILE_LADDER_ONLY) return out.join('\n');
    const seconds = Math.max(ctx.options.seconds, ctx.options.quick ? 2 : 5);
    for (const t of targets.filter((x) => x.mode === 'baseline' || x.mode.startsWith('sandbox'))) out.push(await profileOne(ctx, t, seconds));
    return out.join('\n');
  } finally {
    await Promise.all(targets.map((t) => t.server.stop()));
  }
}
