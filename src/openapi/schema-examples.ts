import { exampleFiles, type SchemaExampleEntry } from './example-index.js';

const valid = new Map<string, SchemaExampleEntry[]>();
for (const entries of Object.values(exampleFiles)) {
  for (const entry of entries) {
    if (!entry.valid) continue;
    const list = valid.get(entry.schema) ?? [];
    list.push(entry);
    valid.set(entry.schema, list);
  }
}

/**
 * The documented valid examples of a schema, in file order: vendor-page samples that the schema
 * tests already check against their schema. Invalid examples (the error probes) are never used.
 *
 * @example
 * documentedExamples(schemaId('wechat/code-get.response.json'))[0]?.data; // { errcode: 0, errmsg: 'ok', card: {...}, ... }
 */
export function documentedExamples(schemaId: string): readonly SchemaExampleEntry[] {
  return valid.get(schemaId) ?? [];
}
