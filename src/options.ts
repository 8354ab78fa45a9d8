import { ClockRangeError, isSandboxInstant } from './engine/clock.js';
import type { RequestSummary } from './pipeline/request-summary.js';
import type { NotificationHook } from './notifications/send-attempt.js';

/**
 * Options of one sandbox. Resolved at the edge (CLI flags > environment > defaults) and passed
 * down as a plain object: the library itself never reads process.env.
 */
export interface SandboxOptions {
  /**
   * Seed of the generated world: an integer from 0 to 4294967295 (MAX_SEED; anything else is a
   * RangeError). Same seed, same seeded world. Default 1.
   */
  seed?: number;
  /** Start with no seeded cards, codes, stocks or vouchers. Default false. */
  empty?: boolean;
  /** Validate every response the emulator sends against its schema; drift becomes a system error and is logged. Default false (tests turn it on). */
  validateResponses?: boolean;
  /** WeChat Pay v3: accept requests without a valid signature (data-only users). Default false: strict. */
  lenientAuth?: boolean;
  /** waiqin365: type of `return_code` on the wire. Default 'string' (as the voucher page shows `"0"`). */
  waiqinReturnCode?: 'string' | 'number';
  /** Start the sandbox clock at this instant (ms since epoch, within the clock's range) instead of real time. */
  startAt?: number;
  /** Start the clock frozen. */
  frozen?: boolean;
  /** Called once per answered request with its summary (request logs; `npm start` prints them in a terminal). */
  onRequest?: (summary: RequestSummary) => void;
  /** Called with every unexpected error (a bug) before the vendor's system error is sent. */
  onUnexpectedError?: (error: unknown, request: Request | undefined) => void;
  /**
   * Ids minted at run time (card ids, codes, tokens, stock ids, voucher and holding ids) repeat
   * for a seed, run after run. Default false: they mix in a nonce drawn whenever a world is built,
   * so a restarted sandbox never hands out an id of the run before for another object. The seeded
   * world is the same for a seed either way. Tests that pin minted ids turn this on.
   */
  deterministicIds?: boolean;
  /**
   * When set, every `/_sandbox/` request must carry it (`Authorization: Bearer <token>`,
   * `X-Sandbox-Token`, or `?sandbox_token=` for a browser); vendor paths stay as open as the vendors'.
   */
  controlToken?: string;
  /**
   * Host names `/_sandbox/` answers to besides loopback names (localhost, *.localhost) and IP
   * literals: a DNS-rebinding page uses its own name and is refused. Vendor paths answer any Host.
   */
  allowedHosts?: readonly string[];
  /** Caps of the bulk-codes control action (see BULK_LIMITS for the defaults). */
  bulkCodeLimits?: { perApp?: number; perProcess?: number };
  /** Seconds of real time a created world (`POST /_sandbox/worlds`) may go unused before it is removed. Default 3600. */
  worldTtlSeconds?: number;
  /** Most created worlds held at once; one more is refused 409 WORLD_LIMIT. Default 10 000. */
  maxWorlds?: number;
  /**
   * Called for every attempt to deliver a notification (COUPON.SEND, card events) with the exact
   * request. Return `{status, body}` (or a Response) to answer it in-process; return nothing to
   * let the sandbox send it with `fetch`.
   */
  onNotification?: NotificationHook;
  /** Requests each world's ring keeps (`GET /_sandbox/requests`, WeChat `rid/get`). Default 10,000. 0 turns the ring off (no recording cost per request). */
  requestsLimit?: number;
  /** Megabytes of bodies each world's request ring keeps, whichever limit comes first. Default 64. */
  requestsMaxMb?: number;
}

/** Largest seed: seeds are 32-bit (a larger one would alias a smaller one's world). */
export const MAX_SEED = 0xffff_ffff;

/** Whether a value is a seed (an integer from 0 to MAX_SEED). */
export function isSeed(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_SEED;
}

type OptionalKeys = 'startAt' | 'onUnexpectedError' | 'onRequest' | 'controlToken' | 'bulkCodeLimits' | 'onNotification';
export type ResolvedOptions = Required<Omit<SandboxOptions, OptionalKeys>> & Pick<SandboxOptions, OptionalKeys>;

/** Resolves defaults; RangeError for a seed or start instant the sandbox cannot use. */
export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  if (options.seed !== undefined && !isSeed(options.seed)) throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${options.seed}`);
  if (options.startAt !== undefined && !isSandboxInstant(options.startAt)) throw new ClockRangeError(options.startAt);
  if (options.controlToken !== undefined && options.controlToken === '') throw new RangeError('controlToken must not be empty');
  for (const [name, value] of [
    ['worldTtlSeconds', options.worldTtlSeconds],
    ['maxWorlds', options.maxWorlds],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= (name === 'maxWorlds' ? 0 : 1)))
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return {
    seed: options.seed ?? 1,
    empty: options.empty ?? false,
    validateResponses: options.validateResponses ?? false,
    lenientAuth: options.lenientAuth ?? false,
    waiqinReturnCode: options.waiqinReturnCode ?? 'string',
    frozen: options.frozen ?? false,
    startAt: options.startAt,
    onUnexpectedError: options.onUnexpectedError,
    deterministicIds: options.deterministicIds ?? false,
    controlToken: options.controlToken,
    allowedHosts: options.allowedHosts ?? [],
    bulkCodeLimits: options.bulkCodeLimits,
    onRequest: options.onRequest,
    worldTtlSeconds: options.worldTtlSeconds ?? 3600,
    maxWorlds: options.maxWorlds ?? 10_000,
    onNotification: options.onNotification,
    requestsLimit: options.requestsLimit ?? 10_000,
    requestsMaxMb: options.requestsMaxMb ?? 64,
  };
}
