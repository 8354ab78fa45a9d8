import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirError } from './data-dir-error.js';

/** Whether a process with this pid is running (EPERM: it is, but not ours). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process not yet reaped (a zombie) still answers signal 0 but holds nothing.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * Takes DIR/LOCK for this process (its pid inside), or refuses when a running process holds it. A
 * lock left by a process that died (kill -9) is taken over. Returns the release function.
 */
export function takeLock(dir: string): () => void {
  const path = join(dir, 'LOCK');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      // removed meanwhile: try again
    }
    if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
      throw new DataDirError(`data dir ${dir} is in use by another coupon-sandbox (pid ${holder}); stop it or use another --data-dir`);
    }
    try {
      unlinkSync(path); // stale: its process is gone
    } catch {
      // someone else took it over first; the next attempt sees their lock
    }
  }
  throw new DataDirError(`data dir ${dir}: could not take ${path}`);
}
