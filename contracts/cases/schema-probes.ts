import { errorKey } from '../../src/errors/catalogue.js';
import { operation, type Operation } from '../../src/operations.js';
import type { CaseContext } from '../context.js';
import { exampleFor } from '../examples.js';
import { SchemaDocs, type Schema } from '../schema-docs.js';
import { known } from './common.js';
import type { ContractCase } from './types.js';

type Errors = Record<string, string>;

/** One way to break a documented request, and the catalogue key the schema says it earns. */
export interface Probe {
  key: string;
  /** Human description: `missing card_id`, `count above maximum 50`. */
  how: string;
  mutate(data: Record<string, unknown>): void;
}

const docs = new SchemaDocs();

/** The x-errors of a property: its own over those of the schemas it refers to. */
function propertyErrors(prop: Schema, base: string): { errors: Errors; keywords: Schema } {
  const nodes = docs.expand({ schema: prop, base });
  const errors: Errors = {};
  const keywords: Schema = {};
  for (const n of [...nodes].reverse()) {
    Object.assign(errors, n.schema['x-errors'] as Errors | undefined);
    Object.assign(keywords, n.schema);
  }
  return { errors, keywords };
}

/** A value of the wrong JSON type for a schema `type`. */
function wrongType(type: unknown): unknown {
  const types = Array.isArray(type) ? type : [type];
  if (!types.includes('object')) return { wrong: 'type' };
  return 'wrong type';
}

/**
 * Error probes read from a request schema's `x-errors` annotations (the same table the emulator
 * answers from, and each entry is a documented vendor rule): a missing required property, a value
 * over maxLength/maximum, under minimum, off an enum, or of the wrong type. One probe per error
 * key and operation, built on the documented example.
 */
export function schemaProbes(op: Operation): Probe[] {
  const id = op.request ?? op.query;
  const root = id ? docs.get(id) : undefined;
  if (!root || !id) return [];
  const parent = (root['x-errors'] ?? {}) as Errors;
  const props = (root.properties ?? {}) as Record<string, Schema>;
  const isQuery = !op.request;
  const probes: Probe[] = [];
  const add = (probe: Probe) => {
    if (known(op.vendor, probe.key) && !probes.some((p) => p.key === probe.key)) probes.push(probe);
  };
  const inPath = new Set([...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  for (const name of (root.required as string[] | undefined) ?? []) {
    // A missing path segment is another URL (a 404), not a missing parameter.
    if (inPath.has(name)) continue;
    const own = props[name] ? propertyErrors(props[name], id).errors.missing : undefined;
    const key = own ?? parent.missing;
    if (key) add({ key, how: `missing ${name}`, mutate: (d) => delete d[name] });
  }
  for (const [name, prop] of Object.entries(props)) {
    const { errors, keywords } = propertyErrors(prop, id);
    const on = (keyword: string) => errors[keyword] ?? errors.invalid;
    if (typeof keywords.maxLength === 'number' && on('maxLength')) {
      const n = keywords.maxLength;
      add({ key: on('maxLength'), how: `${name} longer than ${n}`, mutate: (d) => (d[name] = '9'.repeat(n + 1)) });
    }
    if (typeof keywords.maximum === 'number' && on('maximum')) {
      const n = keywords.maximum;
      add({ key: on('maximum'), how: `${name} above maximum ${n}`, mutate: (d) => (d[name] = isQuery ? String(n + 1) : n + 1) });
    }
    if (typeof keywords.minimum === 'number' && on('minimum')) {
      const n = keywords.minimum;
      add({ key: on('minimum'), how: `${name} below minimum ${n}`, mutate: (d) => (d[name] = isQuery ? String(n - 1) : n - 1) });
    }
    if (Array.isArray(keywords.enum) && on('enum') && keywords.enum.every((v) => typeof v === 'string')) {
      add({ key: on('enum'), how: `${name} outside its enum`, mutate: (d) => (d[name] = 'CONTRACT_KIT_NOT_AN_ENUM_VALUE') });
    }
    if (typeof keywords.pattern === 'string' && on('pattern') && keywords.type === 'string') {
      add({ key: on('pattern'), how: `${name} not matching ${keywords.pattern}`, mutate: (d) => (d[name] = '2015/06/15 00:00') });
    }
    // Query strings carry no JSON types: only bodies can be probed with a wrong type.
    if (!isQuery && keywords.type && on('type')) {
      add({ key: on('type'), how: `${name} of the wrong JSON type`, mutate: (d) => (d[name] = wrongType(keywords.type)) });
    }
  }
  return probes;
}

/**
 * The schema-driven error cases of one operation. `prepare` lays the run's fixtures over the
 * example (so only the probed rule is broken); `withInput` places the data as body or query.
 */
export function schemaProbeCases(
  operationId: string,
  prepare: (ctx: CaseContext, data: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown> = (_c, d) => d,
  needs?: ContractCase['needs'],
): ContractCase[] {
  const op = operation(operationId);
  const schema = op.request ?? op.query;
  return schemaProbes(op).map((probe) => ({
    id: `${op.id} !${probe.key} (${probe.how})`,
    vendor: op.vendor,
    kind: 'error' as const,
    title: `${op.id} answers ${probe.key} for ${probe.how}`,
    operations: [op.id],
    errorKey: probe.key,
    needs,
    async run(ctx: CaseContext) {
      const base = schema ? exampleFor<Record<string, unknown>>(schema) : undefined;
      if (!base) ctx.skip(`no documented example of ${schema} to break`);
      const data = await prepare(ctx, base);
      probe.mutate(data);
      // x-errors keys are plain strings in the schema: checked against the catalogue here.
      await ctx.fail(op.id, op.request ? { body: data } : { query: data as Record<string, string> }, errorKey(op.vendor, probe.key));
    },
  }));
}
