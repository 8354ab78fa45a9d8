import type { SandboxClock } from './clock.js';

/** What every vendor engine is built with: the shared clock and how to seed its world. */
export interface EngineContext {
  clock: SandboxClock;
  /** Seed of the deterministic world (same seed, same cards, users, vouchers...). */
  seed: number;
  /** Start with no seeded data at all (credentials and test identities still exist). */
  empty: boolean;
  /**
   * Mixed into the streams of ids minted at run time (after seeding), so that they differ from
   * one build of the world to the next; undefined: deterministic ids (same seed, same ids).
   */
  idNonce?: number;
}
