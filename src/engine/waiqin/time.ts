/**
 * waiqin365 is a Chinese SaaS: its timestamps (`yyyyMMddHHmmss` in the path), its dates
 * (`yyyy-MM-dd`) and its times (`yyyy-MM-dd HH:mm:ss`) are Asia/Shanghai wall-clock time.
 * Shanghai has had no daylight saving since 1991, so a fixed UTC+8 offset is exact and needs no
 * time-zone database (the same code runs in browsers).
 */
const OFFSET_MS = 8 * 3600 * 1000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

interface Parts {
  y: number;
  M: number;
  d: number;
  H: number;
  m: number;
  s: number;
}

function parts(ms: number): Parts {
  const t = new Date(ms + OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    M: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    H: t.getUTCHours(),
    m: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
  };
}

/** `yyyy-MM-dd` of an instant, in Shanghai. */
export function formatDate(ms: number): string {
  const p = parts(ms);
  return `${pad(p.y, 4)}-${pad(p.M)}-${pad(p.d)}`;
}

/** `yyyy-MM-dd HH:mm:ss` of an instant, in Shanghai. */
export function formatDateTime(ms: number): string {
  const p = parts(ms);
  return `${formatDate(ms)} ${pad(p.H)}:${pad(p.m)}:${pad(p.s)}`;
}

/** `yyyy-MM-dd HH:mm`, the form the page's queryVoucherUsedInfo example uses for receive/distribute times. */
export function formatMinute(ms: number): string {
  return formatDateTime(ms).slice(0, 16);
}

/** `yyyyMMddHHmmss`, the path timestamp a waiqin365 client sends. */
export function formatCompactTimestamp(ms: number): string {
  return formatDateTime(ms).replace(/[-: ]/g, '');
}

/** The instant of Shanghai wall-clock parts, or undefined when they are not a real calendar instant. */
function instant(y: number, M: number, d: number, H = 0, m = 0, s = 0): number | undefined {
  const ms = Date.UTC(y, M - 1, d, H, m, s) - OFFSET_MS;
  const back = parts(ms);
  if (back.y !== y || back.M !== M || back.d !== d || back.H !== H || back.m !== m || back.s !== s) return undefined;
  return ms;
}

/** Parses `yyyyMMddHHmmss` (Shanghai); undefined when malformed or not a real instant (20230230...). */
export function parseCompactTimestamp(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, M, d, H, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return instant(y, M, d, H, mi, s);
}

/** Parses `yyyy-MM-dd HH:mm:ss` (Shanghai); undefined when not a real instant. */
export function parseDateTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, M, d, H, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return instant(y, M, d, H, mi, s);
}

/** Midnight (Shanghai) starting a `yyyy-MM-dd` day. */
export function startOfDay(date: string): number {
  const [y, M, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, M - 1, d) - OFFSET_MS;
}

/** The `yyyy-MM-dd` `days` after (or before) `date`. */
export function addDays(date: string, days: number): string {
  return formatDate(startOfDay(date) + days * 86400_000);
}
