/**
 * Cross-file `$ref`s for the type generator. json-schema-to-typescript dereferences a `$ref` into
 * another file by copying the target into the referring file, so a shared definition (the card
 * body, the stock, the common field types) ended up declared once per file that used it, as
 * unrelated types. Here every cross-file `$ref` is replaced, in a copy of the schema given to the
 * compiler only, by a `tsType` naming the target's type, and the referring file imports that
 * name from the target's own generated module. Validation (ajv) still reads the schema files as
 * they are.
 */
import { posix } from 'node:path';
import type { SchemaFile } from './generate.js';

/** One imported type: the generated module it lives in (schemas/-relative .json path) and its name. */
export interface TypeImport {
  from: string;
  name: string;
}

type Json = unknown;

const PASCAL = /^[A-Z][A-Za-z0-9]*$/;

/**
 * The exported type name of a definition: its `title`, else its `$defs` key. This is the name
 * json-schema-to-typescript gives a root-level `$defs` entry; `checkImports` proves it on the output.
 */
export function defTypeName(file: SchemaFile, key: string): string {
  const defs = (file.schema.$defs ?? {}) as Record<string, { title?: unknown }>;
  const def = defs[key];
  if (!def) throw new Error(`${file.rel}: no $defs/${key}`);
  const name = typeof def.title === 'string' ? def.title : key;
  if (!PASCAL.test(name)) throw new Error(`${file.rel}#/$defs/${key}: give it a PascalCase "title" (it names the shared type)`);
  return name;
}

/** Splits a `$ref` into the target file (schemas/-relative) and the JSON pointer. */
function splitRef(from: SchemaFile, ref: string, base: string): { rel: string; pointer: string } {
  const hash = ref.indexOf('#');
  const path = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? '' : ref.slice(hash + 1);
  if (!path) return { rel: from.rel, pointer };
  if (path.startsWith(base)) return { rel: path.slice(base.length), pointer };
  if (/^[a-z]+:/i.test(path)) throw new Error(`${from.rel}: $ref ${ref} leaves schemas/`);
  return { rel: posix.normalize(posix.join(posix.dirname(from.rel), path)), pointer };
}

/** Files referenced from another file: they export every `$defs` entry, not only the reachable ones. */
export function sharedFiles(files: readonly SchemaFile[], base: string): Set<string> {
  const shared = new Set<string>();
  for (const file of files) {
    walkRefs(file.schema, (ref) => {
      const { rel } = splitRef(file, ref, base);
      if (rel !== file.rel) shared.add(rel);
    });
  }
  return shared;
}

function walkRefs(node: Json, visit: (ref: string) => void): void {
  if (Array.isArray(node)) for (const item of node) walkRefs(item, visit);
  else if (node && typeof node === 'object') {
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') visit(ref);
    for (const value of Object.values(node)) walkRefs(value, visit);
  }
}

/**
 * A copy of `file.schema` in which every `$ref` into another file is `{ tsType: <its type name> }`
 * (siblings such as `description` kept, so the doc comment stays), and the imports it needs.
 */
export function localizeRefs(
  file: SchemaFile,
  byRel: ReadonlyMap<string, SchemaFile>,
  base: string,
): { schema: Record<string, unknown>; imports: TypeImport[] } {
  const imports = new Map<string, TypeImport>();
  const rewrite = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) out[key] = rewrite(value);
    if (typeof out.$ref !== 'string') return out;
    const { rel, pointer } = splitRef(file, out.$ref, base);
    if (rel === file.rel) {
      out.$ref = '#' + pointer;
      return out;
    }
    const target = byRel.get(rel);
    if (!target) throw new Error(`${file.rel}: $ref ${out.$ref} names no schema file`);
    const def = /^\/\$defs\/([^/]+)$/.exec(pointer);
    if (pointer !== '' && !def) throw new Error(`${file.rel}: $ref ${out.$ref}: only whole files and $defs entries can be shared`);
    const name = def ? defTypeName(target, def[1]) : String(target.schema.title);
    const clash = imports.get(name);
    if (clash && clash.from !== rel) throw new Error(`${file.rel}: ${name} is imported from both ${clash.from} and ${rel}; give one a distinct title`);
    imports.set(name, { from: rel, name });
    const { $ref: _ref, ...siblings } = out;
    return { ...siblings, tsType: name };
  };
  const { $id: _id, ...schema } = rewrite(file.schema) as Record<string, unknown>;
  return { schema, imports: [...imports.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** `import type` lines for a generated module at `src/types/<rel>.ts`. */
export function importLines(rel: string, imports: readonly TypeImport[]): string {
  const byModule = new Map<string, string[]>();
  for (const { from, name } of imports) byModule.set(from, [...(byModule.get(from) ?? []), name]);
  return [...byModule]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([from, names]) => {
      let path = posix.relative(posix.dirname(rel), from).replace(/\.json$/, '.js');
      if (!path.startsWith('.')) path = './' + path;
      return `import type { ${names.join(', ')} } from '${path}';\n`;
    })
    .join('');
}

/** The names a generated module exports (json-schema-to-typescript emits `export type|interface`). */
export function exportedNames(ts: string): string[] {
  return [...ts.matchAll(/^export (?:type|interface|enum|const enum|declare const enum) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
}

/** Fails generation when an imported name is not what the target module actually exports. */
export function checkImports(rel: string, imports: readonly TypeImport[], exportsOf: (rel: string) => readonly string[]): void {
  for (const { from, name } of imports) {
    if (!exportsOf(from).includes(name)) {
      throw new Error(`${rel} imports ${name} from ${from}, which does not export it (a name clash there renamed it? give the def a unique title)`);
    }
  }
}
