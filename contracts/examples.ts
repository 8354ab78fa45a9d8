import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One documented example from `schemas/<vendor>/examples/` (the same files the schema tests check). */
export interface SchemaExample {
  schema: string;
  valid: boolean;
  source: string;
  note?: string;
  data: unknown;
}

/** The package root (holding `schemas/`), from source (contracts/) or from the build (dist/contracts/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'coupon-sandbox') return dir;
    dir = dirname(dir);
  }
  throw new Error('coupon-sandbox contracts: cannot find the package root (schemas/)');
}

let cache: SchemaExample[] | undefined;

/** Every example under schemas/<vendor>/examples/, loaded once. */
export function schemaExamples(): SchemaExample[] {
  if (cache) return cache;
  const out: SchemaExample[] = [];
  const root = join(packageRoot(), 'schemas');
  for (const vendor of readdirSync(root, { withFileTypes: true })) {
    const dir = join(root, vendor.name, 'examples');
    if (!vendor.isDirectory() || !existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as SchemaExample | SchemaExample[];
      out.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    }
  }
  cache = out;
  return out;
}

/**
 * A deep copy of the first valid example of a schema (optionally the first one `pick` accepts),
 * or undefined when the schemas have none yet.
 *
 * @example
 * const body = exampleFor(operation('wechat.card-get').request!); // { card_id: 'p1Pj9jr90_SQRaVqYI239Ka1erkI' }
 */
export function exampleFor<T = Record<string, unknown>>(schemaId: string, pick: (data: T) => boolean = () => true): T | undefined {
  const found = schemaExamples().find((e) => e.schema === schemaId && e.valid && pick(e.data as T));
  return found ? (structuredClone(found.data) as T) : undefined;
}
