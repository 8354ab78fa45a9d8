/**
 * CPU pinning for the HTTP rows: the server child on one core, the load generator (and this
 * orchestrating process) on another, so the server's throughput is what one core gives and the
 * generator never steals from it. On by default when `taskset` exists and this process may run on
 * at least two cores; `--unpinned` turns it off, `--pinned` insists (and fails without taskset).
 */
import { spawnSync } from 'node:child_process';

export interface Pinning {
  /** Core of the server children. */
  serverCpu: number;
  /** Core of the load generator child and of this process. */
  loadCpu: number;
}

/** Parses a taskset CPU list such as `0-3,6`. */
function parseCpuList(list: string): number[] {
  return list
    .trim()
    .split(',')
    .flatMap((part) => {
      const [from, to] = part.split('-').map(Number);
      if (to === undefined) return [from!];
      return Array.from({ length: to - from! + 1 }, (_, i) => from! + i);
    })
    .filter((n) => Number.isInteger(n));
}

/** The cores this process may use, or undefined when taskset is missing. */
function allowedCpus(): number[] | undefined {
  const out = spawnSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' });
  if (out.error || out.status !== 0) return undefined;
  const list = /list:\s*(.+)$/m.exec(out.stdout)?.[1];
  return list ? parseCpuList(list) : undefined;
}

/** Decides the pinning for `--pinned` (true), `--unpinned` (false) or neither (auto). */
export function choosePinning(requested: boolean | undefined): Pinning | undefined {
  if (requested === false) return undefined;
  const cpus = allowedCpus();
  if (!cpus || cpus.length < 2) {
    if (requested) throw new Error(`--pinned needs taskset and two usable cores (found ${cpus ? cpus.join(',') : 'no taskset'})`);
    return undefined;
  }
  return { serverCpu: cpus[0]!, loadCpu: cpus[1]! };
}

/** Moves every thread of this process to `cpu` (children then inherit it unless pinned elsewhere). */
export function pinSelf(cpu: number): void {
  const out = spawnSync('taskset', ['-a', '-pc', String(cpu), String(process.pid)], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`taskset could not pin the bench process: ${out.stderr}`);
}

/** The command line that runs `node ...args` on `cpu` (or plain node when unpinned). */
export function nodeCommand(cpu: number | undefined, args: string[]): { command: string; args: string[] } {
  if (cpu === undefined) return { command: process.execPath, args };
  // taskset execs node in place: same pid, same inherited IPC descriptor.
  return { command: 'taskset', args: ['-c', String(cpu), process.execPath, ...args] };
}
