import type { Vendor } from '../engine/vendor-error.js';
import { operations } from '../operations.js';
import { ControlError } from '../pipeline/control-error.js';
import type { SandboxFaultRequest } from '../types/sandbox/fault.request.js';
import { catalogueKey, DEFAULT_HOLD_MS, drawLatency, type FaultKind, type LatencySpec } from './fault-kind.js';
import { seededRandom } from './prng.js';

/** One fault rule of a world, as listed by GET /_sandbox/faults. */
export interface FaultRuleView {
  id: string;
  vendor?: Vendor;
  operation?: string;
  match?: Record<string, unknown>;
  kind: FaultKind;
  error?: string;
  latency?: LatencySpec;
  hold_ms?: number;
  probability: number;
  seed: number;
  /** Matching calls left (absent: unlimited). A spent rule stays listed with its hits. */
  remaining?: number;
  /** Calls it selected (vendor, operation, match). */
  matched: number;
  /** Calls it was applied to. */
  hits: number;
}

/** What a call offers a rule to match against. */
export interface FaultTarget {
  vendor: Vendor;
  operation: string;
  input: unknown;
}

/** Deep equality of JSON values, for `match`. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A fault rule with its own PRNG (seeded, so its sequence of draws repeats) and counters. */
export class FaultRule {
  private readonly random: () => number;
  readonly view: FaultRuleView;

  constructor(id: string, spec: SandboxFaultRequest, defaultSeed: number) {
    const op = spec.operation === undefined ? undefined : operations.find((o) => o.id === spec.operation);
    if (spec.operation !== undefined && !op) throw new ControlError(400, 'BAD_REQUEST', `${spec.operation} is not a catalogue operation`);
    if (op && spec.vendor && op.vendor !== spec.vendor) throw new ControlError(400, 'BAD_REQUEST', `${spec.operation} is not a ${spec.vendor} operation`);
    const vendor = spec.vendor ?? op?.vendor;
    const seed = spec.seed ?? defaultSeed;
    this.random = seededRandom(seed);
    this.view = { id, kind: spec.kind, probability: spec.probability ?? 1, seed, matched: 0, hits: 0 };
    if (vendor) this.view.vendor = vendor;
    if (spec.operation) this.view.operation = spec.operation;
    if (spec.match) this.view.match = spec.match as Record<string, unknown>;
    if (spec.count !== undefined) this.view.remaining = spec.count;
    if (spec.kind === 'vendor_error') {
      if (!vendor) throw new ControlError(400, 'BAD_REQUEST', 'vendor_error needs a vendor (or an operation) whose catalogue names the error');
      if (spec.error === undefined) throw new ControlError(400, 'BAD_REQUEST', 'vendor_error needs an error: a key or code of the vendor catalogue');
      const key = catalogueKey(vendor, spec.error);
      if (!key) throw new ControlError(400, 'BAD_REQUEST', `${String(spec.error)} is not a key or code of the ${vendor} error catalogue`);
      this.view.error = key;
    }
    if (spec.kind === 'latency') {
      const { distribution, ms, min_ms, max_ms, mean_ms, stddev_ms } = spec;
      if (ms === undefined && min_ms === undefined && max_ms === undefined && mean_ms === undefined)
        throw new ControlError(400, 'BAD_REQUEST', 'latency needs ms, min_ms/max_ms or mean_ms/stddev_ms');
      this.view.latency = Object.fromEntries(Object.entries({ distribution, ms, min_ms, max_ms, mean_ms, stddev_ms }).filter(([, v]) => v !== undefined));
    }
    if (spec.kind === 'timeout_after_commit') this.view.hold_ms = spec.hold_ms ?? DEFAULT_HOLD_MS;
  }

  /** Whether the rule selects this call (before probability and count). */
  selects(target: FaultTarget): boolean {
    const v = this.view;
    if (v.remaining === 0) return false;
    if (v.vendor && v.vendor !== target.vendor) return false;
    if (v.operation && v.operation !== target.operation) return false;
    if (v.match) {
      const input = (target.input ?? {}) as Record<string, unknown>;
      if (typeof input !== 'object') return false;
      for (const [key, want] of Object.entries(v.match)) if (!sameJson(input[key], want)) return false;
    }
    return true;
  }

  /**
   * Draws for a selected call: true when the fault applies (counted). The draw is made for every
   * selected call, so the sequence depends only on the seed and the order of calls.
   */
  fires(): boolean {
    const v = this.view;
    v.matched++;
    if (v.probability < 1 && this.random() >= v.probability) return false;
    v.hits++;
    if (v.remaining !== undefined) v.remaining--;
    return true;
  }

  /** A latency draw for one applied call. */
  delay(): number {
    return this.view.latency ? drawLatency(this.view.latency, this.random) : 0;
  }
}
