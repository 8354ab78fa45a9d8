import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerMode } from './child.js';
import type { CpuProfile } from './profiler.js';
import { nodeCommand } from './pinning.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export interface BenchServer {
  url: string;
  mode: ServerMode;
  /** Process id (for external tools: strace, perf, /proc). */
  pid: number;
  rss(): Promise<number>;
  /** CPU time (user + system, µs) the server process has used so far. */
  cpu(): Promise<number>;
  /** Runs an action of child-actions.ts inside the server process; returns its value and duration. */
  call<T>(fn: string, ...args: unknown[]): Promise<{ value: T; ms: number }>;
  /** Starts the V8 sampling profiler in the server (sampling interval in µs). */
  profileStart(intervalUs?: number): Promise<void>;
  /** Stops it and returns the profile, frames mapped to .ts lines. */
  profileStop(): Promise<CpuProfile>;
  stop(): Promise<void>;
}

/**
 * Starts a benchmark server process (child.ts under tsx), on core `cpu` when given, and waits until
 * it listens.
 */
export function startServer(mode: ServerMode, options: { cpu?: number; seed?: number; env?: Record<string, string> } = {}): Promise<BenchServer> {
  const { command, args } = nodeCommand(options.cpu, ['--import', 'tsx', '--expose-gc', CHILD, mode, String(options.seed ?? 1)]);
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...options.env } });
  let nextId = 0;
  const pending = new Map<number, (m: { value?: unknown; ms?: number; error?: string }) => void>();
  // One waiter per reply type: the parent never has two of a kind in flight.
  const waiters = new Map<string, (m: Record<string, unknown>) => void>();
  const ask = <T>(type: string, reply: string, extra: object = {}) =>
    new Promise<T>((resolve) => {
      waiters.set(reply, (m) => resolve(m as T));
      child.send({ type, ...extra });
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code} before listening`)));
    child.on('message', (m: { type: string; url?: string; id?: number }) => {
      if (m.type === 'result') return pending.get(m.id!)?.(m as never);
      if (m.type !== 'ready') {
        const waiter = waiters.get(m.type);
        waiters.delete(m.type);
        return waiter?.(m);
      }
      child.removeAllListeners('exit');
      resolve({
        url: m.url!,
        mode,
        pid: child.pid!,
        rss: () => ask<{ rss: number }>('rss', 'rss').then((r) => r.rss),
        cpu: () => ask<{ micros: number }>('cpu', 'cpu').then((r) => r.micros),
        call: <T>(fn: string, ...callArgs: unknown[]) =>
          new Promise<{ value: T; ms: number }>((res, rej) => {
            const id = nextId++;
            pending.set(id, (r) => (pending.delete(id), r.error ? rej(new Error(r.error)) : res({ value: r.value as T, ms: r.ms! })));
            child.send({ type: 'call', id, fn, args: callArgs });
          }),
        profileStart: (intervalUs = 100) => ask<unknown>('profile-start', 'profile-started', { intervalUs }).then(() => undefined),
        profileStop: () => ask<{ profile: CpuProfile }>('profile-stop', 'profile').then((r) => r.profile),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
