/**
 * One way a target broke the contract: which operation, where in the response (a JSON pointer,
 * or `header:<Name>` / `status` for transport-level breaks), what the contract expects and what
 * came back.
 */
export interface Violation {
  operation: string;
  path: string;
  expected: string;
  actual: string;
  message: string;
}

/** Thrown by a contract case with every break it found; the suites report each one. */
export class ContractViolation extends Error {
  constructor(readonly violations: Violation[]) {
    super(violations.map(formatViolation).join('\n'));
    this.name = 'ContractViolation';
  }
}

/** One line per break: `wechat.card-get /card/card_type: expected type string, got number 7`. */
export function formatViolation(v: Violation): string {
  return `${v.operation} ${v.path || '/'}: expected ${v.expected}, got ${v.actual}${v.message ? ` (${v.message})` : ''}`;
}

/** A short, bounded rendering of any value for "expected vs actual". */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  // JSON.stringify is undefined only for functions and symbols, which String() renders usefully.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
