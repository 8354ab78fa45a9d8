import { ClockRangeError } from '../engine/clock.js';
import { faultControls } from '../faults/fault-controls.js';
import { notificationControls } from '../notifications/controls.js';
import { journalControls } from '../journal/journal-controls.js';
import { action } from './control-action.js';
import { ControlError } from './control-error.js';
import type { VendorModule } from './vendor-module.js';
import type { World } from './world.js';
import { schemaId } from '../schema/registry.js';
import type { SandboxClockRequest } from '../types/sandbox/clock.request.js';
import type { SandboxResetRequest } from '../types/sandbox/reset.request.js';

/** What the world-wide control actions act on: the world and the vendors it holds. */
export interface WorldTarget {
  readonly world: World;
  readonly vendors: readonly VendorModule[];
}

/** Every vendor's credentials and test identities in a world, keyed by vendor. */
export function worldCredentials({ world, vendors }: WorldTarget): Record<string, unknown> {
  // A created world's own mchids and tenant replace the sandbox's (src/worlds/translation.ts).
  return Object.fromEntries(
    vendors.map((v) => [
      v.vendor,
      world.outward(
        v.vendor,
        world.store(v.vendor).read((state) => v.credentials(state, world)),
      ),
    ]),
  );
}

/** Vendor-neutral control actions: credentials, reset, clock. Vendors add theirs under `/_sandbox/<vendor>/`. */
export const worldControls = {
  health: action(
    {
      method: 'GET',
      path: '/_sandbox/health',
      summary: 'Liveness and readiness: 200 while the sandbox can serve (with --store, caught up with Redis), else 503 STORE_UNAVAILABLE',
      writes: false,
    },
    ({ world }: WorldTarget) => ({ ok: true as const, store: world.replica?.describe() ?? { kind: 'memory' } }),
  ),
  credentials: action(
    {
      method: 'GET',
      path: '/_sandbox/credentials',
      summary: 'TEST-ONLY credentials of all three vendors (appid/secret, merchant keys and certificates, waiqin365 openid/appkey)',
      writes: false,
    },
    (target: WorldTarget) => worldCredentials(target),
  ),
  reset: action(
    {
      method: 'POST',
      path: '/_sandbox/reset',
      summary: 'Restore the seeded world (optionally another seed, or empty)',
      request: schemaId('sandbox/reset.request.json'),
      writes: true,
    },
    ({ world }: WorldTarget, input: SandboxResetRequest) => {
      world.reset(input);
      return { ok: true as const, seed: world.options.seed, empty: world.options.empty, clock: world.clock.toJSON() };
    },
  ),
  clock: action(
    { method: 'GET', path: '/_sandbox/clock', summary: 'Read the sandbox clock', response: schemaId('sandbox/clock.response.json'), writes: false },
    ({ world }: WorldTarget) => world.clock.toJSON(),
  ),
  moveClock: action(
    {
      method: 'POST',
      path: '/_sandbox/clock',
      summary: 'Sets, advances, freezes or releases the sandbox clock',
      request: schemaId('sandbox/clock.request.json'),
      response: schemaId('sandbox/clock.response.json'),
      writes: true,
    },
    async ({ world }: WorldTarget, input: SandboxClockRequest) => {
      const clock = world.clock;
      const set = input.set === undefined ? undefined : typeof input.set === 'number' ? input.set : Date.parse(input.set);
      if (set !== undefined && Number.isNaN(set)) throw new ControlError(400, 'BAD_REQUEST', `cannot read date ${String(input.set)}`);
      try {
        clock.apply({ real: input.real, set, advanceMs: input.advance_seconds === undefined ? undefined : input.advance_seconds * 1000, freeze: input.freeze });
      } catch (error) {
        // Refused as a whole: the clock has not moved.
        if (error instanceof ClockRangeError) throw new ControlError(400, 'BAD_REQUEST', error.message);
        throw error;
      }
      // What became due is delivered before the answer, so a test can look at its receiver next.
      await world.notifications.deliverNow();
      return clock.toJSON();
    },
  ),
  ...faultControls,
  ...notificationControls,
  ...journalControls,
};
