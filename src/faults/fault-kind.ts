import { errorCatalogue, isErrorKey } from '../errors/catalogue.js';
import type { Vendor } from '../engine/vendor-error.js';
import type { ErrorKey } from '../types/error-key.js';
import { normalDraw } from './prng.js';

/** Every fault kind; the socket kinds need a transport that can misbehave (src/node.ts, msw). */
export type FaultKind = 'vendor_error' | 'latency' | 'timeout_after_commit' | 'connection_reset' | 'empty_response' | 'malformed_body';

/** What happens to one call, once every fired rule is folded together. */
export interface FaultEffect {
  /** Wall-clock milliseconds to wait before anything else. */
  delayMs: number;
  /** The one non-latency kind that fired first, if any. */
  kind?: Exclude<FaultKind, 'latency'>;
  /** vendor_error: the catalogue key to answer. */
  error?: string;
  /** timeout_after_commit: how long the answer is withheld before the connection drops. */
  holdMs?: number;
}

/** The parameters of a latency rule. */
export interface LatencySpec {
  distribution?: 'fixed' | 'uniform' | 'normal';
  ms?: number;
  min_ms?: number;
  max_ms?: number;
  mean_ms?: number;
  stddev_ms?: number;
}

/** Default withholding of timeout_after_commit: longer than any client timeout worth testing. */
export const DEFAULT_HOLD_MS = 30_000;
const MAX_DELAY_MS = 60_000;

/** One latency draw in milliseconds, clamped to [0, 60 s]. */
export function drawLatency(spec: LatencySpec, random: () => number): number {
  const distribution = spec.distribution ?? (spec.ms !== undefined ? 'fixed' : spec.mean_ms !== undefined ? 'normal' : 'uniform');
  let ms: number;
  if (distribution === 'uniform') {
    const min = spec.min_ms ?? 0;
    const max = spec.max_ms ?? min;
    ms = min + (max - min) * random();
  } else if (distribution === 'normal') ms = normalDraw(random, spec.mean_ms ?? spec.ms ?? 0, spec.stddev_ms ?? 0);
  else ms = spec.ms ?? 0;
  return Math.min(MAX_DELAY_MS, Math.max(0, ms));
}

/**
 * The catalogue key a rule names, by key or by code (`45009`, `-1`, `FREQUENCY_LIMITED`): keys win,
 * then the first entry with that code (WeChat Pay's `SYSTEM_ERROR` code is the 500 one).
 */
export function catalogueKey(vendor: Vendor, named: string | number): ErrorKey | undefined {
  const text = String(named);
  if (isErrorKey(vendor, text)) return text;
  return errorCatalogue(vendor).find((e) => String(e.code) === text)?.key;
}
