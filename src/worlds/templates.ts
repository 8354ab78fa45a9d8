import type { Vendor } from '../engine/vendor-error.js';
import type { ResolvedOptions } from '../options.js';
import { World, type StateFactory } from '../pipeline/world.js';

/**
 * A seeded state is dated from the clock's "now" (validity windows, a month of history): a template
 * of a running clock is rebuilt after this long, so a new world's data is at most this stale.
 */
export const TEMPLATE_MAX_AGE_MS = 60_000;

interface Template {
  readonly builtAt: number;
  readonly states: ReadonlyMap<Vendor, unknown>;
}

/**
 * The seeded state of each seed, built once (seeding replays the engine's rules: tens of
 * milliseconds) and copied for each new world (about a millisecond). Never handed out itself.
 */
export class TemplateCache {
  private readonly templates = new Map<string, Template>();
  /** How long a template of a running clock is reused (0 in a shared sandbox: instances build at different times, so each world is built at its own log instant). */
  maxAgeMs = TEMPLATE_MAX_AGE_MS;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly factories: readonly StateFactory[],
  ) {}

  /** The template state of one vendor for a seed (built now if missing or stale). */
  state(vendor: Vendor, seed: number, empty: boolean): unknown {
    const key = `${seed}:${empty}`;
    let template = this.templates.get(key);
    // A frozen start-up clock dates every build alike: its templates never go stale.
    const fresh = template && (this.options.frozen || Date.now() - template.builtAt < this.maxAgeMs);
    if (!template || !fresh) {
      const scratch = new World({ ...this.options, seed, empty, deterministicIds: true }, this.factories);
      const states = new Map(this.factories.map((f) => [f.vendor, scratch.store(f.vendor).read((s) => s)]));
      template = { builtAt: Date.now(), states };
      if (this.templates.size >= 16) this.templates.delete(this.templates.keys().next().value!);
      this.templates.set(key, template);
    }
    return template.states.get(vendor);
  }
}
