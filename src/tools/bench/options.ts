/**
 * What one `npm run bench` does, from its flags (`npm run bench -- --quick --unpinned`) and
 * environment. Every knob is bounded so that a whole run stays within a few minutes.
 *
 * Flags: --pinned / --unpinned (default: pinned when taskset and two cores exist), --quick (short
 * runs, smaller states: a smoke test of the harness), --profile (profile code/get and the bare
 * baseline instead of the tables), --only=share,vendors,growth,scale,msw,startup,dashboard,worlds,journal,redis.
 * Environment: BENCH_SECONDS, BENCH_SHARE_SECONDS, BENCH_VENDOR_SECONDS, BENCH_CONNECTIONS, BENCH_ROUNDS, BENCH_SHARE_ROUNDS, BENCH_BIG_CODES,
 * BENCH_GROWTH_TARGET, BENCH_GROWTH_SECONDS, BENCH_ONLY, BENCH_RATE (a fixed request rate for
 * every timed run: on a busy machine, server CPU per request at an equal rate compares servers
 * better than throughput, which then depends on how much CPU the load generator happens to get),
 * BENCH_ALT_SANDBOX (other trees' node.ts or built dist/src/node.js, comma-separated: a code/get row
 * each in the share table and the profile ladder).
 */
export const SECTIONS = ['share', 'vendors', 'growth', 'scale', 'msw', 'startup', 'dashboard', 'worlds', 'journal', 'redis'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** true: --pinned, false: --unpinned, undefined: pin when possible. */
  pinned: boolean | undefined;
  quick: boolean;
  profile: boolean;
  only: Set<Section>;
  /** Seconds per measured load run. */
  seconds: number;
  /** Seconds per run of the per-vendor rows (shorter: they are context, the share is the figure). */
  vendorSeconds: number;
  connections: number;
  /** Fixed overall request rate of timed runs (req/s), or undefined: as fast as answered. */
  rate: number | undefined;
  /** Interleaved rounds of the vendor rows. */
  rounds: number;
  /**
   * Interleaved rounds of the headline share, and seconds per run: many short rounds pair the
   * servers more tightly in time than a few long ones, so bursts from other processes hit fewer
   * pairs (on the shared VM, 20 × 0.5 s gave steadier medians than 5 × 1.5 s).
   */
  shareRounds: number;
  shareSeconds: number;
  /** Codes of the large scale row. */
  bigCodes: number;
  /** State the growth rows start from (tokens, holdings) and the one they grow to. */
  growthStart: number;
  growthTarget: number;
  /** Time cap of each growth row's set-up (building the state is itself quadratic today). */
  growthSeconds: number;
}

function number(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
}

export function parseOptions(argv: string[]): BenchOptions {
  const flags = new Set(argv.filter((a) => a.startsWith('--') && !a.includes('=')));
  const valued = new Map(argv.filter((a) => a.includes('=')).map((a) => a.replace(/^--/, '').split('=', 2) as [string, string]));
  for (const flag of flags) {
    if (!['--pinned', '--unpinned', '--quick', '--profile'].includes(flag)) throw new Error(`unknown flag ${flag}`);
  }
  if (flags.has('--pinned') && flags.has('--unpinned')) throw new Error('--pinned and --unpinned exclude each other');
  const quick = flags.has('--quick');
  const onlyList = (valued.get('only') ?? process.env.BENCH_ONLY ?? SECTIONS.join(','))
    .split(',')
    .filter(Boolean)
    // The README's older name for the HTTP rows.
    .flatMap((s) => (s === 'throughput' ? ['share', 'vendors'] : [s]));
  for (const s of onlyList) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`unknown section ${s} (${SECTIONS.join(', ')})`);
  return {
    pinned: flags.has('--pinned') ? true : flags.has('--unpinned') ? false : undefined,
    quick,
    profile: flags.has('--profile'),
    only: new Set(onlyList as Section[]),
    seconds: number('BENCH_SECONDS', quick ? 1 : 1.5),
    vendorSeconds: number('BENCH_VENDOR_SECONDS', 1),
    connections: number('BENCH_CONNECTIONS', 50),
    rate: process.env.BENCH_RATE ? number('BENCH_RATE', 1) : undefined,
    rounds: number('BENCH_ROUNDS', 3),
    shareRounds: number('BENCH_SHARE_ROUNDS', quick ? 5 : 16),
    shareSeconds: number('BENCH_SHARE_SECONDS', 0.5),
    bigCodes: number('BENCH_BIG_CODES', quick ? 100_000 : 1_000_000),
    growthStart: 1000,
    growthTarget: number('BENCH_GROWTH_TARGET', quick ? 10_000 : 100_000),
    growthSeconds: number('BENCH_GROWTH_SECONDS', quick ? 5 : 10),
  };
}
