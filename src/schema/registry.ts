import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { allSchemas } from './schema-index.js';

/** Base of every schema `$id`; a schema's id is this + `<vendor>/<file>.json`. */
export const SCHEMA_BASE = 'https://coupon-sandbox.dev/schemas/';

/** The id of the schema stored at `schemas/<path>`. */
export function schemaId(path: string): string {
  return SCHEMA_BASE + path;
}

/**
 * Annotation keywords our schemas carry for the emulator and the docs; ajv ignores their values.
 * `x-errors` maps a failure kind ('missing', 'invalid', or an ajv keyword such as 'maxLength')
 * to the catalogue key the vendor answers with, so the vendor's field-specific codes
 * (41012 missing card_id, 41013 missing code...) are data, not code.
 */
const ANNOTATIONS = ['x-errors', 'x-doc', 'x-review', 'x-updatable', 'x-source', 'x-note', 'x-drift'];

/** One reason a value failed its schema, in a shape every vendor's error mapping can read. */
export interface ValidationIssue {
  /** ajv keyword that failed ('required', 'type', 'maxLength', ...). */
  keyword: string;
  /** JSON pointer of the failing value ('' for the root). */
  path: string;
  /** For 'required': the missing property. */
  missingProperty?: string;
  /** The catalogue key the schema names for this failure through `x-errors`, if any. */
  errorKey?: string;
  message: string;
}

export type ValidationResult = { ok: true } | { ok: false; issues: ValidationIssue[] };

// ajv-formats is CommonJS: Node hands us module.exports, bundlers may hand us the namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as typeof addFormatsModule.default;

function makeAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: false,
    verbose: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: coerce,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  for (const schema of allSchemas) ajv.addSchema(schema as object);
  return ajv;
}

function errorKeyFor(error: ErrorObject): string | undefined {
  const parent = error.parentSchema as Record<string, unknown> | undefined;
  if (!parent) return undefined;
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    const props = parent.properties as Record<string, Record<string, unknown>> | undefined;
    const prop = props?.[missing];
    const own = (prop?.['x-errors'] as Record<string, string> | undefined)?.missing;
    return own ?? (parent['x-errors'] as Record<string, string> | undefined)?.missing;
  }
  const map = parent['x-errors'] as Record<string, string> | undefined;
  return map?.[error.keyword] ?? map?.invalid;
}

function toIssues(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((error) => ({
    keyword: error.keyword,
    path: error.instancePath,
    missingProperty: error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : undefined,
    errorKey: errorKeyFor(error),
    message: `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
  }));
}

/**
 * All schemas, compiled once per process and shared by every sandbox: a strict instance for JSON
 * bodies and responses, a coercing one for query strings and path parameters (which arrive as
 * strings).
 */
/** The one answer for valid data (never mutated), so a valid request allocates no result. */
const VALID: ValidationResult = Object.freeze({ ok: true as const });

class SchemaRegistry {
  private readonly strict = makeAjv(false);
  private readonly coercing = makeAjv(true);
  // One map per instance, keyed by the schema id itself: building a composite key string on every
  // call was a measurable share of a request.
  private readonly compiledStrict = new Map<string, ValidateFunction>();
  private readonly compiledCoercing = new Map<string, ValidateFunction>();

  private get(id: string, coerce: boolean): ValidateFunction {
    const cache = coerce ? this.compiledCoercing : this.compiledStrict;
    let fn = cache.get(id);
    if (!fn) {
      const ajv = coerce ? this.coercing : this.strict;
      fn = ajv.getSchema(id);
      if (!fn) throw new Error(`unknown schema ${id}`);
      cache.set(id, fn);
    }
    return fn;
  }

  /** Validates JSON data (a parsed body or a response) as it is. */
  validate(id: string, data: unknown): ValidationResult {
    const fn = this.get(id, false);
    return fn(data) ? VALID : { ok: false, issues: toIssues(fn.errors) };
  }

  /**
   * Validates string-typed input (query, path params), coercing it in place to the schema's types
   * and filling defaults.
   */
  validateCoercing(id: string, data: Record<string, unknown>): ValidationResult {
    const fn = this.get(id, true);
    return fn(data) ? VALID : { ok: false, issues: toIssues(fn.errors) };
  }

  has(id: string): boolean {
    return this.strict.getSchema(id) !== undefined;
  }

  /** Compiles the listed schemas now (start-up), so no request ever pays for compilation. */
  warm(ids: Iterable<string>, coerceIds: Iterable<string> = []): void {
    for (const id of ids) this.get(id, false);
    for (const id of coerceIds) this.get(id, true);
  }

  /**
   * Compiles the listed schemas one per macrotask, so a server can warm every validator right after
   * it starts listening without blocking the requests that arrive meanwhile (compiling them all at
   * once takes most of a second).
   */
  warmInBackground(ids: readonly string[], coerceIds: readonly string[] = [], delayMs = 0): Promise<void> {
    const jobs = [...ids.map((id) => () => this.get(id, false)), ...coerceIds.map((id) => () => this.get(id, true))];
    return new Promise((resolve) => {
      const later = (fn: () => void, ms: number) => {
        const timer = setTimeout(fn, ms) as unknown as { unref?: () => void };
        timer.unref?.(); // never keeps a process alive
      };
      const step = () => {
        const job = jobs.shift();
        if (!job) return resolve();
        job();
        later(step, 0);
      };
      later(step, delayMs);
    });
  }

  /**
   * The raw schema object for an id (for docs, examples and the contract kit). From the built
   * package it is dist's copy, without the doc-only keywords (src/tools/post-build.ts); the complete
   * documents are the files under schemas/.
   */
  schema(id: string): Record<string, unknown> | undefined {
    return this.strict.getSchema(id)?.schema as Record<string, unknown> | undefined;
  }
}

let registry: SchemaRegistry | undefined;

/** The process-wide registry (built on first use). */
export function schemas(): SchemaRegistry {
  registry ??= new SchemaRegistry();
  return registry;
}

export type { SchemaRegistry };
