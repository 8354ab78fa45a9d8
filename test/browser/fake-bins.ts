import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * For the browser finders' tests: a temporary root, removed after the file's tests, and `bin(dir,
 * ...names)` making `dir` under it with an executable stand-in for each name (they are only looked
 * for, never run). Call at the top of a test file.
 */
export function fakeBins(prefix: string): { root: string; bin: (dir: string, ...names: string[]) => string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const bin = (dir: string, ...names: string[]) => {
    const path = join(root, dir);
    mkdirSync(path, { recursive: true });
    for (const name of names) {
      writeFileSync(join(path, name), '#!/bin/sh\n');
      chmodSync(join(path, name), 0o755);
    }
    return path;
  };
  return { root, bin };
}
