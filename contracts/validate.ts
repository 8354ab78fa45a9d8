import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { allSchemas } from '../src/schema/schema-index.js';
import { show, type Violation } from './violation.js';

// ajv-formats is CommonJS: Node hands us module.exports, bundlers may hand us the namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as typeof addFormatsModule.default;

/**
 * Response checking for the kit. Unlike the emulator's registry (which stops at the first error
 * to pick one vendor error code), this collects EVERY break, so a report lists each missing field
 * and wrong type with its JSON path and expected vs actual value.
 */
export class ResponseValidator {
  private readonly ajv: Ajv2020;

  constructor(schemaList: readonly object[] = allSchemas as readonly object[]) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, allowUnionTypes: true });
    addFormats(this.ajv);
    for (const schema of schemaList) this.ajv.addSchema(schema);
  }

  has(id: string): boolean {
    return this.ajv.getSchema(id) !== undefined;
  }

  /** The schema object stored under an absolute id (with or without a `#/json/pointer`). */
  resolve(ref: string): Record<string, unknown> | undefined {
    return this.ajv.getSchema(ref)?.schema as Record<string, unknown> | undefined;
  }

  /** Every way `data` breaks schema `id`, as violations of `operation`; `prefix` is prepended to paths. */
  check(operation: string, id: string, data: unknown, prefix = ''): Violation[] {
    const fn = this.ajv.getSchema(id);
    if (!fn)
      return [
        { operation, path: prefix, expected: `schema ${id} to exist`, actual: 'unknown schema', message: 'the schemas do not describe this response yet' },
      ];
    if (fn(data)) return [];
    return dedupe((fn.errors ?? []).map((e) => toViolation(operation, e, prefix)));
  }
}

function toViolation(operation: string, e: ErrorObject, prefix: string): Violation {
  const path = prefix + e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { operation, path: `${path}/${String(params.missingProperty)}`, expected: 'present (required)', actual: 'missing', message: '' };
    case 'type':
      return { operation, path, expected: `type ${String(params.type)}`, actual: `${kind(e.data)} ${show(e.data)}`, message: '' };
    case 'enum':
      return { operation, path, expected: `one of ${show(params.allowedValues)}`, actual: show(e.data), message: '' };
    case 'const':
      return { operation, path, expected: show(params.allowedValue), actual: show(e.data), message: '' };
    case 'additionalProperties':
      return {
        operation,
        path: `${path}/${String(params.additionalProperty)}`,
        expected: 'no undocumented property here (additionalProperties: false)',
        actual: 'present',
        message: '',
      };
    default:
      return { operation, path, expected: `${e.keyword} ${show(e.schema)}`, actual: show(e.data), message: e.message ?? '' };
  }
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

// allErrors reports a failing oneOf branch several times over; one line per (path, expectation) is enough.
function dedupe(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.path}|${v.expected}|${v.actual}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
