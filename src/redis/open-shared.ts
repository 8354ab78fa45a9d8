import type { ResolvedOptions, SandboxOptions } from '../options.js';
import type { Genesis } from '../journal/journal-entry.js';
import { createSandbox, type Sandbox } from '../sandbox.js';
import { COMMAND_TIMEOUT_MS, RedisLog } from './redis-log.js';
import { SharedSandbox } from './shared-sandbox.js';

/** How long a starting instance tries to reach Redis before it gives up (exit 1 from the CLI). */
const CONNECT_WITHIN_MS = 10_000;
/** How long a starting instance may take to apply the log before serving. */
const CATCH_UP_WITHIN_MS = 120_000;

/** The options every instance must agree on (they decide what the rules do); the first instance's win. */
const SHARED_OPTIONS = ['seed', 'empty', 'startAt', 'frozen', 'deterministicIds', 'bulkCodeLimits', 'worldTtlSeconds', 'maxWorlds'] as const;

/** What the first instance stores: the genesis of the default world and the options it was built with. */
interface SharedGenesis {
  readonly genesis: Genesis;
  readonly options: Partial<Pick<ResolvedOptions, (typeof SHARED_OPTIONS)[number]>>;
}

/** Raised when a shared store cannot be used at start-up (the CLI prints it and exits 1). */
export class SharedStoreError extends Error {
  override readonly name = 'SharedStoreError';
}

/** `redis://user:pass@host:6379/0` with the password masked, for the banner and errors. */
export function shownStoreUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

/**
 * Opens one instance of a sandbox shared through Redis at `url`: connects, takes the genesis the
 * first instance stored (or stores this one's), builds the same world from it, applies the whole
 * log and returns once caught up. The instance then proposes every change to the log.
 */
export async function openSharedSandbox(
  url: string,
  options: SandboxOptions,
  say: (line: string) => void,
): Promise<{ sandbox: Sandbox; shared: SharedSandbox }> {
  if (!/^rediss?:\/\//.test(url)) throw new SharedStoreError(`--store must be a redis:// (or rediss://) URL, got ${JSON.stringify(shownStoreUrl(url))}`);
  let shared: SharedSandbox | undefined;
  const log = new RedisLog(url, (error) => shared?.unreachable(error));
  try {
    await connect(log, url);
    const candidate = createSandbox(options);
    const mine: SharedGenesis = {
      genesis: candidate.world.journal.genesis,
      options: Object.fromEntries(SHARED_OPTIONS.map((key) => [key, candidate.options[key]])),
    };
    const text = await log.setOnce(log.keys.genesis, JSON.stringify(mine));
    const first = JSON.parse(text) as SharedGenesis;
    const sandbox = text === JSON.stringify(mine) ? candidate : createSandbox({ ...options, ...first.options }, first.genesis);
    shared = new SharedSandbox(sandbox, log, say, shownStoreUrl(url));
    await shared.start(CATCH_UP_WITHIN_MS);
    return { sandbox, shared };
  } catch (error) {
    if (shared) await shared.close();
    else log.close();
    if (error instanceof SharedStoreError) throw error;
    throw new SharedStoreError(`cannot use the shared store ${shownStoreUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Connects, retrying for {@link CONNECT_WITHIN_MS} (Redis may start a moment after the instances). */
async function connect(log: RedisLog, url: string): Promise<void> {
  const until = Date.now() + CONNECT_WITHIN_MS;
  for (;;) {
    try {
      await log.head();
      return;
    } catch (error) {
      if (Date.now() + COMMAND_TIMEOUT_MS > until) {
        throw new SharedStoreError(
          `cannot reach Redis at ${shownStoreUrl(url)} within ${CONNECT_WITHIN_MS / 1000} s: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
