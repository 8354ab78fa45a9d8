/**
 * One window of a list, the one paging mechanism of every vendor. WeChat and WeChat Pay page by
 * offset + count (`offsetWindow`); waiqin365 by 1-based page number + page length (`paged`).
 */
export function offsetWindow<T>(items: readonly T[], offset: number, count: number): T[] {
  return items.slice(offset, offset + count);
}

/** Page `pageNumber` (1-based) of `pageLength` items. */
export function paged<T>(items: readonly T[], pageNumber: number, pageLength: number): T[] {
  return offsetWindow(items, (pageNumber - 1) * pageLength, pageLength);
}
