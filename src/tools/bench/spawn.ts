import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export interface BenchServer {
  url: string;
  rss(): Promise<number>;
  /** CPU time (user + system, µs) the server process has used so far. */
  cpu(): Promise<number>;
  /** Runs an action of child-actions.ts inside the server process; returns its value and duration. */
  call<T>(fn: string, ...args: unknown[]): Promise<{ value: T; ms: number }>;
  stop(): Promise<void>;
}

/** Starts a benchmark server process (`baseline` or `sandbox`) under tsx and waits until it listens. */
export function startServer(mode: 'baseline' | 'sandbox', seed = 1): Promise<BenchServer> {
  const child: ChildProcess = fork(CHILD, [mode, String(seed)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, (m: { value?: unknown; ms?: number; error?: string }) => void>();
  let rssWaiter: ((rss: number) => void) | undefined;
  let cpuWaiter: ((micros: number) => void) | undefined;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.on('message', (m: { type: string; url?: string; rss?: number; micros?: number; id?: number }) => {
      if (m.type === 'ready') {
        resolve({
          url: m.url!,
          rss: () => new Promise((r) => ((rssWaiter = r), child.send({ type: 'rss' }))),
          cpu: () => new Promise((r) => ((cpuWaiter = r), child.send({ type: 'cpu' }))),
          call: <T>(fn: string, ...args: unknown[]) =>
            new Promise<{ value: T; ms: number }>((res, rej) => {
              const id = nextId++;
              pending.set(id, (r) => (r.error ? rej(new Error(r.error)) : res({ value: r.value as T, ms: r.ms! })));
              child.send({ type: 'call', id, fn, args });
            }),
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      } else if (m.type === 'rss') rssWaiter?.(m.rss!);
      else if (m.type === 'cpu') cpuWaiter?.(m.micros!);
      else if (m.type === 'result') pending.get(m.id!)?.(m as never);
    });
  });
}
