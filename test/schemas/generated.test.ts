import { readFileSync, existsSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAll, ROOT } from '../../src/tools/generate.js';

describe('generated files', () => {
  it('match what `npm run generate` produces from schemas/ (types and schema index are fresh)', async () => {
    const generated = await generateAll();
    const stale = [...generated]
      .filter(([path, content]) => !existsSync(path) || readFileSync(path, 'utf8') !== content)
      .map(([path]) => relative(ROOT, path));
    expect(stale, 'run `npm run generate` and commit the result').toEqual([]);
  }, 60_000);
});
