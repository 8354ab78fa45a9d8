import type { ChildProcess } from 'node:child_process';

/**
 * Resolves with the first match of `pattern` in what a bench child prints on stdout (its "ready"
 * line); rejects if the child exits first. `what` names the child in that error.
 */
export function readyLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const early = (code: number | null) => reject(new Error(`${what} exited with ${code}`));
    child.once('exit', early);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = pattern.exec(out);
      if (!m) return;
      child.off('exit', early);
      resolve(m);
    });
  });
}
