import { asSchema, SchemaDocs, type Schema, type SchemaNode as Node } from './schema-docs.js';

/** What one operation's responses showed compared with its schema. */
export interface DriftEntry {
  operation: string;
  schema: string;
  /** Responses inspected. */
  responses: number;
  /** Fields seen in responses that the schema does not describe (`/card/[]/extra`). */
  undocumented: string[];
  /** Fields the schema describes that no response carried. */
  neverSeen: string[];
}

/**
 * Collects schema drift across a run: undocumented fields in responses (WeChat warns real
 * responses carry them, so response schemas allow them and the kit reports instead of failing)
 * and documented fields that never showed up. Array positions are written `[]`.
 */
export class DriftCollector {
  private readonly seen = new Map<string, { operation: string; schema: string; responses: number; paths: Set<string>; unknown: Set<string> }>();

  constructor(private readonly docs: SchemaDocs = new SchemaDocs()) {}

  /** Records one response body of `operation`, checked against schema `id`. */
  record(operation: string, id: string, data: unknown): void {
    const root = this.docs.get(id);
    if (!root) return;
    const key = `${operation} ${id}`;
    let entry = this.seen.get(key);
    if (!entry) this.seen.set(key, (entry = { operation, schema: id, responses: 0, paths: new Set(), unknown: new Set() }));
    entry.responses++;
    this.walk(data, [{ schema: root, base: id }], '', entry.paths, entry.unknown);
  }

  /** Drift per (operation, schema), operations in the order first seen. */
  entries(): DriftEntry[] {
    return [...this.seen.values()].map((e) => {
      const documented = this.documented([{ schema: this.docs.get(e.schema)!, base: e.schema }], '', 0, new Set());
      return {
        operation: e.operation,
        schema: e.schema,
        responses: e.responses,
        undocumented: [...e.unknown].sort(),
        // Only the topmost missing field of a subtree: a never-seen `/card/gift` hides its 80 children.
        neverSeen: [...new Set(documented)].filter((p) => !e.paths.has(p) && (parentOf(p) === '' || e.paths.has(parentOf(p)))).sort(),
      };
    });
  }

  private walk(data: unknown, nodes: Node[], path: string, seen: Set<string>, unknown: Set<string>): void {
    const flat = nodes.flatMap((n) => this.docs.expand(n));
    if (Array.isArray(data)) {
      const items = flat.flatMap((n) => this.children(n, 'items'));
      if (items.length) for (const item of data) this.walk(item, items, `${path}/[]`, seen, unknown);
      return;
    }
    if (!data || typeof data !== 'object') return;
    const { props, open } = this.properties(flat);
    for (const [key, value] of Object.entries(data)) {
      const child = props.get(key) ?? open;
      const childPath = `${path}/${key}`;
      if (!child) {
        unknown.add(childPath);
        continue;
      }
      seen.add(childPath);
      this.walk(value, child, childPath, seen, unknown);
    }
  }

  /** Documented property paths, following refs and composition, to a bounded depth (schemas may recurse). */
  private documented(nodes: Node[], path: string, depth: number, visiting: Set<Schema>): string[] {
    if (depth > 8) return [];
    const flat = nodes.flatMap((n) => this.docs.expand(n)).filter((n) => !visiting.has(n.schema));
    const next = new Set([...visiting, ...flat.map((n) => n.schema)]);
    const out: string[] = [];
    const items = flat.flatMap((n) => this.children(n, 'items'));
    if (items.length) out.push(...this.documented(items, `${path}/[]`, depth + 1, next));
    const { props } = this.properties(flat);
    for (const [key, child] of props) {
      out.push(`${path}/${key}`);
      out.push(...this.documented(child, `${path}/${key}`, depth + 1, next));
    }
    return out;
  }

  /** Property schemas by name across all nodes, and the schema of undeclared keys when the object is a map. */
  private properties(nodes: Node[]): { props: Map<string, Node[]>; open: Node[] | undefined } {
    const props = new Map<string, Node[]>();
    let open: Node[] | undefined;
    for (const n of nodes) {
      const own = n.schema.properties as Record<string, Schema> | undefined;
      for (const [k, s] of Object.entries(own ?? {})) props.set(k, [...(props.get(k) ?? []), { schema: asSchema(s), base: n.base }]);
      const extra = n.schema.additionalProperties;
      // A map (`additionalProperties: {schema}` or patternProperties) documents any key; `true`/absent does not.
      if (extra && typeof extra === 'object' && Object.keys(extra).length) open = [...(open ?? []), { schema: extra as Schema, base: n.base }];
      for (const s of Object.values((n.schema.patternProperties ?? {}) as Record<string, Schema>))
        open = [...(open ?? []), { schema: asSchema(s), base: n.base }];
    }
    return { props, open };
  }

  private children(n: Node, keyword: 'items'): Node[] {
    const out: Node[] = [];
    const items = n.schema[keyword];
    if (items && typeof items === 'object' && !Array.isArray(items)) out.push({ schema: items as Schema, base: n.base });
    for (const s of (n.schema.prefixItems as Schema[] | undefined) ?? []) out.push({ schema: asSchema(s), base: n.base });
    return out;
  }
}

/** `/a/[]/b` -> `/a` (array steps are not fields of their own). */
function parentOf(path: string): string {
  return path.replace(/(\/\[\])*\/[^/]+$/, '');
}
