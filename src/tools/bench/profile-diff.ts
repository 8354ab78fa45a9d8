/**
 * Compares two profiles written by `npm run bench -- --profile` (e.g. main vs a branch, or the
 * sandbox vs the bare baseline), per request: the entries whose µs/request changed most.
 *
 *   npx tsx src/tools/bench/profile-diff.ts reports/bench/code-get-baseline.cpuprofile reports/bench/code-get-sandbox.cpuprofile [owner|self|inclusive]
 */
import { readFileSync } from 'node:fs';
import type { CpuProfile } from './profiler.js';
import { summarize, type Summary } from './profile-summary.js';
import { markdownTable } from './table.js';

const [before, after, by = 'owner'] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: profile-diff.ts <before.cpuprofile> <after.cpuprofile> [owner|self|inclusive]');
  process.exit(2);
}
const kinds: Record<string, keyof Pick<Summary, 'byOwner' | 'bySelf' | 'inclusive'>> = { owner: 'byOwner', self: 'bySelf', inclusive: 'inclusive' };
const kind = kinds[by];
if (!kind) throw new Error(`unknown breakdown ${by}`);

function load(file: string): { summary: Summary; requests: number } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile & { benchRequests?: number };
  if (!profile.benchRequests) throw new Error(`${file} has no benchRequests: write it with npm run bench -- --profile`);
  return { summary: summarize(profile), requests: profile.benchRequests };
}

const a = load(before);
const b = load(after);
// Entries of other trees (BENCH_ALT_SANDBOX) carry their own root, built ones a dist/ too: compare by
// the path under it.
const strip = (key: string) => key.replace(/(^|\s)(?:file:\/\/\/)?(?:\S*\/)?(?:dist\/)?((?:src|mocks)\/)/, '$1$2');
const perRequest = new Map<string, [number, number]>();
for (const e of a.summary[kind]) perRequest.set(strip(e.key), [e.micros / a.requests, 0]);
for (const e of b.summary[kind]) {
  const key = strip(e.key);
  perRequest.set(key, [perRequest.get(key)?.[0] ?? 0, (perRequest.get(key)?.[1] ?? 0) + e.micros / b.requests]);
}
const rows = [...perRequest]
  .sort((x, y) => Math.abs(y[1][1] - y[1][0]) - Math.abs(x[1][1] - x[1][0]))
  .slice(0, 30)
  .map(([key, [x, y]]) => [`\`${key}\``, x.toFixed(2), y.toFixed(2), `${y >= x ? '+' : ''}${(y - x).toFixed(2)}`]);
console.log(`sampled busy µs/request: ${(a.summary.busyMicros / a.requests).toFixed(1)} -> ${(b.summary.busyMicros / b.requests).toFixed(1)}\n`);
console.log(markdownTable([`${by}`, 'before µs/req', 'after µs/req', 'change'], rows));
