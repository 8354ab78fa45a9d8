/**
 * WeChat days are Asia/Shanghai days (UTC+8, no daylight saving), whatever the host's time zone:
 * datacube rows, fixed-term validity and "no data for today" all count in these days.
 */
const SHANGHAI_OFFSET = 8 * 3600;
export const DAY = 86400;

/** Days since 1970-01-01 (Shanghai) of an instant in seconds. */
export function shanghaiDay(seconds: number): number {
  return Math.floor((seconds + SHANGHAI_OFFSET) / DAY);
}

/** The instant (seconds) a Shanghai day starts. */
export function dayStart(day: number): number {
  return day * DAY - SHANGHAI_OFFSET;
}

/** `YYYY-MM-DD` of a Shanghai day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY * 1000).toISOString().slice(0, 10);
}

/**
 * The Shanghai day number of a strict `YYYY-MM-DD` date, or undefined when the text is not exactly
 * that shape or not a real calendar date (2015-02-30) — WeChat's 61500 "date format error".
 *
 * @example
 * parseDay('2015-06-15') // 16601
 * parseDay('2015-6-15')  // undefined
 */
export function parseDay(text: unknown): number | undefined {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms)) return undefined;
  const day = ms / 1000 / DAY;
  return formatDay(day) === text ? day : undefined;
}
