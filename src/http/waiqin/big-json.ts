/**
 * A JSON number token at `lastIndex` (sticky: matched in place, no substring copy, and a literal
 * of any length is read whole).
 */
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * Java clients send long ids as bare JSON numbers (the vendor page's own example:
 * `"voucherId":708742168422351694`), and a Java server reads them exactly into a `long`.
 * `JSON.parse` would round anything beyond 2^53, so before parsing, integer literals that are
 * not safe integers are turned into strings of the same digits. Text inside JSON strings is never
 * touched, and invalid JSON stays invalid.
 *
 * @example
 * quoteUnsafeIntegers('{"id":6856083179295188426,"num":2}') // '{"id":"6856083179295188426","num":2}'
 */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) continue;
      const token = m[0];
      if (m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(Number(token))) {
        out += text.slice(last, i) + `"${token}"`;
        last = i + token.length;
      }
      i += token.length - 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Parses a body keeping every digit of big integer literals (as strings).
 *
 * @example
 * parseJsonExact('{"voucherId":7087421684223516948}') // { ok: true, value: { voucherId: '7087421684223516948' } }
 */
export function parseJsonExact(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(quoteUnsafeIntegers(text)) };
  } catch {
    return { ok: false };
  }
}
