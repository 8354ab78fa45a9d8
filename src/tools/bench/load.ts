/**
 * The parent's handle on the load-generator child (load-child.ts): autocannon on loopback, bounded
 * in time and connections, in a process of its own (pinned to the load core when pinning is on).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadSpec, LoadSummary } from './load-child.js';
import type { LoadRequest } from './load-request.js';
import { nodeCommand } from './pinning.js';

export type { LoadRequest } from './load-request.js';
export type { LoadSpec } from './load-child.js';

const LOAD_CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));

export interface LoadResult extends LoadSummary {
  /** Server CPU time (µs) used during the measured run, when a probe was given. */
  cpuMicros?: number;
}

export interface Loader {
  /** One measured run; `serverCpu` is sampled just before and just after it. */
  run(spec: LoadSpec, serverCpu?: () => Promise<number>): Promise<LoadResult>;
  /** A short unrecorded run, so JIT warm-up does not count against the first measured one. */
  warm(url: string, request: LoadRequest, connections: number, seconds?: number): Promise<void>;
  stop(): Promise<void>;
}

export function startLoader(cpu: number | undefined): Promise<Loader> {
  const { command, args } = nodeCommand(cpu, ['--import', 'tsx', LOAD_CHILD]);
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 0;
  const pending = new Map<number, (m: { value?: LoadSummary; error?: string }) => void>();
  const send = (spec: LoadSpec) =>
    new Promise<LoadSummary>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (m) => (pending.delete(id), m.error ? reject(new Error(m.error)) : resolve(m.value!)));
      child.send({ type: 'run', id, spec });
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
    child.on('message', (m: { type: string; id?: number }) => {
      if (m.type === 'result') pending.get(m.id!)?.(m as never);
      if (m.type !== 'ready') return;
      resolve({
        async run(spec, serverCpu) {
          const before = serverCpu ? await serverCpu() : 0;
          const summary = await send(spec);
          return { ...summary, cpuMicros: serverCpu ? (await serverCpu()) - before : undefined };
        },
        async warm(url, request, connections, seconds = 1) {
          await send({ url, request, connections, seconds });
        },
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
