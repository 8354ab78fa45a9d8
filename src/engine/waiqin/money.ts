/**
 * Amounts travel as text or JSON numbers (the vendor's Java binder takes both). They are kept as
 * integer cents so that discounts never suffer binary floating-point error.
 */

/** Canonical decimal text of an amount, or undefined when it is not a plain non-negative decimal with at most `maxDecimals`. */
export function decimalText(value: string | number, maxDecimals: number): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  if ((m[2] ?? '').length > maxDecimals) return undefined;
  return text;
}

/** Cents of a decimal text with at most 2 decimals. */
export function toCents(text: string): number {
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2));
}

/** "111.00" */
export function formatCents(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** "100" or "99.5": an order amount as the page's example prints it (no forced decimals). */
export function formatPlain(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : formatCents(cents).replace(/0$/, '');
}
