import { allSchemas } from '../schema/schema-index.js';
import type { JsonSchema } from './openapi-types.js';

/** Where a rewritten `$ref` points inside an OpenAPI document. */
export const COMPONENT_PREFIX = '#/components/schemas/';

/**
 * Keywords whose values are data, not schemas: a `$ref` key inside them is a value, and our own
 * `x-*` annotations are left exactly as the schema files have them.
 */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'example']);

const byId = new Map<string, JsonSchema>((allSchemas as unknown as JsonSchema[]).map((schema) => [String(schema.$id), schema]));

/** A schema file and, for a `#/$defs/<key>` reference, the definition inside it. */
interface Target {
  file: string;
  def?: string;
}

/**
 * Component names, the same in every document: a file's `title` (unique across schemas/, checked
 * in the tests), and for a definition its `$defs` key, qualified by the file's title only where
 * two files define the same key (`Openid` lives in wechat/common.json and wechatpay/stock.json).
 */
const names = (() => {
  const titleOf = (id: string): string => {
    const title = byId.get(id)?.title;
    return typeof title === 'string' ? title : id.replace(/^.*\/schemas\//, '').replace(/\.json$/, '');
  };
  const defCount = new Map<string, number>();
  for (const schema of byId.values()) {
    for (const key of Object.keys((schema.$defs as JsonSchema | undefined) ?? {})) defCount.set(key, (defCount.get(key) ?? 0) + 1);
  }
  const titles = new Set([...byId.keys()].map(titleOf));
  return (target: Target): string => {
    if (!target.def) return titleOf(target.file);
    const shared = (defCount.get(target.def) ?? 0) > 1 || titles.has(target.def);
    return shared ? `${titleOf(target.file)}.${target.def}` : target.def;
  };
})();

function resolve(ref: string, base: string): Target {
  const url = new URL(ref, base);
  const fragment = decodeURIComponent(url.hash.replace(/^#/, ''));
  url.hash = '';
  const file = url.href;
  if (!byId.has(file)) throw new Error(`openapi: $ref ${ref} (from ${base}) names no schema`);
  if (fragment === '' || fragment === '/') return { file };
  const def = /^\/\$defs\/([^/]+)$/.exec(fragment)?.[1];
  if (!def) throw new Error(`openapi: $ref ${ref} points inside a schema; only whole files and $defs entries are supported`);
  if (!(byId.get(file)!.$defs as JsonSchema | undefined)?.[def]) throw new Error(`openapi: $ref ${ref} names no definition`);
  return { file, def };
}

/**
 * Collects the JSON Schemas one OpenAPI document needs into `components/schemas`, each under a
 * readable name, with every `$ref` rewritten to `#/components/schemas/<name>`: the document then
 * resolves without fetching anything (our `$id`s are names, not URLs that serve files). Each
 * `$defs` entry becomes a component of its own, so tools that only follow component refs (mock
 * servers, Postman, code generators) see every type. `$id` and `$schema` go (a nested `$id` would
 * change the base of relative refs; OpenAPI 3.1's dialect already is 2020-12); the original id is
 * kept as the `x-schema-id` extension. Only what is referenced is included.
 *
 * @example
 * const components = new SchemaComponents();
 * components.ref(schemaId('wechat/code-get.response.json')); // { $ref: '#/components/schemas/WechatCodeGetResponse' }
 * components.schemas(); // { WechatCodeGetResponse: {...}, CardId: {...}, ... }
 */
export class SchemaComponents {
  private readonly out = new Map<string, JsonSchema>();

  /** A `$ref` object to the component for a schema id (with an optional `#/$defs/<key>` fragment). */
  ref(id: string): { $ref: string } {
    return { $ref: COMPONENT_PREFIX + this.include(resolve(id, id)) };
  }

  /**
   * A fragment of the schema `base` (e.g. one property of a query schema, used as a parameter
   * schema) with its refs rewritten and their targets included.
   */
  rewrite(fragment: JsonSchema, base: string): JsonSchema {
    return this.walk(fragment, base) as JsonSchema;
  }

  /** The raw (unrewritten) schema for an id, for reading its properties and descriptions. */
  source(id: string): JsonSchema {
    const schema = byId.get(id);
    if (!schema) throw new Error(`openapi: unknown schema ${id}`);
    return schema;
  }

  /** `components/schemas`, sorted by name so the output is stable. */
  schemas(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private include(target: Target): string {
    const name = names(target);
    if (this.out.has(name)) return name;
    const file = byId.get(target.file)!;
    // Registered before the walk, so recursive and mutual references terminate.
    this.out.set(name, {});
    let raw: JsonSchema;
    let origin: string;
    if (target.def) {
      raw = (file.$defs as Record<string, JsonSchema>)[target.def]!;
      origin = `${target.file}#/$defs/${target.def}`;
    } else {
      const { $id: _id, $schema: _schema, $defs: _defs, ...rest } = file;
      raw = rest;
      origin = target.file;
    }
    this.out.set(name, { ...(this.walk(raw, target.file) as JsonSchema), 'x-schema-id': origin });
    return name;
  }

  private walk(node: unknown, base: string): unknown {
    if (Array.isArray(node)) return node.map((item) => this.walk(item, base));
    if (node === null || typeof node !== 'object') return node;
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node as JsonSchema)) {
      if (key === '$ref' && typeof value === 'string') out.$ref = COMPONENT_PREFIX + this.include(resolve(value, base));
      else if (key === '$id' || key === '$defs') throw new Error(`openapi: nested ${key} in ${base} is not supported`);
      else if (DATA_KEYWORDS.has(key) || key.startsWith('x-')) out[key] = value;
      else if (key === 'properties' || key === 'patternProperties' || key === 'dependentSchemas') {
        // Maps from names to schemas: the names are data, the values are schemas.
        out[key] = Object.fromEntries(Object.entries(value as JsonSchema).map(([k, v]) => [k, this.walk(v, base)]));
      } else out[key] = this.walk(value, base);
    }
    return out;
  }
}
