import { allSchemas } from '../src/schema/schema-index.js';

export type Schema = Record<string, unknown>;

/** A schema node and the document id its relative `$ref`s resolve against. */
export interface SchemaNode {
  schema: Schema;
  base: string;
}

/** Every schema document by `$id`, for walking schemas outside ajv (drift, probes). */
export class SchemaDocs {
  private readonly docs = new Map<string, Schema>();

  constructor(schemaList: readonly object[] = allSchemas as readonly object[]) {
    for (const s of schemaList as Schema[]) if (typeof s.$id === 'string') this.docs.set(s.$id, s);
  }

  get(id: string): Schema | undefined {
    return this.docs.get(id);
  }

  /** The node a `$ref` (relative to `base`) points at. */
  resolve(ref: string, base: string): SchemaNode | undefined {
    const [url, fragment = ''] = new URL(ref, base).href.split('#');
    let node: unknown = this.docs.get(url);
    for (const part of fragment.split('/').filter(Boolean)) {
      node = (node as Record<string, unknown> | undefined)?.[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return node && typeof node === 'object' ? { schema: node as Schema, base: url } : undefined;
  }

  /** The node plus everything it composes: $ref targets, allOf/anyOf/oneOf branches, then/else. */
  expand(n: SchemaNode, depth = 0): SchemaNode[] {
    if (depth > 16) return [n];
    const out: SchemaNode[] = [n];
    const ref = n.schema.$ref;
    if (typeof ref === 'string') {
      const target = this.resolve(ref, n.base);
      if (target) out.push(...this.expand(target, depth + 1));
    }
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      for (const s of (n.schema[k] as Schema[] | undefined) ?? []) out.push(...this.expand({ schema: asSchema(s), base: n.base }, depth + 1));
    }
    for (const k of ['then', 'else'] as const) {
      const s = n.schema[k];
      if (s && typeof s === 'object') out.push(...this.expand({ schema: s as Schema, base: n.base }, depth + 1));
    }
    return out;
  }
}

export function asSchema(s: unknown): Schema {
  return s && typeof s === 'object' ? (s as Schema) : {};
}
