import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const doc = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
const tracked = execFileSync('git', ['ls-files', 'src', 'mocks', 'contracts'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f.endsWith('.ts') && !f.startsWith('src/types/'));

/** A file is listed when ARCHITECTURE.md names it by its path, its last two segments or, in a folder's list, its name. */
function listed(file: string): boolean {
  const parts = file.split('/');
  const names = [file, parts.slice(-2).join('/'), parts.slice(-3).join('/'), parts.at(-1)!];
  return names.some((name) => doc.includes(`\`${name}\``) || doc.includes(` ${name}`) || doc.includes(`${name},`));
}

describe('ARCHITECTURE.md', () => {
  it('has one line for every source file', () => {
    expect(tracked.length).toBeGreaterThan(100);
    expect(tracked.filter((f) => !listed(f))).toEqual([]);
  });

  it('names only files that exist', () => {
    const named = [...doc.matchAll(/`((?:src|mocks|contracts|test|schemas)\/[\w./-]+\.(?:ts|json))`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
  });
});
