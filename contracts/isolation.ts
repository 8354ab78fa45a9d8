import type { ContractConfig } from './config.js';
import { retarget, type OpenTarget } from './target.js';

/** One call of the sandbox control surface as the lease needs it: the answer and how long it took. */
export interface ControlAnswer {
  status: number;
  json: unknown;
  /** Local time (ms) when the answer was complete, and the request's duration. */
  endedAt: number;
  ms: number;
}

export type ControlCall = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<ControlAnswer>;

/**
 * How a run keeps its target as it found it:
 * - `own`: a sandbox the kit started itself; it stops with the run, nothing to undo;
 * - `shared-world`: somebody else's sandbox that offers isolated worlds (`POST /_sandbox/worlds`):
 *   the run leases a world of its own, every case runs there with the world's credentials, and the
 *   world is deleted afterwards; the owner's default world (data, tokens, clock) is never touched;
 * - `shared-read-only`: somebody else's sandbox (CONTRACT_SANDBOX_URL); only reading cases run;
 * - `shared-reset`: somebody else's sandbox, and its owner agreed (CONTRACT_RESET_SANDBOX=1) to have
 *   it reset to its seeded world after the run; every case runs;
 * - `real`: a vendor API; the write policy (read-only unless CONTRACT_ALLOW_WRITES) decides.
 * The last two are what a shared sandbox without worlds (or with no room for one more) gets.
 */
export type LeaseMode = 'own' | 'shared-world' | 'shared-read-only' | 'shared-reset' | 'real';

export interface TargetLease {
  readonly mode: LeaseMode;
  /** Why cases that change the target may not run (a skip reason); undefined when they may. */
  readonly refusal?: string;
  /** Puts the target back as it was; one line per thing done. Throws when it could not. */
  release(state: { clockMoved: boolean }): Promise<string[]>;
}

/** The sandbox clock as GET /_sandbox/clock answered, and where that answer lies on the local clock. */
interface ClockSample {
  now: number;
  frozen: boolean;
  /** Sandbox time minus local time, at the middle of the request. */
  offset: number;
  /** Half the request's duration: how far `offset` may be off. */
  uncertainty: number;
}

async function sampleClock(control: ControlCall): Promise<ClockSample> {
  const answer = await control('GET', '/_sandbox/clock');
  const clock = answer.json as { now?: unknown; frozen?: unknown } | undefined;
  if (answer.status !== 200 || typeof clock?.now !== 'number' || typeof clock.frozen !== 'boolean') {
    throw new Error(`GET /_sandbox/clock answered HTTP ${answer.status}: cannot record the sandbox clock to put it back afterwards`);
  }
  const middle = answer.endedAt - answer.ms / 2;
  return { now: clock.now, frozen: clock.frozen, offset: clock.now - middle, uncertainty: answer.ms / 2 + 1 };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

function describe(sample: ClockSample): string {
  if (sample.frozen) return `frozen at ${new Date(sample.now).toISOString()}`;
  if (Math.abs(sample.offset) <= sample.uncertainty + 5) return 'running on real time';
  return `running ${seconds(Math.abs(sample.offset))} ${sample.offset > 0 ? 'ahead of' : 'behind'} real time`;
}

/**
 * Puts the clock back as `before` recorded it: a frozen clock at the same instant exactly (frozen
 * first, then set, so no real time slips in); a running clock at the same offset from real time
 * (within the round trip of one request), or on real time when it was there. Then reads it back.
 */
async function restoreClock(control: ControlCall, before: ClockSample): Promise<string> {
  const post = async (body: unknown) => {
    const answer = await control('POST', '/_sandbox/clock', body);
    if (answer.status !== 200) throw new Error(`POST /_sandbox/clock ${JSON.stringify(body)} answered HTTP ${answer.status}`);
  };
  if (before.frozen) {
    await post({ freeze: true });
    await post({ set: before.now });
  } else if (Math.abs(before.offset) <= before.uncertainty + 5) {
    await post({ real: true });
  } else {
    await post({ set: Math.round(Date.now() + before.offset), freeze: false });
  }
  const after = await sampleClock(control);
  const drift = Math.abs(after.offset - before.offset);
  const ok = after.frozen === before.frozen && (before.frozen ? after.now === before.now : drift <= before.uncertainty + after.uncertainty + 50);
  if (!ok) throw new Error(`could not put the sandbox clock back: it was ${describe(before)}, it is ${describe(after)}`);
  return `clock put back: ${describe(before)}${before.frozen ? '' : ` (within ${Math.ceil(drift)} ms)`}`;
}

/** The skip reason of write cases on somebody else's sandbox. */
export function sharedSandboxRefusal(url: string): string {
  return `the sandbox at ${url} is not the kit's own and this run is read-only there; set CONTRACT_RESET_SANDBOX=1 to run write cases and have it reset to its seeded world afterwards (your own changes to it are lost)`;
}

/**
 * Decides how this run treats its target and records what must be put back (the sandbox clock of
 * a shared sandbox). Call `release()` once every case has run.
 *
 * @example
 * const lease = await leaseTarget(target, config, control);
 * try { ...run cases... } finally { console.log((await lease.release({ clockMoved })).join('\n')); }
 */
export async function leaseTarget(target: OpenTarget, config: Pick<ContractConfig, 'resetSandbox' | 'fixtures'>, control: ControlCall): Promise<TargetLease> {
  if (target.kind === 'real') return { mode: 'real', release: async () => [] };
  if (target.owned) return { mode: 'own', release: async () => [] };
  const url = target.controlUrl!;
  const world = await leaseWorld(target, config, control);
  if (world) return world;
  const before = await sampleClock(control);
  if (!config.resetSandbox) {
    return {
      mode: 'shared-read-only',
      refusal: sharedSandboxRefusal(url),
      // Nothing was written; the clock is only touched if something moved it after all.
      release: async ({ clockMoved }) => [
        `the sandbox at ${url} was only read${clockMoved ? '' : `; its clock was not touched (${describe(before)})`}`,
        ...(clockMoved ? [await restoreClock(control, before)] : []),
      ],
    };
  }
  return {
    mode: 'shared-reset',
    release: async () => {
      const answer = await control('POST', '/_sandbox/reset', {});
      if (answer.status !== 200) throw new Error(`POST /_sandbox/reset answered HTTP ${answer.status}: the sandbox at ${url} keeps what the run wrote`);
      const reset = answer.json as { seed?: number; empty?: boolean };
      return [
        `the sandbox at ${url} was reset to its seeded world (seed ${reset.seed ?? '?'}${reset.empty ? ', empty' : ''}), as CONTRACT_RESET_SANDBOX=1 asked`,
        await restoreClock(control, before),
      ];
    },
  };
}

/**
 * A world of its own on a shared sandbox, when the sandbox offers them: the target's credentials
 * and fixtures become the world's, control calls name it (`X-Sandbox-World`), `release()` deletes
 * it. Undefined when the sandbox has no worlds (404) or no room for one (409): the run then falls
 * back to the read-only or reset modes.
 */
async function leaseWorld(target: OpenTarget, config: Pick<ContractConfig, 'fixtures'>, control: ControlCall): Promise<TargetLease | undefined> {
  const url = target.controlUrl!;
  const answer = await control('POST', '/_sandbox/worlds', { name: 'contract run', ttl_seconds: 3600 });
  const leased = answer.json as { id?: unknown; credentials?: unknown } | undefined;
  if (answer.status !== 200 || typeof leased?.id !== 'string' || typeof leased.credentials !== 'object' || leased.credentials === null) return undefined;
  const id = leased.id;
  retarget(target, leased.credentials as Record<string, unknown>, config.fixtures, id);
  return {
    mode: 'shared-world',
    release: async () => {
      target.world = undefined;
      const deleted = await control('DELETE', `/_sandbox/worlds/${id}`);
      if (deleted.status !== 200) throw new Error(`DELETE /_sandbox/worlds/${id} answered HTTP ${deleted.status}: the world stays until its TTL (1 h unused)`);
      return [`the run used a world of its own on the sandbox at ${url} (${id}), now deleted; the sandbox's default world was not touched`];
    },
  };
}
