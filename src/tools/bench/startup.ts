import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { markdownTable, mb, ms } from './table.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface StartupResult {
  /** ms from spawn to the first answered request. */
  firstResponseMs: number;
  /** Resident memory of the idle server process, bytes. */
  idleRss: number;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? '0');
  return kb * 1024;
}

/**
 * Launches a server command that prints `... http://127.0.0.1:PORT` when listening, polls `probe`
 * until it answers, and measures the time from launch and the idle resident memory.
 */
export async function measureStartup(args: string[], probe: string): Promise<StartupResult> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (match) resolve(match[0]);
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
    });
    for (;;) {
      try {
        const res = await fetch(url + probe);
        await res.arrayBuffer();
        if (res.status < 500) break;
      } catch {
        /* not yet accepting */
      }
    }
    const firstResponseMs = performance.now() - started;
    // Idle means after start-up work is done: the sandbox compiles its validators in the background
    // during the first seconds.
    await new Promise((r) => setTimeout(r, 4000));
    return { firstResponseMs, idleRss: rssOf(child.pid!) };
  } finally {
    child.kill('SIGTERM');
  }
}

/** Start-up of `npm start` against a bare Hono server started the same way. */
export async function startupSection(): Promise<string> {
  const baseline = await measureStartup(
    [
      '--input-type=module',
      '-e',
      "import {serve} from '@hono/node-server'; import {Hono} from 'hono'; const a=new Hono(); a.all('*',c=>c.json({})); serve({fetch:a.fetch,port:0,hostname:'127.0.0.1'},i=>console.log('http://127.0.0.1:'+i.port))",
    ],
    '/',
  );
  const sandbox = await measureStartup(['dist/src/cli.js', '--port', '0', '--quiet'], '/cgi-bin/token');
  return markdownTable(
    ['process', 'first answered request', 'idle RSS'],
    [
      ['bare Hono + @hono/node-server (baseline)', ms(baseline.firstResponseMs), mb(baseline.idleRss)],
      ['`npm start` sandbox, default seeded world', ms(sandbox.firstResponseMs), mb(sandbox.idleRss)],
    ],
  );
}
