import type { RequestSummary } from './pipeline/request-summary.js';

/**
 * Options of one sandbox. Resolved at the edge (CLI flags > environment > defaults) and passed
 * down as a plain object: the library itself never reads process.env.
 */
export interface SandboxOptions {
  /** Seed of the generated world. Same seed, same world. Default 1. */
  seed?: number;
  /** Start with no seeded cards, codes, stocks or vouchers. Default false. */
  empty?: boolean;
  /** Validate every response the emulator sends against its schema; drift becomes a system error and is logged. Default false (tests turn it on). */
  validateResponses?: boolean;
  /** WeChat Pay v3: accept requests without a valid signature (data-only users). Default false: strict. */
  lenientAuth?: boolean;
  /** waiqin365: type of `return_code` on the wire. Default 'string' (as the voucher page shows `"0"`). */
  waiqinReturnCode?: 'string' | 'number';
  /** Start the sandbox clock at this instant (ms since epoch) instead of real time. */
  startAt?: number;
  /** Start the clock frozen. */
  frozen?: boolean;
  /** Called once per answered request with its summary (request logs; `npm start` prints them in a terminal). */
  onRequest?: (summary: RequestSummary) => void;
  /** Called with every unexpected error (a bug) before the vendor's system error is sent. */
  onUnexpectedError?: (error: unknown, request: Request | undefined) => void;
}

export type ResolvedOptions = Required<Omit<SandboxOptions, 'startAt' | 'onUnexpectedError' | 'onRequest'>> &
  Pick<SandboxOptions, 'startAt' | 'onUnexpectedError' | 'onRequest'>;

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  return {
    seed: options.seed ?? 1,
    empty: options.empty ?? false,
    validateResponses: options.validateResponses ?? false,
    lenientAuth: options.lenientAuth ?? false,
    waiqinReturnCode: options.waiqinReturnCode ?? 'string',
    frozen: options.frozen ?? false,
    startAt: options.startAt,
    onUnexpectedError: options.onUnexpectedError,
    onRequest: options.onRequest,
  };
}
