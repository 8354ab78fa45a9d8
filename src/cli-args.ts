import { parseArgs } from 'node:util';
import type { OpenOptions } from './node.js';

/** What the command line asks for: serve, or print help / the version and stop. */
export type CliRequest = { kind: 'help' } | { kind: 'version' } | { kind: 'serve'; options: OpenOptions & { seed: number }; quiet: boolean };

/** A command line the CLI cannot run: one line for the user, exit status 2 (as usage errors do). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  empty: { type: 'boolean' },
  'lenient-auth': { type: 'boolean' },
  'waiqin-return-code': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'control-token': { type: 'string' },
  'world-ttl': { type: 'string' },
  'max-worlds': { type: 'string' },
  'data-dir': { type: 'string' },
  'checkpoint-every': { type: 'string' },
  store: { type: 'string' },
  'deterministic-ids': { type: 'boolean' },
  'start-at': { type: 'string' },
  frozen: { type: 'boolean' },
  'requests-limit': { type: 'string' },
  'requests-max-mb': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export const HINT = 'see "coupon-sandbox --help" (npm start -- --help) for the options';

export const HELP = `usage: coupon-sandbox [--port N] [--host H] [--seed N] [--empty] [--lenient-auth]
                      [--waiqin-return-code string|number] [--control-token T] [--world-ttl SECONDS]
                      [--max-worlds N] [--data-dir DIR] [--checkpoint-every N] [--store URL] [--deterministic-ids]
                      [--start-at ISO] [--frozen] [--requests-limit N] [--requests-max-mb N] [--quiet] [--help] [--version]

Serves the WeChat Cards & Offers, WeChat Pay v3 busifavor and waiqin365 voucher emulators on one origin.

  --port N                  port to listen on; 0 picks a free one (env PORT, default 4010)
  --host H                  address to bind (env HOST, default 127.0.0.1)
  --seed N                  seed of the generated world: same seed, same world (env SEED, default 1)
  --empty                   start with no seeded cards, codes, stocks or vouchers
  --lenient-auth            WeChat Pay: accept unsigned requests
  --waiqin-return-code T    type of waiqin365 return_code: string (default) or number
  --control-token T         require T on /_sandbox/ (Authorization: Bearer T; env SANDBOX_CONTROL_TOKEN)
  --world-ttl SECONDS       a created world (POST /_sandbox/worlds) unused this long is removed (default 3600)
  --max-worlds N            most created worlds held at once; more are refused 409 (default 10000)
  --data-dir DIR            keep every change in DIR and replay it at start (env DATA_DIR; default: memory only)
  --checkpoint-every N      with --data-dir: checkpoint the world every N changes and on exit (default 50000; 0: never)
  --store URL               redis://[user:pass@]host:port/db: instances with the same URL share one state
                            kept in Redis (env SANDBOX_STORE; not with --data-dir)
  --deterministic-ids       ids minted at run time repeat for a seed, run after run (tests that pin ids)
  --start-at ISO            start the sandbox clock at this instant (e.g. 2026-03-02T10:00:00+08:00)
  --frozen                  start the sandbox clock frozen
  --requests-limit N        requests the ring keeps for /_sandbox/requests and rid/get (default 10000; 0: off)
  --requests-max-mb N       megabytes of bodies the ring keeps, whichever limit comes first (default 64)
  -q, --quiet               print only the "listening on" line: no banner, no request log
                            (in a terminal, or with env SANDBOX_LOG_REQUESTS=1, one line per request)
  -h, --help                this text
  -v, --version             the package version

Flags win over the environment. Every credential and key: GET <url>/_sandbox/credentials.`;

/** The closest option name to a mistyped one (edit distance <= 2), for "did you mean". */
function closest(typed: string): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of Object.keys(OPTIONS)) {
    const d = distance(typed, name);
    if (d <= 2 && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length]!;
}

/** parseArgs' own errors carry a code and a message meant for developers; say it for users. */
function explain(error: unknown): UsageError {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = quoted.replace(/^-+/, '').split('=')[0]!;
    const hint = closest(name);
    return new UsageError(`unknown option ${quoted}${hint ? ` (did you mean --${hint}?)` : ''}`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`unexpected argument "${quoted}" (every setting is a --flag)`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const tokens = quoted.split(/[ ,]+/);
    const option = tokens.find((t) => t.startsWith('--')) ?? tokens[0];
    return new UsageError(/argument missing/.test(message ?? '') ? `${option} needs a value` : `${option} takes no value`);
  }
  return new UsageError(message ?? String(error));
}

function integer(name: string, raw: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n > max) {
    throw new UsageError(`${name} must be an integer from 0 to ${max === Number.MAX_SAFE_INTEGER ? '2^53' : max}, got "${raw}"`);
  }
  return n;
}

/** An integer of at least 1 (a TTL of 0 would remove every world at once). */
function positive(name: string, raw: string | undefined, fallback: number): number {
  const n = integer(name, raw, fallback);
  if (n < 1) throw new UsageError(`${name} must be at least 1, got "${raw}"`);
  return n;
}

const parse = (args: string[]) => parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });

/**
 * Reads argv and the environment (flags win). Throws {@link UsageError} for anything it cannot
 * run, so the caller prints one line and the usage instead of a stack.
 */
export function readCommandLine(argv: string[], env: Record<string, string | undefined>): CliRequest {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw explain(error);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const returnCode = values['waiqin-return-code'];
  if (returnCode !== undefined && returnCode !== 'string' && returnCode !== 'number') {
    throw new UsageError(`--waiqin-return-code must be "string" or "number", got "${returnCode}"`);
  }
  const store = values.store || env.SANDBOX_STORE || undefined;
  if (store !== undefined && !/^rediss?:\/\//.test(store)) throw new UsageError(`--store must be a redis://host:port/db URL, got "${store}"`);
  if (store !== undefined && (values['data-dir'] || env.DATA_DIR))
    throw new UsageError('--store and --data-dir exclude each other: with --store, Redis holds the state');
  const startAt = values['start-at'] === undefined ? undefined : Date.parse(values['start-at']);
  if (startAt !== undefined && Number.isNaN(startAt)) throw new UsageError(`--start-at must be an ISO 8601 instant, got "${values['start-at']}"`);
  return {
    kind: 'serve',
    quiet: values.quiet ?? false,
    options: {
      port: integer(values.port !== undefined ? '--port' : 'PORT', values.port ?? env.PORT, 4010, 65535),
      host: values.host ?? env.HOST ?? '127.0.0.1',
      seed: integer(values.seed !== undefined ? '--seed' : 'SEED', values.seed ?? env.SEED, 1),
      empty: values.empty ?? false,
      lenientAuth: values['lenient-auth'] ?? false,
      waiqinReturnCode: returnCode,
      controlToken: values['control-token'] || env.SANDBOX_CONTROL_TOKEN || undefined,
      worldTtlSeconds: positive('--world-ttl', values['world-ttl'], 3600),
      maxWorlds: integer('--max-worlds', values['max-worlds'], 10_000),
      deterministicIds: values['deterministic-ids'] ?? false,
      ...(startAt !== undefined && { startAt }),
      frozen: values.frozen ?? false,
      dataDir: values['data-dir'] || env.DATA_DIR || undefined,
      store,
      checkpointEvery: integer('--checkpoint-every', values['checkpoint-every'], 50_000),
      requestsLimit: integer('--requests-limit', values['requests-limit'], 10_000, 10_000_000),
      requestsMaxMb: integer('--requests-max-mb', values['requests-max-mb'], 64, 65_536) || 1,
    },
  };
}
