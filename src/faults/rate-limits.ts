import type { Vendor } from '../engine/vendor-error.js';
import type { SandboxLimitsRequest } from '../types/sandbox/limits.request.js';

/** Shanghai is UTC+8 all year: a WeChat quota day starts at 16:00 UTC. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** What a limit check decides: nothing, or the catalogue key of the vendor's over-limit answer. */
export type LimitVerdict = { over: false } | { over: true; key: 'FREQUENCY_LIMITED' | '45009'; limit: number; window: string };

interface Counter {
  window: number;
  count: number;
}

/**
 * The vendors' rate limits, opt-in, counted on the sandbox clock so a test can fill a second or a
 * day without waiting: WeChat Pay per merchant and operation per second (a fixed one-second
 * window; the docs give QPS figures, not the bucket shape), WeChat per app and operation per
 * Shanghai calendar day.
 */
export class RateLimits {
  private config: SandboxLimitsRequest = {};
  private readonly counters = new Map<string, Counter>();

  /** Replaces the given settings (null turns one off); counters are kept. */
  configure(change: SandboxLimitsRequest): void {
    const next: Record<string, unknown> = { ...this.config };
    for (const [key, value] of Object.entries(change)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    this.config = next as SandboxLimitsRequest;
  }

  /** Counts one call and says whether it is over its limit. */
  check(vendor: Vendor, operation: string, caller: string, now: number): LimitVerdict {
    if (vendor === 'wechatpay') {
      const limit = this.config.wechatpay_qps_by_operation?.[operation] ?? this.config.wechatpay_qps;
      if (limit === undefined || limit === null) return { over: false };
      return this.count(`wechatpay|${caller}|${operation}`, Math.floor(now / 1000), limit, 'FREQUENCY_LIMITED', 'second');
    }
    if (vendor === 'wechat') {
      const limit = this.config.wechat_daily_quota_by_operation?.[operation] ?? this.config.wechat_daily_quota;
      if (limit === undefined || limit === null) return { over: false };
      return this.count(`wechat|${caller}|${operation}`, shanghaiDay(now), limit, '45009', 'day');
    }
    return { over: false };
  }

  /** Zeroes today's WeChat quota counters of one app (or all): what the quota-clear API does. */
  clearQuota(appid?: string): number {
    let cleared = 0;
    for (const key of this.counters.keys()) {
      const [vendor, caller] = key.split('|');
      if (vendor === 'wechat' && (appid === undefined || caller === appid)) {
        this.counters.delete(key);
        cleared++;
      }
    }
    return cleared;
  }

  /** Settings and the counters of the current windows (GET /_sandbox/limits). */
  toJSON(now: number): unknown {
    const second = Math.floor(now / 1000);
    const day = shanghaiDay(now);
    const counters = [...this.counters.entries()]
      .map(([key, c]) => {
        const [vendor, caller, operation] = key.split('|') as [string, string, string];
        const current = vendor === 'wechatpay' ? c.window === second : c.window === day;
        return { vendor, caller, operation, window: vendor === 'wechatpay' ? 'second' : 'day', count: current ? c.count : 0 };
      })
      .filter((c) => c.count > 0);
    return { limits: this.config, counters };
  }

  reset(): void {
    this.config = {};
    this.counters.clear();
  }

  private count(key: string, window: number, limit: number, overKey: 'FREQUENCY_LIMITED' | '45009', unit: string): LimitVerdict {
    let counter = this.counters.get(key);
    if (!counter || counter.window !== window) this.counters.set(key, (counter = { window, count: 0 }));
    counter.count++;
    return counter.count > limit ? { over: true, key: overKey, limit, window: unit } : { over: false };
  }
}

/** The Shanghai calendar day of an instant, as a day number. */
export function shanghaiDay(now: number): number {
  return Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS);
}
