/**
 * JSON null, "" and whitespace-only text mean "not given" to the vendor's Java backend (a
 * StringUtils.isBlank check), so such top-level values are dropped before validating: a required
 * field sent as null, "" or "  " gets its "不能为空" error, an optional one its default.
 */
export function withoutEmpty(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && !(typeof v === 'string' && v.trim() === '')));
}

/** Ids arrive as text or as JSON numbers (the HTTP layer keeps big literals exact as text). */
export function idText(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? String(value) : value.trim();
}

/** Items of a comma-separated TEXT field, trimmed, blanks dropped. */
export function commaList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
