import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../../src/tools/generate.js';

/** A documented example (or a deliberate counter-example) stored under schemas/<vendor>/examples/. */
export interface Example {
  file: string;
  /** $id of the schema the data must (or must not) satisfy. */
  schema: string;
  /** false for a counter-example that breaks a documented constraint. */
  valid: boolean;
  /** Where the example comes from (vendor page and section). */
  source: string;
  /** What was fixed from the doc's text (typos), or what rule a counter-example breaks. */
  note?: string;
  data: unknown;
}

export function loadExamples(): Example[] {
  const out: Example[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (dir.endsWith('examples') && entry.name.endsWith('.json')) {
        const parsed = JSON.parse(readFileSync(abs, 'utf8'));
        const items = Array.isArray(parsed) ? parsed : [parsed];
        items.forEach((item, i) => out.push({ ...item, file: `${relative(ROOT, abs)}${items.length > 1 ? `#${i}` : ''}` }));
      }
    }
  };
  walk(join(ROOT, 'schemas'));
  return out;
}
