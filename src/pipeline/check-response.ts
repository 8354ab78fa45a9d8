import type { ResolvedOptions } from '../options.js';
import { schemas } from '../schema/registry.js';

/** A body the emulator was about to send that does not match its own schema: a sandbox bug. */
export class ResponseDrift extends Error {
  constructor(schemaId: string, detail: string) {
    super(`response does not match ${schemaId}: ${detail}`);
    this.name = 'ResponseDrift';
  }
}

/**
 * With `validateResponses` on (tests), checks a body against its schema so drift between the
 * emulator and the schemas fails loudly. Success and error bodies of every vendor come through here.
 */
export function checkResponse(options: ResolvedOptions, schemaId: string, body: unknown): void {
  if (!options.validateResponses) return;
  const result = schemas().validate(schemaId, body);
  if (!result.ok) throw new ResponseDrift(schemaId, result.issues.map((i) => i.message).join('; '));
}
