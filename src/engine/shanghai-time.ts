/**
 * Asia/Shanghai time, the one time module of every vendor: WeChat days, WeChat Pay's `+08:00`
 * times and waiqin365's wall-clock dates are all Shanghai time. China has had no daylight
 * saving since 1991, so a fixed UTC+8 offset is exact and needs no time-zone database (the same
 * code runs in browsers). One unit throughout: milliseconds since the epoch; day numbers count
 * Shanghai days since 1970-01-01.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

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
  const t = new Date(ms + SHANGHAI_OFFSET_MS);
  return { y: t.getUTCFullYear(), M: t.getUTCMonth() + 1, d: t.getUTCDate(), H: t.getUTCHours(), m: t.getUTCMinutes(), s: t.getUTCSeconds() };
}

/** The Shanghai day number of an instant. */
export function shanghaiDay(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant a Shanghai day number starts. */
export function dayStart(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Start of the Shanghai day containing `ms`. */
export function startOfShanghaiDay(ms: number): number {
  return dayStart(shanghaiDay(ms));
}

/** Day of the week in Shanghai, 0 = Sunday (WeChat Pay's week_day numbering). */
export function shanghaiWeekDay(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET_MS).getUTCDay();
}

/** Seconds since 00:00 Shanghai (what WeChat Pay's available_day_time counts). */
export function shanghaiSecondOfDay(ms: number): number {
  return Math.floor((ms - startOfShanghaiDay(ms)) / 1000);
}

/** `YYYY-MM-DD` of a Shanghai day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The day number of a strict `YYYY-MM-DD` that is a real calendar date, else undefined.
 *
 * @example
 * parseDay('2015-06-15') // 16601
 * parseDay('2015-6-15')  // undefined
 */
export function parseDay(text: unknown): number | undefined {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms)) return undefined;
  const day = ms / DAY_MS;
  return formatDay(day) === text ? day : undefined;
}

/** `yyyy-MM-dd` of an instant. */
export function formatDate(ms: number): string {
  const p = parts(ms);
  return `${pad(p.y, 4)}-${pad(p.M)}-${pad(p.d)}`;
}

/** `yyyy-MM-dd HH:mm:ss` of an instant. */
export function formatDateTime(ms: number): string {
  const p = parts(ms);
  return `${formatDate(ms)} ${pad(p.H)}:${pad(p.m)}:${pad(p.s)}`;
}

/** `yyyy-MM-dd HH:mm`. */
export function formatMinute(ms: number): string {
  return formatDateTime(ms).slice(0, 16);
}

/** `yyyyMMddHHmmss`. */
export function formatCompactTimestamp(ms: number): string {
  return formatDateTime(ms).replace(/[-: ]/g, '');
}

/**
 * RFC 3339 with the China Standard Time offset, whole seconds (WeChat Pay's wire format).
 *
 * @example
 * formatRfc3339(Date.UTC(2015, 4, 20, 5, 29, 35)) // '2015-05-20T13:29:35+08:00'
 */
export function formatRfc3339(ms: number): string {
  return formatDateTime(Math.floor(ms / 1000) * 1000).replace(' ', 'T') + '+08:00';
}

/** Parses an RFC 3339 time (already schema-checked); NaN when unreadable. */
export function parseRfc3339(value: string): number {
  return Date.parse(value);
}

/** The instant of Shanghai wall-clock parts, or undefined when they are not a real calendar instant. */
function instant(y: number, M: number, d: number, H = 0, m = 0, s = 0): number | undefined {
  const ms = Date.UTC(y, M - 1, d, H, m, s) - SHANGHAI_OFFSET_MS;
  const back = parts(ms);
  if (back.y !== y || back.M !== M || back.d !== d || back.H !== H || back.m !== m || back.s !== s) return undefined;
  return ms;
}

function parsePattern(pattern: RegExp, text: string): number | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  const [y, M, d, H, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return instant(y, M, d, H, mi, s);
}

/** Parses `yyyyMMddHHmmss`; undefined when malformed or not a real instant (20230230...). */
export function parseCompactTimestamp(text: string): number | undefined {
  return parsePattern(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, text);
}

/** Parses `yyyy-MM-dd HH:mm:ss`; undefined when not a real instant. */
export function parseDateTime(text: string): number | undefined {
  return parsePattern(/^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/, text);
}

/** Midnight starting a `yyyy-MM-dd` day. */
export function startOfDay(date: string): number {
  const [y, M, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, M - 1, d) - SHANGHAI_OFFSET_MS;
}

/** The `yyyy-MM-dd` `days` after (or before) `date`. */
export function addDays(date: string, days: number): string {
  return formatDate(startOfDay(date) + days * DAY_MS);
}
