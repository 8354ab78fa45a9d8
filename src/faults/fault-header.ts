import type { Vendor } from '../engine/vendor-error.js';
import { catalogueKey, DEFAULT_HOLD_MS, type FaultEffect } from './fault-kind.js';

/** The per-request override header, in the style of Prism's `Prefer: code=…`. */
export const FAULT_HEADER = 'x-sandbox-fault';

/** Thrown for an override the sandbox cannot apply (answered as a control error, never silently ignored). */
export class FaultHeaderError extends Error {}

/**
 * Reads `X-Sandbox-Fault: vendor_error=45009, latency=200` (comma-separated; `kind` or
 * `kind=value`): vendor_error takes a catalogue key or code of the called vendor, latency a
 * number of ms, timeout_after_commit an optional hold in ms; the socket kinds take no value.
 */
export function headerEffect(header: string, vendor: Vendor): FaultEffect {
  const effect: FaultEffect = { delayMs: 0 };
  for (const part of header.split(',')) {
    const [rawKind = '', ...rest] = part.trim().split('=');
    const kind = rawKind.trim();
    const value = rest.join('=').trim();
    if (kind === '') continue;
    if (kind === 'latency') {
      const ms = Number(value);
      if (value === '' || !Number.isFinite(ms) || ms < 0 || ms > 60_000) throw new FaultHeaderError(`latency needs milliseconds (0..60000), got "${value}"`);
      effect.delayMs += ms;
      continue;
    }
    if (effect.kind) continue;
    if (kind === 'vendor_error') {
      const key = catalogueKey(vendor, value);
      if (!key) throw new FaultHeaderError(`${value} is not a key or code of the ${vendor} error catalogue`);
      effect.kind = 'vendor_error';
      effect.error = key;
    } else if (kind === 'timeout_after_commit') {
      const hold = value === '' ? DEFAULT_HOLD_MS : Number(value);
      if (!Number.isFinite(hold) || hold < 0) throw new FaultHeaderError(`timeout_after_commit takes a hold in ms, got "${value}"`);
      effect.kind = kind;
      effect.holdMs = hold;
    } else if (kind === 'connection_reset' || kind === 'empty_response' || kind === 'malformed_body') effect.kind = kind;
    else throw new FaultHeaderError(`unknown fault kind "${kind}"`);
  }
  return effect;
}
