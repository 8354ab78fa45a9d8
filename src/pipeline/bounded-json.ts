/**
 * JSON bodies are parsed here, for every vendor and the control surface, with their nesting
 * bounded before anything recursive sees them: JSON.parse itself copes with deep input, but the
 * schema check, canonical JSON, copies and clones of the rules recurse, and 5 000 levels (10 KB)
 * overflowed their stack. No vendor body nests beyond 8 levels.
 */

/** Deepest nesting of arrays and objects a body may have. */
export const MAX_JSON_DEPTH = 32;

export type ParsedJson = { ok: true; value: unknown } | { ok: false; reason: 'syntax' | 'depth' };

/** Whether JSON text nests arrays/objects deeper than `max` (one linear pass; text in strings is skipped). */
export function nestsDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) depth--;
  }
  return false;
}

/**
 * Parses JSON text, refusing nesting deeper than MAX_JSON_DEPTH (`reason: 'depth'`) before parsing.
 * `prepare` rewrites the text first (waiqin365 keeps big integer literals exact that way).
 */
export function parseJson(text: string, prepare?: (text: string) => string): ParsedJson {
  if (nestsDeeperThan(text)) return { ok: false, reason: 'depth' };
  try {
    return { ok: true, value: JSON.parse(prepare ? prepare(text) : text) };
  } catch {
    return { ok: false, reason: 'syntax' };
  }
}
