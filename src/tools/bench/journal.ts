/**
 * `--only=journal`: the cost of a data dir. The same requests against a memory-mode server and a
 * `--data-dir` one, in interleaved rounds: card/code/get (a read: never waits for the disk),
 * card/code/consume (each request consumes another code) and v3 coupons/use (a repeated use
 * answered from the idempotency ledger: journaled and synced like any write). Then the restart
 * time of a data dir with 10^6 codes and 10^5 journal entries, and the disk it uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openSandbox } from '../../node.js';
import { CHECKPOINT_EVERY } from '../../journal/open-data-dir.js';
import type { BenchContext } from './context.js';
import { readyLine } from './ready-line.js';
import { median } from './stats.js';
import { markdownTable, mb, ms, pct } from './table.js';

const SERVER = fileURLToPath(new URL('./journal-server.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../../../dist/src/cli.js', import.meta.url));

interface Server {
  url: string;
  load: { codes: string[]; token: string; coupon: string; appid: string };
  stop(): Promise<void>;
}

function startServer(codes: number, dataDir?: string): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SERVER, String(codes), ...(dataDir ? [dataDir] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return readyLine(child, /ready (\S+) (\S+)/, 'journal bench server').then((m) => ({
    url: m[1]!,
    load: JSON.parse(readFileSync(m[2]!, 'utf8')) as Server['load'],
    stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
  }));
}

type Body = (n: number) => string;

/** req/s of `seconds` of load with a body per request. */
function rate(url: string, path: string, body: Body, connections: number, seconds: number): Promise<number> {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: [{ method: 'POST', path, headers: { 'content-type': 'application/json' }, setupRequest: (r) => ({ ...r, body: body(n++) }) }],
      },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result.requests.total / seconds)),
    );
  });
}

/** Bytes of every file in a directory. */
function du(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

/** From spawning the built CLI on a data dir to its "listening on" line. */
function restartMs(dir: string, checkpointEvery: number): Promise<number> {
  const started = performance.now();
  const args = [CLI, '--port', '0', '--quiet', '--data-dir', dir, '--checkpoint-every', String(checkpointEvery)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('listening on')) return;
      const took = performance.now() - started;
      child.removeAllListeners('exit');
      child.once('exit', () => resolve(took));
      child.kill('SIGTERM');
    });
  });
}

/**
 * A data dir holding 10^6 bulk codes and 10^5 more entries (consumes, 1,000 in flight at a time),
 * checkpointed every `checkpointEvery` entries and on close (0: never); how long the close took
 * (with checkpoints: the last checkpoint, written synchronously).
 */
async function bigDataDir(codes: number, entries: number, checkpointEvery: number): Promise<{ dir: string; closeMs: number }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'journal-bench-')), 'data');
  const running = await openSandbox({ port: 0, dataDir: dir, checkpointEvery });
  const sandbox = running.sandbox;
  sandbox.wechat.bulkCodes({ count: codes });
  const world = sandbox.world;
  const all = world.store<{ codes: { code: string[]; size: number } }>('wechat').read((s) => s.codes.code.slice(s.codes.size - codes, s.codes.size));
  for (let i = 0; i < entries; i += 1000) {
    await Promise.all(all.slice(i, i + 1000).map((code) => sandbox.call('wechat.code-consume', { code })));
  }
  // One more entry, so the close has something to checkpoint.
  await sandbox.call('wechat.code-consume', { code: all[entries]! });
  const started = performance.now();
  await running.close();
  return { dir, closeMs: performance.now() - started };
}

/** Restart time (median of 2), disk used and close time of a big data dir. */
async function bigRow(label: string, checkpointEvery: number): Promise<string[]> {
  const big = await bigDataDir(1_000_000, 100_000, checkpointEvery);
  const restart = median([await restartMs(big.dir, checkpointEvery), await restartMs(big.dir, checkpointEvery)]);
  const bytes = du(big.dir);
  rmSync(big.dir, { recursive: true, force: true });
  return [label, ms(restart), mb(bytes), ms(big.closeMs)];
}

export async function journalSection(ctx: BenchContext): Promise<string> {
  const seconds = ctx.options.quick ? 1 : 3;
  const rounds = ctx.options.quick ? 1 : 3;
  const connections = ctx.options.connections;
  const codes = 400_000;
  const dir = join(mkdtempSync(join(tmpdir(), 'journal-bench-')), 'data');
  const [memory, disk] = [await startServer(codes), await startServer(codes, dir)];
  const rows: (string | number)[][] = [];
  try {
    const cases: [string, (s: Server) => [string, Body]][] = [
      [
        'card/code/get (read)',
        (s) => [`/card/code/get?access_token=${s.load.token}`, (n) => JSON.stringify({ code: s.load.codes[n % 1000], check_consume: false })],
      ],
      ['card/code/consume (write)', (s) => [`/card/code/consume?access_token=${s.load.token}`, (n) => JSON.stringify({ code: s.load.codes[n] })]],
      [
        'v3 coupons/use (write)',
        (s) => [
          '/v3/marketing/busifavor/coupons/use',
          () =>
            JSON.stringify({
              coupon_code: s.load.coupon,
              appid: s.load.appid,
              stock_id: '98065001',
              use_time: '2026-12-01T10:00:00+08:00',
              use_request_no: 'bench-use',
            }),
        ],
      ],
    ];
    // Consume draws codes from a shared offset per server, so no code is consumed twice.
    const offsets = new Map<Server, number>([
      [memory, 0],
      [disk, 0],
    ]);
    for (const [name, make] of cases) {
      const got: { memory: number[]; disk: number[] } = { memory: [], disk: [] };
      for (let round = 0; round < rounds; round++) {
        for (const [key, s] of round % 2 === 0
          ? ([
              ['memory', memory],
              ['disk', disk],
            ] as const)
          : ([
              ['disk', disk],
              ['memory', memory],
            ] as const)) {
          const [path, body] = make(s);
          const start = offsets.get(s)!;
          let used = 0;
          const r = await rate(s.url, path, (n) => ((used = Math.max(used, n + 1)), body(start + n)), connections, seconds);
          if (name.includes('consume')) offsets.set(s, start + used);
          got[key].push(r);
        }
      }
      const m = median(got.memory);
      const d = median(got.disk);
      rows.push([name, Math.round(m), Math.round(d), pct(d / m)]);
    }
  } finally {
    await Promise.all([memory.stop(), disk.stop()]);
  }
  const diskUsed = du(dir);
  rmSync(dir, { recursive: true, force: true });
  const checkpointed = await bigRow('10^6 codes + 10^5 journal entries, checkpoint every 50,000 and on close', CHECKPOINT_EVERY);
  const whole = await bigRow('the same without checkpoints (the whole journal replayed)', 0);
  return [
    markdownTable(['operation', 'memory req/s', '--data-dir req/s', 'data dir vs memory'], rows),
    '',
    markdownTable(
      ['data dir', 'restart (launch to listening, median of 2)', 'disk used', 'clean close (the last checkpoint)'],
      [['after the runs above', '', mb(diskUsed), ''], checkpointed, whole],
    ),
  ].join('\n');
}
