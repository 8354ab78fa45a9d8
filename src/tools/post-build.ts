/**
 * Runs after `tsc -p tsconfig.build.json` (`npm run build`, `prepare`) and finishes dist/:
 *
 * - **CommonJS declarations.** Next to every `dist/**\/*.d.ts` it writes a `.d.cts` twin whose
 *   relative imports point at the other twins. package.json serves them under the `require`
 *   condition. Why: the JavaScript is ESM only (CommonJS code loads it through Node's require(esm),
 *   Node 20.19+), but TypeScript resolves `msw` inside a declaration file in that file's own module
 *   format. With ESM-only declarations a CommonJS project saw msw's ESM types through
 *   coupon-sandbox and msw's CommonJS types through its own `import { http } from 'msw'`, two
 *   unrelated `RequestHandler` classes, so `server.use(http.post(...))` failed with "HttpHandler is
 *   not assignable to AnyHandler". Through the twins both sides see the same msw declarations.
 * - **Schema copies without prose.** The copies of the JSON Schemas that tsc emits into
 *   dist/schemas/ (the ones the built code imports, and so the ones a browser bundle carries) lose
 *   their documentation-only keywords (title, description, examples, $comment, x-doc, x-note,
 *   x-source): about 50 kB of the msw browser bundle. Validation does not read them. The complete
 *   documents stay under schemas/ (`coupon-sandbox/schemas/*`); the error catalogues are not
 *   touched.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Keywords that only document: no validator and no sandbox code reads them. */
export const DOC_KEYWORDS: ReadonlySet<string> = new Set(['title', 'description', 'examples', '$comment', 'x-doc', 'x-note', 'x-source']);

/** Keywords whose value is a map of name → subschema (the names are data, never stripped). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is one subschema. */
const SCHEMA_ONE = new Set([
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
]);
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/**
 * A JSON Schema without its documentation-only keywords. Walks subschema positions only, so a
 * property that happens to be called `description` or `title` (WeChat cards have both) keeps its
 * definition, and `enum`, `const`, `default` and `x-errors` values are left as they are.
 *
 * @example
 * stripDocs({ description: 'a card', properties: { title: { type: 'string', description: 'shown' } } });
 * // { properties: { title: { type: 'string' } } }
 */
export function stripDocs(schema: unknown): unknown {
  if (Array.isArray(schema) || schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DOC_KEYWORDS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, stripDocs(sub)]));
    } else if (SCHEMA_LIST.has(key) && Array.isArray(value)) {
      out[key] = value.map(stripDocs);
    } else if (SCHEMA_ONE.has(key)) {
      out[key] = Array.isArray(value) ? value.map(stripDocs) : stripDocs(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * The `.d.cts` twin of a declaration file: relative module specifiers `./x.js` become `./x.cjs`
 * (TypeScript maps them to `./x.d.cts`), in `from '...'`, `import('...')` and `import '...'`.
 *
 * @example
 * ctsDeclaration("export { a } from './a.js';"); // "export { a } from './a.cjs';"
 */
export function ctsDeclaration(text: string): string {
  return text.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]*?)\.js\2/g, '$1$2$3.cjs$2');
}

function walk(dir: string, visit: (path: string) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else visit(path);
  }
}

/** Finishes `dist` in place; returns how many files it wrote. */
export function postBuild(dist: string): { declarations: number; schemas: number } {
  let declarations = 0;
  let schemaCount = 0;
  walk(dist, (path) => {
    if (path.endsWith('.d.ts')) {
      writeFileSync(path.slice(0, -'.d.ts'.length) + '.d.cts', ctsDeclaration(readFileSync(path, 'utf8')));
      declarations++;
    }
  });
  walk(join(dist, 'schemas'), (path) => {
    if (!path.endsWith('.json')) return;
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    // JSON Schemas carry an $id; the error catalogues (data read through errorEntry()) do not.
    if (typeof json.$id !== 'string') return;
    writeFileSync(path, JSON.stringify(stripDocs(json)));
    schemaCount++;
  });
  return { declarations, schemas: schemaCount };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = fileURLToPath(new URL('../../dist', import.meta.url));
  const done = postBuild(dist);
  console.log(`post-build: ${done.declarations} .d.cts declarations, ${done.schemas} schema copies without prose`);
}
