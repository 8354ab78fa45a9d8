import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveSandbox } from '../../node.js';
import { resolveOptions } from '../../options.js';
import { World } from '../../pipeline/world.js';
import { createSandbox } from '../../sandbox.js';
import { VENDORS } from '../../vendors.js';
import { markdownTable, ms } from './table.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The p-th percentile (0..1) of some timings. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function timed(times: number, run: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    out.push(performance.now() - t);
  }
  return out;
}

async function timedAsync(times: number, run: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await run();
    out.push(performance.now() - t);
  }
  return out;
}

/** Memory of N held worlds, measured in a child process (see worlds-child.ts). */
function heldWorlds(
  count: number,
): Promise<{ count: number; empty: { perWorld: number; allAnswer: boolean }; seeded: { perWorld: number; allAnswer: boolean } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'src/tools/bench/worlds-child.ts', String(count)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`worlds child exited ${code}`))));
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/**
 * Worlds: creating one (in process and over HTTP) against building a seeded world from scratch
 * (what creating would cost without the copied template), the resident memory per held world,
 * and 1,000 worlds held at once, each answering with its own credentials.
 */
export async function worldsSection(quick: boolean): Promise<string> {
  const n = quick ? 50 : 300;
  const sandbox = createSandbox({ maxWorlds: 100_000 });
  sandbox.worlds.create();
  const scratch = timed(quick ? 5 : 20, () => void new World(resolveOptions({}), VENDORS));
  const seeded = timed(n, () => void sandbox.worlds.create());
  const empty = timed(n, () => void sandbox.worlds.create({ empty: true }));
  sandbox.worlds.clear();

  const running = await serveSandbox({ port: 0, maxWorlds: 100_000 });
  let http: number[];
  let floor: number[];
  try {
    const post = () => fetch(`${running.url}/_sandbox/worlds`, { method: 'POST', body: '{}' }).then((r) => r.arrayBuffer());
    const clock = () => fetch(`${running.url}/_sandbox/clock`).then((r) => r.arrayBuffer());
    await post();
    http = await timedAsync(n, post);
    floor = await timedAsync(n, clock);
  } finally {
    await running.close();
  }
  const memory = await heldWorlds(quick ? 200 : 1000);

  const row = (label: string, values: number[]) => [label, ms(percentile(values, 0.5)), ms(percentile(values, 0.95))];
  return [
    markdownTable(
      ['', 'p50', 'p95'],
      [
        row('seeded world built from scratch (baseline: seeding replays the engine rules)', scratch),
        row('create a seeded world, in process (copied template)', seeded),
        row('create an empty world, in process', empty),
        row('`GET /_sandbox/clock` over HTTP (baseline: the loopback round trip)', floor),
        row('`POST /_sandbox/worlds` over HTTP (seeded)', http),
      ],
    ),
    '',
    markdownTable(
      ['held worlds', 'RSS per world', 'every world answers its own token call'],
      [
        [`${memory.count} empty`, kb(memory.empty.perWorld), memory.empty.allAnswer ? 'yes' : 'NO'],
        [`${memory.count} seeded`, kb(memory.seeded.perWorld), memory.seeded.allAnswer ? 'yes' : 'NO'],
      ],
    ),
  ].join('\n');
}
