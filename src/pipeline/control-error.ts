import { errorEntry } from '../errors/catalogue.js';
import { VendorError } from '../engine/vendor-error.js';
import { schemas } from '../schema/registry.js';
import { MAX_JSON_DEPTH, parseJson } from './bounded-json.js';
import type { Answer } from './vendor-module.js';
import { StoreUnavailable } from './replica.js';

/**
 * A refusal of the sandbox's own `/_sandbox/` surface (not a vendor API): answered as
 * `{ "error": { code, message, vendor_error? } }` (schemas/sandbox/control-error.json).
 */
export class ControlError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 415 | 503,
    readonly code: 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'VENDOR_RULE' | 'UNSUPPORTED_MEDIA_TYPE' | 'WORLD_LIMIT' | 'STORE_UNAVAILABLE',
    message: string,
  ) {
    super(message);
  }
}

/** Parses and validates a control request body (an empty body counts as `{}`). */
export function controlInput(text: string, schemaId: string | undefined): Record<string, unknown> {
  const parsed = text.trim() === '' ? { ok: true as const, value: {} } : parseJson(text);
  if (!parsed.ok && parsed.reason === 'depth') throw new ControlError(400, 'BAD_REQUEST', `body nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (!parsed.ok) throw new ControlError(400, 'BAD_REQUEST', 'body is not valid JSON');
  if (schemaId) {
    const result = schemas().validate(schemaId, parsed.value);
    if (!result.ok) throw new ControlError(400, 'BAD_REQUEST', result.issues.map((i) => i.message).join('; '));
  } else if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw new ControlError(400, 'BAD_REQUEST', 'body must be a JSON object');
  }
  return parsed.value as Record<string, unknown>;
}

/** A control failure as its answer; a vendor rule hit by a control action is 409 with the vendor's code. */
export function controlFailure(error: unknown): Answer | undefined {
  if (error instanceof ControlError) return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  if (error instanceof StoreUnavailable) return { status: 503, body: { error: { code: 'STORE_UNAVAILABLE', message: error.message } } };
  if (error instanceof VendorError) {
    const entry = errorEntry(error.vendor, error.key);
    return {
      status: 409,
      body: {
        error: {
          code: 'VENDOR_RULE',
          message: `${error.vendor} rule refused the action: ${entry.message}`,
          vendor_error: { vendor: error.vendor, code: entry.code, message: entry.message },
        },
      },
    };
  }
  return undefined;
}
