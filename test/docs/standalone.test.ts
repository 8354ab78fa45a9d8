import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const tracked = (...paths: string[]) =>
  execFileSync('git', ['ls-files', '--', ...paths], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && !f.endsWith('.png'));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Section ids VENDOR-BEHAVIOUR.md has as headings: `### A.2 ...`, `## D. ...`, `## E. ...`. */
function sections(): Set<string> {
  const ids = new Set<string>();
  for (const m of read('VENDOR-BEHAVIOUR.md').matchAll(/^#{2,3} ([A-E])(\.\d+)?[. ]/gm)) ids.add(`${m[1]}${m[2] ?? ''}`);
  return ids;
}

describe('the repository stands alone', () => {
  it('has a VENDOR-BEHAVIOUR.md section for every section a file cites (old api-facts ids included)', () => {
    const have = sections();
    expect([...have]).toEqual(expect.arrayContaining(['A.1', 'A.5', 'B.1', 'B.10', 'C.1', 'C.10', 'D', 'E']));
    const missing: string[] = [];
    for (const file of tracked('src', 'schemas', 'contracts', 'mocks', 'test', 'README.md', 'ARCHITECTURE.md')) {
      for (const m of read(file).matchAll(/\b(?:api-facts(?:\.md)?|VENDOR-BEHAVIOUR\.md)(?: section)? ([A-E](?:\.\d+)?)\b/g)) {
        if (!have.has(m[1]!)) missing.push(`${file}: ${m[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('cites no file outside the repository in its user docs', () => {
    for (const file of ['README.md', 'ARCHITECTURE.md', 'contracts/README.md', 'VENDOR-BEHAVIOUR.md']) {
      expect(read(file), file).not.toMatch(/\.\.\/shared\/|shared\/design\.md|api-facts\.md|vendor-docs\//);
    }
  });

  it('names no tracker issue in user docs', () => {
    for (const file of ['README.md', 'contracts/README.md', 'VENDOR-BEHAVIOUR.md']) {
      expect(read(file), file).not.toMatch(/\bissues? #?\d+\b/i);
    }
  });
});
