/**
 * `npm run bench`: throughput, latency, growth, memory and start-up of the sandbox, each figure
 * measured against a baseline taken in the same run (absolute numbers vary between machines;
 * ratios travel). Loopback only, every run bounded in time or request count; see options.ts for the
 * flags (`-- --quick`, `-- --unpinned`, `-- --profile`, `-- --only=share,growth`) and variables.
 * Prints markdown (the README's performance section is pasted from it).
 */
import { availableParallelism } from 'node:os';
import type { BenchContext } from './context.js';
import { dashboardSection } from './dashboard.js';
import { growth } from './growth.js';
import { journalSection } from './journal.js';
import { startLoader } from './load.js';
import { mswSection } from './msw-path.js';
import { parseOptions, type Section } from './options.js';
import { choosePinning, pinSelf } from './pinning.js';
import { pipelineShare } from './pipeline-share.js';
import { redisSection } from './redis.js';
import { profileCodeGet } from './profile.js';
import { scale } from './scale.js';
import { startupSection } from './startup.js';
import { vendorRows } from './vendor-rows.js';
import { worldsSection } from './worlds.js';

const options = parseOptions(process.argv.slice(2));
const pinning = choosePinning(options.pinned);
// This process only orchestrates, but it must not run on the server's core either.
if (pinning) pinSelf(pinning.loadCpu);
const loader = await startLoader(pinning?.loadCpu);
const ctx: BenchContext = { options, pinning, loader };

const where = pinning
  ? `pinned: servers on CPU ${pinning.serverCpu}, load generator and bench on CPU ${pinning.loadCpu}`
  : `unpinned (${availableParallelism()} cores)`;
console.log(
  `coupon-sandbox benchmark${options.quick ? ' (quick)' : ''}: ${options.connections} connections, ${options.seconds} s per run, ` +
    `Node ${process.version}, loopback, ${where}` +
    (options.rate ? `, timed runs at a fixed ${options.rate} req/s (compare server CPU per request, not req/s)` : '') +
    '\n',
);

const started = performance.now();
try {
  if (options.profile) {
    console.log('## Profile of POST /card/code/get (server CPU, pinned core)\n');
    console.log(await profileCodeGet(ctx));
  } else {
    const sections: [Section, string, () => Promise<string>][] = [
      ['share', 'Pipeline share: code/get vs bare Hono (HTTP)', async () => (await pipelineShare(ctx)).markdown],
      ['vendors', 'Throughput and latency per vendor (HTTP)', () => vendorRows(ctx)],
      ['growth', 'Growth: rate as state accumulates (HTTP)', () => growth(ctx)],
      ['scale', 'Scale: code/get with 10^3 vs many codes (HTTP)', () => scale(ctx)],
      ['msw', 'msw (in process)', () => mswSection()],
      ['startup', 'Start-up', () => startupSection()],
      ['dashboard', 'Dashboard read API: search and paging with 10^6 codes (in process)', () => dashboardSection(options.quick)],
      ['worlds', 'Worlds: create time and memory per world', () => worldsSection(options.quick)],
      ['journal', 'Durable state: --data-dir vs memory (HTTP), restart, disk', () => journalSection(ctx)],
      ['redis', 'Shared store: 1, 2 and 3 instances on Redis vs memory (HTTP)', () => redisSection(ctx)],
    ];
    for (const [key, title, run] of sections) {
      if (!options.only.has(key)) continue;
      const t = performance.now();
      console.log(`## ${title}\n`);
      console.log(await run());
      console.log(`\n_${((performance.now() - t) / 1000).toFixed(0)} s_\n`);
    }
  }
} finally {
  await loader.stop();
}
console.log(`_whole run: ${((performance.now() - started) / 1000).toFixed(0)} s_`);
