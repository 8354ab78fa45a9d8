/**
 * `--only=redis`: what a shared store costs and buys. A real redis-server (Debian's package, on a
 * free loopback port, appendonly with appendfsync always: every acknowledged change on disk) and
 * 1, 2 and 3 sandbox instances on it, against a memory-only sandbox in the same run:
 * card/code/get (a read: one GET of the log head first) and card/code/consume (a write: appended
 * to the stream and applied by every instance) spread evenly over the instances, and the latency a
 * sequential request pays for Redis (p50 / p99).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchContext } from './context.js';
import { nodeCommand } from './pinning.js';
import { readyLine } from './ready-line.js';
import { median, rotate } from './stats.js';
import { markdownTable, ms, pct } from './table.js';

const SERVER = fileURLToPath(new URL('./shared-server.ts', import.meta.url));
const CODES = 200_000;

interface Instance {
  url: string;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill(signal);
  });
}

function startInstance(cpu: number | undefined, codes: number, store?: string): Promise<Instance & { file: string }> {
  const { command, args } = nodeCommand(cpu, ['--import', 'tsx', SERVER, String(codes), ...(store ? [store] : [])]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return readyLine(child, /ready (\S+) (\S+)/, 'shared bench server').then((m) => ({ url: m[1]!, file: m[2]!, stop: () => stopChild(child) }));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Stops a process by its pid: SIGTERM, then polls until it is gone (SIGKILL after 5 s). Node's
 * 'exit' event of a redis-server child started through taskset did not always arrive here.
 */
async function stopPid(child: ChildProcess): Promise<void> {
  const gone = () => {
    try {
      process.kill(child.pid!, 0);
      return false;
    } catch {
      return true;
    }
  };
  child.kill('SIGTERM');
  for (let waited = 0; !gone(); waited += 50) {
    if (waited === 5000) child.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A redis-server of its own (fresh dir, appendfsync always) until `stop`. */
async function startRedis(cpu: number | undefined): Promise<{ url: string; stop(): Promise<void> }> {
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error('redis-server is not installed (Debian: apt-get install redis-server)');
  const dir = mkdtempSync(join(tmpdir(), 'redis-bench-'));
  const port = await freePort();
  const redisArgs = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''];
  // On the servers' core (the sandbox instances share it): the load generator keeps its own.
  const [command, args] = cpu === undefined ? ['redis-server', redisArgs] : ['taskset', ['-c', String(cpu), 'redis-server', ...redisArgs]];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await readyLine(child, /Ready to accept connections/, 'redis-server');
  return {
    url: `redis://127.0.0.1:${port}/0`,
    stop: async () => {
      await stopPid(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Total req/s of `seconds` of load spread over the instances (connections split evenly). `body(n)`: n counts over all of them. */
async function spreadRate(urls: string[], path: string, body: (n: number) => string, connections: number, seconds: number): Promise<number> {
  let n = 0;
  const each = Math.max(1, Math.round(connections / urls.length));
  const totals = await Promise.all(
    urls.map(
      (url) =>
        new Promise<number>((resolve, reject) => {
          autocannon(
            {
              url,
              connections: each,
              duration: seconds,
              requests: [{ method: 'POST', path, headers: { 'content-type': 'application/json' }, setupRequest: (r) => ({ ...r, body: body(n++) }) }],
            },
            (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result.requests.total)),
          );
        }),
    ),
  );
  return totals.reduce((a, b) => a + b, 0) / seconds;
}

type Target = readonly [url: string, path: string, body: (n: number) => string];

/**
 * p50 and p99 (ms) of `count` sequential requests to each target, alternating between them (one at
 * a time: no queueing, only the path; alternating spreads the machine's other load over both).
 */
async function sequentialLatency(targets: readonly Target[], count: number): Promise<[number, number][]> {
  const took: number[][] = targets.map(() => []);
  for (let i = 0; i < count; i++) {
    for (const [k, [url, path, body]] of targets.entries()) {
      const t = performance.now();
      await (await fetch(url + path, { method: 'POST', body: body(i) })).arrayBuffer();
      took[k]!.push(performance.now() - t);
    }
  }
  return took.map((list) => {
    list.sort((a, b) => a - b);
    return [list[Math.floor(count * 0.5)]!, list[Math.floor(count * 0.99)]!];
  });
}

export async function redisSection(ctx: BenchContext): Promise<string> {
  const seconds = ctx.options.quick ? 1 : 2;
  const connections = ctx.options.connections;
  const cpu = ctx.pinning?.serverCpu;
  const redis = await startRedis(cpu);
  const memory = await startInstance(cpu, CODES);
  const first = await startInstance(cpu, CODES, redis.url);
  const joined = [await startInstance(cpu, 0, redis.url), await startInstance(cpu, 0, redis.url)];
  try {
    const load = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { codes: string[]; token: string };
    const mem = load(memory.file);
    const shared = load(first.file);
    const get = (token: string, codes: string[]) =>
      [`/card/code/get?access_token=${token}`, (n: number) => JSON.stringify({ code: codes[n % 1000], check_consume: false })] as const;
    // Each consume takes the next unused code of its server (the first 1,000 are the reads'), so none is consumed twice.
    const next = { memory: 1000, shared: 1000 };
    const consume = (token: string, codes: string[], key: keyof typeof next) =>
      [`/card/code/consume?access_token=${token}`, () => JSON.stringify({ code: codes[next[key]++] })] as const;
    const rows: (string | number)[][] = [];
    const setups: [string, string[], typeof mem, keyof typeof next][] = [
      ['memory only (1 process)', [memory.url], mem, 'memory'],
      ['Redis, 1 instance', [first.url], shared, 'shared'],
      ['Redis, 2 instances', [first.url, joined[0]!.url], shared, 'shared'],
      ['Redis, 3 instances', [first.url, ...joined.map((j) => j.url)], shared, 'shared'],
    ];
    // Warm every server up (JIT, schema compilation) before anything is measured.
    for (const [, urls, data] of setups) await spreadRate(urls, ...get(data.token, data.codes), connections, 0.5);
    // Interleaved rounds (every setup once per round, the order rotated), medians per setup: the
    // machine's other load then falls on all of them alike.
    const rounds = ctx.options.quick ? 1 : 3;
    const got = setups.map(() => ({ get: [] as number[], consume: [] as number[] }));
    for (let round = 0; round < rounds; round++) {
      for (const k of rotate([...setups.keys()], round)) {
        const [, urls, data, key] = setups[k]!;
        got[k]!.get.push(await spreadRate(urls, ...get(data.token, data.codes), connections, seconds));
        got[k]!.consume.push(await spreadRate(urls, ...consume(data.token, data.codes, key), connections, seconds));
      }
    }
    const base = [median(got[0]!.get), median(got[0]!.consume)] as const;
    for (const [k, [label]] of setups.entries()) {
      const [g, c] = [median(got[k]!.get), median(got[k]!.consume)];
      rows.push([label, Math.round(g), pct(g / base[0]), Math.round(c), pct(c / base[1])]);
    }
    const n = ctx.options.quick ? 100 : 500;
    const [[memGet, redisGet], [memUse, redisUse]] = [
      await sequentialLatency(
        [
          [memory.url, ...get(mem.token, mem.codes)],
          [first.url, ...get(shared.token, shared.codes)],
        ],
        n,
      ),
      await sequentialLatency(
        [
          [memory.url, ...consume(mem.token, mem.codes, 'memory')],
          [first.url, ...consume(shared.token, shared.codes, 'shared')],
        ],
        n,
      ),
    ] as [number, number][][];
    const latency = [
      ['card/code/get (read)', ms(memGet[0]), ms(redisGet[0]), ms(redisGet[0] - memGet[0]), ms(memGet[1]), ms(redisGet[1]), ms(redisGet[1] - memGet[1])],
      ['card/code/consume (write)', ms(memUse[0]), ms(redisUse[0]), ms(redisUse[0] - memUse[0]), ms(memUse[1]), ms(redisUse[1]), ms(redisUse[1] - memUse[1])],
    ];
    return [
      markdownTable(['sandbox', 'code/get req/s', 'vs memory', 'code/consume req/s', 'vs memory'], rows),
      '',
      `Sequential requests (${n} each, one at a time) to one instance: the latency Redis adds.`,
      '',
      markdownTable(['operation', 'memory p50', 'Redis p50', 'added p50', 'memory p99', 'Redis p99', 'added p99'], latency),
    ].join('\n');
  } finally {
    await Promise.all([memory.stop(), first.stop(), ...joined.map((j) => j.stop())]);
    await redis.stop();
  }
}
