/**
 * code/get with 10^3 codes loaded vs a large count (10^6 by default): lookups must not depend on
 * how many codes exist. Both servers live side by side and are measured in interleaved rounds; the
 * small one is the baseline.
 */
import { measure, server, warm, type BenchContext, type Measured } from './context.js';
import type { LoadRequest } from './load.js';
import { median, rotate } from './stats.js';
import { count, markdownTable, mb, ms, pct } from './table.js';

export async function scale(ctx: BenchContext): Promise<string> {
  const counts = [1000, ctx.options.bigCodes];
  const servers = await Promise.all(counts.map(() => server(ctx, 'sandbox')));
  try {
    const setups: { idle: number; request: LoadRequest; loadMs: number; rss: number }[] = [];
    for (const [i, s] of servers.entries()) {
      const idle = await s.rss();
      const { value: request, ms: loadMs } = await s.call<LoadRequest & { totalCodes: number }>('loadCodes', counts[i]!);
      setups.push({ idle, request, loadMs, rss: await s.rss() });
      await warm(ctx, s, request);
    }
    const runs: Measured[][] = counts.map(() => []);
    for (let round = 0; round < ctx.options.rounds; round++) {
      for (const i of rotate([0, 1], round)) runs[i]!.push(await measure(ctx, servers[i]!, setups[i]!.request));
    }
    const shares = runs[1]!.map((r, i) => r.rps / runs[0]![i]!.rps);
    const rows = counts.map((n, i) => [
      count(n) + (i === 0 ? ' (baseline)' : ''),
      ms(setups[i]!.loadMs),
      mb(setups[i]!.idle),
      mb(setups[i]!.rss),
      Math.round(median(runs[i]!.map((r) => r.rps))),
      i === 0 ? '100%' : pct(median(shares)),
      ms(median(runs[i]!.map((r) => r.p50))),
      ms(median(runs[i]!.map((r) => r.p99))),
    ]);
    return markdownTable(['codes loaded', 'load time', 'RSS before', 'RSS after', 'code/get req/s', 'vs 10^3 codes (median of rounds)', 'p50', 'p99'], rows);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
