import { errorKey } from '../../errors/catalogue.js';
import { schemaId, schemas, type ValidationIssue } from '../../schema/registry.js';
import type { WaiqinErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';

/**
 * Request bodies are checked against their schema here, in the engine, so that a direct call
 * (`sandbox.waiqin.addVoucherInfo(...)` under msw) gets the same vendor errors as an HTTP call.
 */

/**
 * JSON null, "" and whitespace-only text mean "not given" to the vendor's Java backend (a
 * StringUtils.isBlank check), so such top-level values are dropped before validating: a required
 * field sent as null, "" or "  " gets its "不能为空" error, an optional one its default.
 */
function withoutEmpty(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && !(typeof v === 'string' && v.trim() === '')));
}

/**
 * The catalogue key for the first failure that names one (anyOf/if branches name none), else
 * PARAM_ERROR. A schema's `x-errors` values are plain strings, so they are checked against the
 * catalogue here; one that is not in it is a schema bug and throws.
 */
export function issueKey(issues: readonly ValidationIssue[]): WaiqinErrorKey {
  return errorKey('waiqin', issues.find((i) => i.errorKey)?.errorKey ?? 'PARAM_ERROR');
}

/** Validates a body against `schemas/waiqin/<name>.json`; throws the vendor error it maps to. */
export function validated<T>(name: string, input: unknown): T {
  const data = withoutEmpty(input);
  const result = schemas().validate(schemaId(`waiqin/${name}.json`), data);
  if (!result.ok) throw new VendorError('waiqin', issueKey(result.issues));
  return data as T;
}

/** Ids arrive as text or as JSON numbers (the HTTP layer keeps big literals exact as text). */
export function idText(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? String(value) : value.trim();
}

/** Page defaults of the vendor: page 1, 1000 per page. */
export function page<T>(items: T[], pageNumber: number | string | undefined, pageLength: number | string | undefined): T[] {
  const n = Number(pageNumber ?? 1);
  const len = Number(pageLength ?? 1000);
  return items.slice((n - 1) * len, n * len);
}

/** Items of a comma-separated TEXT field, trimmed, blanks dropped. */
export function commaList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
