import type { Context } from 'hono';
import { errorEntry } from '../errors/catalogue.js';
import { VendorError } from '../engine/vendor-error.js';
import { schemas } from '../schema/registry.js';
import { BodyTooLarge, parseJson, readTextBody } from './body.js';

/**
 * Shared plumbing of the sandbox's own `/_sandbox/` surface (not a vendor API): JSON in, JSON out,
 * errors as `{ "error": { code, message, vendor_error? } }` (schemas/sandbox/control-error.json).
 */
export class ControlError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: 'BAD_REQUEST' | 'NOT_FOUND' | 'VENDOR_RULE',
    message: string,
  ) {
    super(message);
  }
}

/** Reads and validates a control request body (an empty body counts as `{}`). */
export async function controlBody<T>(c: Context, schemaId: string): Promise<T> {
  let text: string;
  try {
    text = await readTextBody(c.req.raw);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new ControlError(400, 'BAD_REQUEST', 'request body too large');
    throw error;
  }
  const parsed = text.trim() === '' ? { ok: true as const, value: {} } : parseJson(text);
  if (!parsed.ok) throw new ControlError(400, 'BAD_REQUEST', 'body is not valid JSON');
  const result = schemas().validate(schemaId, parsed.value);
  if (!result.ok) throw new ControlError(400, 'BAD_REQUEST', result.issues.map((i) => i.message).join('; '));
  return parsed.value as T;
}

/** Renders a control failure; a vendor rule hit by a control action becomes 409 with the vendor's code. */
export function renderControlError(c: Context, error: unknown): Response | undefined {
  if (error instanceof ControlError) {
    return c.json({ error: { code: error.code, message: error.message } }, error.status);
  }
  if (error instanceof VendorError) {
    const entry = errorEntry(error.vendor, error.key);
    return c.json(
      {
        error: {
          code: 'VENDOR_RULE',
          message: `${error.vendor} rule refused the action: ${entry.message}`,
          vendor_error: { vendor: error.vendor, code: entry.code, message: entry.message },
        },
      },
      409,
    );
  }
  return undefined;
}
