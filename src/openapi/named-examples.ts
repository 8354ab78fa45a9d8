import type { ExampleObject } from './openapi-types.js';
import { documentedExamples } from './schema-examples.js';

/**
 * The documented examples of a schema as OpenAPI named examples: `ok`, `ok2`, ... (lower case, so
 * they never clash with catalogue error keys, which are digits or upper case), each summarised by
 * where it comes from. `wrap` turns a documented value into the body on the wire (waiqin365 puts
 * the data into an envelope).
 *
 * @example
 * Object.keys(namedExamples(schemaId('wechat/code-get.response.json'), 'ok')); // ['ok', 'ok2', 'ok3', 'ok4']
 */
export function namedExamples(schemaId: string, prefix: string, wrap: (data: unknown) => unknown = (data) => data): Record<string, ExampleObject> {
  const out: Record<string, ExampleObject> = {};
  documentedExamples(schemaId).forEach((entry, index) => {
    out[index === 0 ? prefix : `${prefix}${index + 1}`] = {
      summary: entry.source,
      ...(entry.note !== undefined && { description: entry.note }),
      value: wrap(entry.data),
    };
  });
  return out;
}
