/** The five segments after `/api/voucher/v1/`. */
export interface WaiqinPath {
  method: string;
  openid: string;
  timestamp: string;
  digest: string;
  msgId: string;
}

export const WAIQIN_BASE_PATH = '/api/voucher/v1/';
/** Longest msg_id accepted; a UUID is 36. */
export const MAX_MSG_ID = 64;

/**
 * Splits a voucher path into its segments, or returns undefined when the path does not have
 * exactly five non-empty, decodable segments after the base (BAD_PATH).
 */
export function parseWaiqinPath(rawPathname: string): WaiqinPath | undefined {
  if (!rawPathname.startsWith(WAIQIN_BASE_PATH)) return undefined;
  const raw = rawPathname.slice(WAIQIN_BASE_PATH.length).split('/');
  if (raw.length !== 5) return undefined;
  let segments: string[];
  try {
    // Most segments carry no escape: decoding only those that do saves the work on every call.
    segments = raw.map((s) => (s.includes('%') ? decodeURIComponent(s) : s));
  } catch {
    return undefined;
  }
  if (segments.some((s) => s.trim() === '')) return undefined;
  const [method, openid, timestamp, digest, msgId] = segments as [string, string, string, string, string];
  if (msgId.length > MAX_MSG_ID) return undefined;
  return { method, openid, timestamp, digest, msgId };
}

/** The raw pathname of a request URL (Hono's path may already be decoded). */
export function rawPathname(url: string): string {
  return new URL(url).pathname;
}
