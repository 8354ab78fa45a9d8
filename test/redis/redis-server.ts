import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { browserRequired, findProgram, type BrowserSearch, type Env } from '../browser/find-browser.js';

export type RedisSearch = BrowserSearch;

/** Whether a run must have redis-server: in CI (read as the browser tests read it; .ci/run sets it) or with REQUIRE_REDIS=1. */
export function redisRequired(env: Env): boolean {
  return browserRequired({ CI: env.CI }) || env.REQUIRE_REDIS === '1';
}

/**
 * The redis-server the shared-store tests run: REDIS_SERVER when set (it must exist: a typo must
 * not quietly skip the tests), else `redis-server` on PATH — the browser finder's rules.
 */
export function findRedisServer(env: Env = process.env): RedisSearch {
  return findProgram(env, {
    what: 'redis-server',
    envVar: 'REDIS_SERVER',
    names: ['redis-server'],
    wellKnown: [],
    install: 'Debian: apt-get install redis-server',
    required: redisRequired,
  });
}

// Without one the shared-store tests are skipped with the reason printed, except in CI, where a
// missing redis-server fails them: CI must never pass without running them.
export const REDIS_SERVER = findRedisServer();
export const skipRedis = !REDIS_SERVER.found && !REDIS_SERVER.required;
if (!REDIS_SERVER.found)
  console.warn(`[redis tests] ${skipRedis ? 'skipping the shared-store tests' : 'the shared-store tests will fail'}: ${REDIS_SERVER.reason}`);

/** A port nobody listens on now: bind port 0 on 127.0.0.1, read it, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when a Redis on `port` answers PING (not while it is still loading its append-only file). */
async function pong(port: number): Promise<boolean> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Every redis-server this test process started, killed on exit whatever happened to the test. */
const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/**
 * One real redis-server on 127.0.0.1 in a fresh temp dir, with the persistence the durability
 * tests assume: append-only file, fsync before every reply (`appendfsync always`), no RDB saves.
 */
export class RedisServer {
  private child: ChildProcess | undefined;
  private out = '';

  private constructor(
    readonly path: string,
    readonly port: number,
    readonly dir: string,
  ) {}

  /** `redis://127.0.0.1:<port>/<db>`: what `--store` takes. */
  url(db = 0): string {
    return `redis://127.0.0.1:${this.port}/${db}`;
  }

  /** What redis-server printed (its log goes to stdout), for failure messages. */
  output(): string {
    return this.out;
  }

  static async start(): Promise<RedisServer> {
    if (!REDIS_SERVER.found) throw new Error(`the shared-store tests must run here (CI): ${REDIS_SERVER.reason}`);
    const dir = mkdtempSync(join(tmpdir(), 'coupon-redis-'));
    // Another process may take the free port between the probe and the bind: try a few.
    for (let attempt = 1; ; attempt++) {
      const server = new RedisServer(REDIS_SERVER.path, await freePort(), dir);
      try {
        await server.launch();
        return server;
      } catch (error) {
        await server.kill9();
        if (attempt === 3) {
          rmSync(dir, { recursive: true, force: true });
          throw error;
        }
      }
    }
  }

  private async launch(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir];
    args.push('--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--daemonize', 'no', '--logfile', '');
    const child = spawn(this.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(child);
    child.once('exit', () => started.delete(child));
    this.child = child;
    child.stdout!.on('data', (c: Buffer) => (this.out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (this.out += c.toString()));
    await this.waitForPing(child);
  }

  /** Resolves once PING answers PONG (after an AOF load, too); rejects if the process exits or 10 s pass. */
  private async waitForPing(child: ChildProcess): Promise<void> {
    const until = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}): ${this.out}`);
      if (await pong(this.port)) return;
      if (Date.now() > until) throw new Error(`redis-server on port ${this.port} did not answer PING within 10 s: ${this.out}`);
      await sleep(50);
    }
  }

  private signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** kill -9: no shutdown, no last write; what it acknowledged must already be on disk. */
  kill9(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** A new redis-server on the same port and dir (it loads the append-only file). */
  async restart(): Promise<void> {
    await this.kill9();
    await this.launch();
  }

  /** SIGSTOP: connections stay open and nothing answers (a hung server). */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Stops the server (a paused one too) and, with `remove`, deletes its dir. */
  async stop(remove = true): Promise<void> {
    this.resume();
    await this.signal('SIGTERM');
    if (remove) rmSync(this.dir, { recursive: true, force: true });
  }
}
