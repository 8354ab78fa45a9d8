/**
 * Rows whose every request adds state: GET /cgi-bin/token (a stored token per answer) and waiqin
 * receiveVoucherInfo (a holding per answer). Each is measured with a small state (growthStart) and
 * a large one (growthTarget), and prints the rate at the end as a share of the rate at the start,
 * both raw and with each side divided by a bare Hono run next to it (machine noise cancels).
 *
 * Because requests grow the state, the runs are counted (`amount`), not timed: a timed run at
 * thousands of req/s would itself add thousands. State is built through the engines' public
 * methods inside the server child, under a time cap: building it is quadratic today, so the large
 * state may not be reached; the table then says how far it got.
 */
import { measure, probe, server, warm, type BenchContext, type Measured } from './context.js';
import type { LoadRequest } from './load.js';
import type { BenchServer } from './spawn.js';
import { median } from './stats.js';
import { count, markdownTable, ms, pct, us } from './table.js';

interface GrowthSpec {
  name: string;
  unit: string;
  /** Set-up action returning the request to repeat (called again after every reset). */
  requestAction: string;
  /** Set-up action (count, budgetMs) -> how many were added. */
  growAction: string;
  /** Set-up action returning the exact state size, when the public surface can tell it. */
  countAction?: string;
  /** The answer is a success (WeChat and waiqin365 answer business errors with HTTP 200). */
  ok(body: unknown): boolean;
}

const SPECS: GrowthSpec[] = [
  {
    name: 'GET /cgi-bin/token (each answer issues a token)',
    unit: 'tokens',
    requestAction: 'tokenRequest',
    growAction: 'issueTokens',
    ok: (b) => typeof (b as { access_token?: unknown }).access_token === 'string',
  },
  {
    name: 'POST waiqin receiveVoucherInfo (signed; each answer adds a holding)',
    unit: 'holdings',
    requestAction: 'receiveRequest',
    growAction: 'addHoldings',
    countAction: 'holdingCount',
    ok: (b) => String((b as { return_code?: unknown }).return_code) === '0',
  },
];

/** Repetitions of the start measurement (cheap: reset and rebuild the small state each time) and of the end one (each adds 1%). */
const START_REPS = 5;
const END_REPS = 3;

interface Phase {
  state: number;
  run: Measured;
  base: Measured;
}

async function row(ctx: BenchContext, baseline: BenchServer, spec: GrowthSpec): Promise<(string | number)[]> {
  const { growthStart: start, growthTarget: target, growthSeconds } = ctx.options;
  const sandbox = await server(ctx, 'sandbox');
  try {
    const call = async <T>(fn: string, ...args: unknown[]) => (await sandbox.call<T>(fn, ...args)).value;
    let state = 0;
    const size = async () => (spec.countAction ? await call<number>(spec.countAction) : state);
    const grow = async (n: number, budgetMs: number) => {
      const t = performance.now();
      if (n > 0) state += await call<number>(spec.growAction, n, budgetMs);
      state = await size();
      return performance.now() - t;
    };
    const request = async () => {
      const req = await call<LoadRequest>(spec.requestAction);
      const answer = await probe(sandbox, req);
      if (!spec.ok(answer.body)) throw new Error(`${spec.name}: set-up request answered ${JSON.stringify(answer.body).slice(0, 200)}`);
      state = await size();
      if (!spec.countAction) state += 1; // the probe's own token
      return req;
    };
    const phase = async (req: LoadRequest, amount: number, maxSeconds: number): Promise<Phase> => {
      const at = state;
      // A bare Hono run of the same size next to it: connection set-up and machine noise cancel.
      const base = await measure(ctx, baseline, { method: 'GET', path: '/' }, { amount, maxSeconds });
      const run = await measure(ctx, sandbox, req, { amount, maxSeconds });
      state = spec.countAction ? await size() : state + run.total;
      return { state: at, run, base };
    };

    // JIT warm-up on the real path, then back to the seeded world.
    await warm(ctx, sandbox, await request());
    const starts: Phase[] = [];
    for (let rep = 0; rep < START_REPS; rep++) {
      await call('resetWorld');
      state = 0;
      const req = await request();
      await grow(start - state, 60_000);
      starts.push(await phase(req, start, 10));
    }
    const setupMs = await grow(target - state, growthSeconds * 1000);
    const reached = state;
    const req = await request();
    const ends: Phase[] = [];
    for (let rep = 0; rep < END_REPS; rep++) ends.push(await phase(req, start, 10));

    const rps = (ps: Phase[]) => median(ps.map((p) => p.run.rps));
    const norm = (ps: Phase[]) => median(ps.map((p) => p.run.rps / p.base.rps));
    const cpu = (ps: Phase[]) => median(ps.map((p) => p.run.cpuPerRequest));
    const all = [...starts, ...ends];
    const failures = all.reduce((n, p) => n + p.run.non2xx + p.run.errors, 0);
    const total = all.reduce((n, p) => n + p.run.total, 0);
    const capped = reached < target ? ` (${count(target)} not reached in the ${growthSeconds} s cap)` : '';
    return [
      spec.name,
      `${count(starts[0]!.state)} → ${count(reached)} ${spec.unit}${capped}`,
      `${Math.round(rps(starts))} → ${Math.round(rps(ends))}`,
      pct(rps(ends) / rps(starts)),
      `**${pct(norm(ends) / norm(starts))}**`,
      `${us(cpu(starts))} → ${us(cpu(ends))}`,
      pct(cpu(starts) / cpu(ends)),
      `${ms(median(starts.map((p) => p.run.p99)))} → ${ms(median(ends.map((p) => p.run.p99)))}`,
      `${(setupMs / 1000).toFixed(1)} s`,
      `${failures}/${total}`,
    ];
  } finally {
    await sandbox.stop();
  }
}

export async function growth(ctx: BenchContext): Promise<string> {
  const baseline = await server(ctx, 'baseline');
  try {
    await warm(ctx, baseline, { method: 'GET', path: '/' });
    const rows: (string | number)[][] = [];
    for (const spec of SPECS) rows.push(await row(ctx, baseline, spec));
    return (
      markdownTable(
        [
          'request',
          'state: start → end',
          'req/s: start → end (medians)',
          'end as % of start',
          'end as % of start, each run ÷ a bare Hono run of the same size next to it',
          'server CPU / request: start → end',
          'end as % of start, by server CPU',
          'p99: start → end',
          'set-up time to the end state',
          'non-2xx or errors',
        ],
        rows,
      ) +
      `\n\nEach run sends ${count(ctx.options.growthStart)} requests (counted, not timed: every answer adds state); ${START_REPS} runs at the start state (rebuilt each time), ${END_REPS} at the end state. ` +
      'The set-up builds the state through the engine (no HTTP), under a time cap (BENCH_GROWTH_SECONDS).'
    );
  } finally {
    await baseline.stop();
  }
}
