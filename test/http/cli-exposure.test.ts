import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'dist/src/cli.js');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the built CLI and waits for its "listening on" line. */
function start(args: string[], env: Record<string, string> = {}): Promise<{ url: string; output: () => string }> {
  if (!existsSync(CLI)) throw new Error('dist/src/cli.js is missing: run `npm run build` first (npm test does)');
  const child = spawn(process.execPath, [CLI, '--port', '0', '--quiet', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  let out = '';
  return new Promise((done, fail) => {
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) done({ url: m[1]!.replace('0.0.0.0', '127.0.0.1'), output: () => out });
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.once('exit', (code) => fail(new Error(`CLI exited early (${code}): ${out}`)));
  });
}

describe('the CLI on a non-loopback address', () => {
  it('warns that the control surface is open to the network', async () => {
    const { output } = await start(['--host', '0.0.0.0']);
    expect(output()).toMatch(/WARNING: bound to 0\.0\.0\.0, not loopback.*set --control-token or SANDBOX_CONTROL_TOKEN/);
  });

  it('says nothing of the kind on loopback', async () => {
    const { output } = await start([]);
    expect(output()).not.toMatch(/WARNING/);
  });

  it('requires --control-token (or SANDBOX_CONTROL_TOKEN) on the control surface only', async () => {
    for (const [args, env] of [
      [['--control-token', 'tok-1'], {}],
      [[], { SANDBOX_CONTROL_TOKEN: 'tok-1' }],
    ] as const) {
      const { url } = await start([...args], env);
      expect((await fetch(`${url}/_sandbox/clock`)).status).toBe(401);
      expect((await fetch(`${url}/_sandbox/clock`, { headers: { authorization: 'Bearer tok-1' } })).status).toBe(200);
      expect((await fetch(`${url}/cgi-bin/token`)).status).toBe(200);
    }
  });
});
