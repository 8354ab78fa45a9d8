/**
 * WeChat Pay time on the wire: RFC 3339 with the China Standard Time offset (`+08:00`), whole
 * seconds, e.g. `2015-05-20T13:29:35+08:00`. Day-based rules (daily send caps, weekly windows,
 * "N days after receipt") use Asia/Shanghai days; China has no daylight saving, so a fixed +8 h
 * offset is exact.
 */

export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Formats an instant as WeChat Pay does.
 *
 * @example
 * formatWechatpayTime(Date.UTC(2015, 4, 20, 5, 29, 35)) // '2015-05-20T13:29:35+08:00'
 */
export function formatWechatpayTime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + SHANGHAI_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** Parses an RFC 3339 time (already schema-checked); NaN when unreadable. */
export function parseTime(value: string): number {
  return Date.parse(value);
}

/** Start (ms) of the Asia/Shanghai day containing `ms`. */
export function startOfShanghaiDay(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Day of the week in Asia/Shanghai, 0 = Sunday (WeChat Pay's week_day numbering). */
export function shanghaiWeekDay(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET_MS).getUTCDay();
}

/** Seconds since 00:00 Asia/Shanghai (what available_day_time begin_time/end_time count). */
export function shanghaiSecondOfDay(ms: number): number {
  return Math.floor((ms - startOfShanghaiDay(ms)) / 1000);
}
