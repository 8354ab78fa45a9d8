// What src/tools/post-build.ts does to dist/: `.d.cts` twins of the declarations (for CommonJS
// projects) and schema copies without their prose. The built registry, which reads those copies,
// must give exactly the verdicts and issues the source registry gives.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { schemas as sourceSchemas } from '../../src/schema/registry.js';
import { ctsDeclaration, DOC_KEYWORDS, stripDocs } from '../../src/tools/post-build.js';
import { REPO } from '../support/consumer.js';
import { loadExamples } from '../support/examples.js';

const DIST = join(REPO, 'dist');

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f));
}

describe('stripDocs', () => {
  it('drops documentation keywords but keeps properties that carry those names', () => {
    const schema = {
      $id: 'x',
      title: 'Card',
      description: 'a card',
      'x-errors': { missing: '41012' },
      properties: {
        title: { type: 'string', description: 'shown on the card', maxLength: 9 },
        description: { type: 'string', 'x-doc': 'p. 3', enum: ['a'] },
        list: { type: 'array', items: { description: 'one', const: { description: 'data, kept' } } },
      },
      required: ['title', 'description'],
      allOf: [{ $comment: 'why', if: { title: 'if' }, then: { description: 'then', minimum: 1 } }],
      $defs: { title: { examples: [1], type: 'integer' } },
    };
    expect(stripDocs(schema)).toEqual({
      $id: 'x',
      'x-errors': { missing: '41012' },
      properties: {
        title: { type: 'string', maxLength: 9 },
        description: { type: 'string', enum: ['a'] },
        list: { type: 'array', items: { const: { description: 'data, kept' } } },
      },
      required: ['title', 'description'],
      allOf: [{ if: {}, then: { minimum: 1 } }],
      $defs: { title: { type: 'integer' } },
    });
  });

  it('rewrites relative .js specifiers of declarations to their .d.cts twins, nothing else', () => {
    const text = [
      "import { type SetupServer } from 'msw/node';",
      "import type { Hono } from 'hono';",
      "export { a, type B } from './handlers.js';",
      "export * from '../src/sandbox.js';",
      'cards: import("./codes.js").Code[];',
    ].join('\n');
    expect(ctsDeclaration(text)).toBe(
      [
        "import { type SetupServer } from 'msw/node';",
        "import type { Hono } from 'hono';",
        "export { a, type B } from './handlers.cjs';",
        "export * from '../src/sandbox.cjs';",
        'cards: import("./codes.cjs").Code[];',
      ].join('\n'),
    );
  });
});

describe('dist/ after the build (npm run build)', () => {
  it('has a .d.cts twin for every declaration, and every relative import of a twin resolves to a twin', () => {
    const declarations = files(DIST, '.d.ts');
    expect(declarations.length).toBeGreaterThan(100);
    const dangling: string[] = [];
    for (const dts of declarations) {
      const cts = dts.replace(/\.d\.ts$/, '.d.cts');
      expect(existsSync(cts), relative(REPO, cts)).toBe(true);
      const text = readFileSync(cts, 'utf8');
      expect(text, relative(REPO, cts)).not.toMatch(/\bfrom\s*['"]\.\.?\/[^'"]*\.js['"]/);
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.\.?\/[^'"]+)\.cjs['"]/g)) {
        const target = resolve(dirname(cts), `${m[1]}.d.cts`);
        if (!existsSync(target)) dangling.push(`${relative(REPO, cts)} -> ${m[1]}.cjs`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('serves the .d.cts twins under the require condition of every entry', () => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    for (const [entry, value] of Object.entries(manifest.exports)) {
      if (typeof value === 'string') continue;
      const { import: esm, require: cjs } = value as Record<string, { types: string; default: string }>;
      expect(cjs!.types, entry).toBe(esm!.types.replace(/\.d\.ts$/, '.d.cts'));
      expect(cjs!.default, entry).toBe(esm!.default); // one ESM build: require(esm) loads it
      expect(existsSync(join(REPO, cjs!.types)), cjs!.types).toBe(true);
    }
  });

  it('carries schema copies without prose, and leaves the error catalogues whole', () => {
    const copies = files(join(DIST, 'schemas'), '.json').map((f) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>);
    const schemaCopies = copies.filter((c) => typeof c.$id === 'string');
    expect(schemaCopies.length).toBeGreaterThan(80);
    for (const copy of schemaCopies) expect(copy, String(copy.$id)).toEqual(stripDocs(copy));
    const card = JSON.parse(readFileSync(join(REPO, 'schemas/wechat/card.json'), 'utf8')) as Record<string, unknown>;
    expect(JSON.stringify(card)).toMatch(/"description"/);
    const catalogue = JSON.parse(readFileSync(join(DIST, 'schemas/wechat/errors.json'), 'utf8')) as { errors: Array<Record<string, unknown>> };
    expect(catalogue).toEqual(JSON.parse(readFileSync(join(REPO, 'schemas/wechat/errors.json'), 'utf8')));
    expect([...DOC_KEYWORDS]).not.toContain('x-errors');
  });

  it('validates exactly as the sources do: same verdicts and issues for every example and 1,000+ broken variants', async () => {
    const built = (await import(pathToFileURL(join(DIST, 'src/schema/registry.js')).href)) as typeof import('../../src/schema/registry.js');
    const cases: Array<{ schema: string; data: unknown }> = [];
    for (const example of loadExamples()) {
      cases.push({ schema: example.schema, data: example.data });
      const data = example.data;
      if (data === null || typeof data !== 'object' || Array.isArray(data)) continue;
      // Variants that reach the x-errors mappings: a field missing, null, of the wrong type, too long.
      for (const key of Object.keys(data)) {
        const { [key]: _dropped, ...rest } = data as Record<string, unknown>;
        cases.push({ schema: example.schema, data: rest });
        for (const bad of [null, 'x'.repeat(300), 1.2345678901234567e19, [], {}]) cases.push({ schema: example.schema, data: { ...data, [key]: bad } });
      }
    }
    expect(cases.length).toBeGreaterThan(1000);
    for (const { schema, data } of cases) {
      expect(built.schemas().validate(schema, structuredClone(data)), schema).toEqual(sourceSchemas().validate(schema, structuredClone(data)));
    }
  }, 60_000); // ~2.5 s alone; compiling every validator twice takes far longer beside a loaded full run
});
