import type { Vendor } from '../engine/vendor-error.js';
import type { SandboxFaultRequest } from '../types/sandbox/fault.request.js';
import type { FaultEffect, FaultKind } from './fault-kind.js';
import { FaultRule, type FaultRuleView, type FaultTarget } from './fault-rule.js';
import { RateLimits } from './rate-limits.js';

/** One injected fault (or over-limit answer), as GET /_sandbox/faults/log lists it. */
export interface FaultLogEntry {
  /** Sandbox time of the call (ISO 8601). */
  at: string;
  vendor: Vendor;
  operation: string;
  /** The rule id, `header` for an X-Sandbox-Fault override, `limits` for a rate limit. */
  source: string;
  kind: FaultKind | 'rate_limit';
  error?: string;
  delay_ms?: number;
  hold_ms?: number;
}

/** The log keeps the latest entries only, so a long chaos run cannot grow memory without bound. */
export const FAULT_LOG_SIZE = 500;

/**
 * A world's faults: its rules (in creation order), its opt-in rate limits and the log of what was
 * injected. Lives on the World, so each world has its own and a reset clears it.
 */
export class FaultBook {
  readonly limits = new RateLimits();
  private rules: FaultRule[] = [];
  private entries: FaultLogEntry[] = [];
  private nextId = 1;

  add(spec: SandboxFaultRequest, defaultSeed: number): FaultRuleView {
    const rule = new FaultRule(`fault-${this.nextId}`, spec, defaultSeed + this.nextId);
    this.nextId++;
    this.rules.push(rule);
    return rule.view;
  }

  list(): FaultRuleView[] {
    return this.rules.map((r) => r.view);
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.view.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /** Whether the world has no fault rules (then no call draws any: the fault step's fast path). */
  get empty(): boolean {
    return this.rules.length === 0;
  }

  /**
   * Folds every rule that applies to a call into one effect: latencies add up; the first other
   * kind that applies wins, and later non-latency rules are not drawn for this call.
   */
  effectFor(target: FaultTarget, log: (entry: Omit<FaultLogEntry, 'at' | 'vendor' | 'operation'>) => void): FaultEffect {
    const effect: FaultEffect = { delayMs: 0 };
    for (const rule of this.rules) {
      const v = rule.view;
      if (effect.kind && v.kind !== 'latency') continue;
      if (!rule.selects(target) || !rule.fires()) continue;
      if (v.kind === 'latency') {
        const ms = rule.delay();
        effect.delayMs += ms;
        log({ source: v.id, kind: 'latency', delay_ms: Math.round(ms) });
        continue;
      }
      effect.kind = v.kind;
      if (v.error) effect.error = v.error;
      if (v.hold_ms !== undefined) effect.holdMs = v.hold_ms;
      log({ source: v.id, kind: v.kind, ...(v.error && { error: v.error }), ...(v.hold_ms !== undefined && { hold_ms: v.hold_ms }) });
    }
    return effect;
  }

  record(entry: FaultLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > FAULT_LOG_SIZE) this.entries.splice(0, this.entries.length - FAULT_LOG_SIZE);
  }

  log(): FaultLogEntry[] {
    return [...this.entries];
  }

  /** Back to no rules, no limits, an empty log (a world reset). */
  reset(): void {
    this.rules = [];
    this.entries = [];
    this.nextId = 1;
    this.limits.reset();
  }
}
