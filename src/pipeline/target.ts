/** `/path?query` of a URL (absolute or already relative), exactly as it is written. */
export function pathAndQueryOf(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return url;
  const slash = url.indexOf('/', scheme + 3);
  return slash < 0 ? '/' : url.slice(slash);
}
