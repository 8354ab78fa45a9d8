import { describe, expect, it } from 'vitest';
import { schemas } from '../../src/schema/registry.js';
import { loadExamples } from '../support/examples.js';

const examples = loadExamples();

describe('vendor-doc examples and counter-examples', () => {
  it.each(examples.filter((e) => e.valid).map((e) => [e.file, e] as const))('%s validates against its schema', (_f, example) => {
    const result = schemas().validate(example.schema, example.data);
    expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual([]);
  });

  it.each(examples.filter((e) => !e.valid).map((e) => [e.file, e] as const))('%s is rejected by its schema', (_f, example) => {
    expect(schemas().validate(example.schema, example.data).ok).toBe(false);
  });

  it('every example names a schema that exists and says where it comes from', () => {
    for (const example of examples) {
      expect(schemas().has(example.schema), example.file).toBe(true);
      expect(example.source, example.file).toMatch(/\S/);
    }
  });
});
