import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI, exactly what `npm start` runs. */
export const CLI = join(ROOT, 'dist/src/cli.js');

function requireBuilt(): void {
  if (!existsSync(CLI)) throw new Error('dist/src/cli.js is missing: run `npm run build` first (npm test does)');
}

export interface RunningCli {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts the built CLI (by default on a free port) and resolves once it printed its whole banner
 * (or, with --quiet, its one "listening on" line).
 */
export function startCli(args: string[] = ['--port', '0'], env: Record<string, string | undefined> = {}): Promise<RunningCli> {
  requireBuilt();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  const quiet = args.includes('--quiet') || args.includes('-q');
  return new Promise((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+:(\d+))[^\n]*\n/.exec(out);
      if (m && (quiet || /Ctrl-C stops it\.\n/.test(out))) {
        done({
          child,
          url: m[1]!,
          port: Number(m[2]),
          output: () => out,
          stop: () =>
            new Promise((exited) => {
              // A child killed by a signal has a signalCode and no exitCode: it will emit no more 'exit'.
              if (child.exitCode !== null || child.signalCode !== null) return exited(child.exitCode);
              child.once('exit', (code) => exited(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`CLI exited early (${code}): ${out}`)));
  });
}

/** Runs the built CLI to completion (for flags that print and exit). */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 10_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  requireBuilt();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`coupon-sandbox ${args.join(' ')} still running after ${timeoutMs} ms: ${stdout}${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
