import { Redis, type RedisOptions } from 'ioredis';

/** What every key of one shared sandbox starts with (one Redis database may hold several with other prefixes). */
export const KEY_PREFIX = 'coupon-sandbox:';

/** A command that gets no answer this fast fails (the caller answers the vendor's system error). */
export const COMMAND_TIMEOUT_MS = 2000;
/** The reader's XREAD waits this long for new entries before it asks again. */
const BLOCK_MS = 1000;

/**
 * Appends one entry and moves the head in one step (a Lua script runs atomically): a reader that
 * sees the head at an id can always read the stream up to it.
 */
const APPEND = `local id = redis.call('XADD', KEYS[1], '*', 'e', ARGV[1])
redis.call('SET', KEYS[2], id)
return id`;

/** Renews a lease only while it is still ours. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

/** Gives a lease back only when it is ours. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

type Commands = Redis & {
  appendEntry(log: string, head: string, entry: string): Promise<string>;
  renewLease(key: string, owner: string, ms: number): Promise<number>;
  releaseLease(key: string, owner: string): Promise<number>;
};

/**
 * The Redis side of a shared sandbox: the log (a Stream holding every change, in order), its
 * head (the last id, read before every request: read-your-writes across instances), the genesis
 * (what the first instance built the world from) and the delivery lease. Two connections: one for
 * commands, which fail at once while Redis is unreachable (no offline queue) or after
 * {@link COMMAND_TIMEOUT_MS}, and one that blocks reading the stream.
 */
export class RedisLog {
  // Both connect at once and reconnect by themselves; a command while disconnected fails at once.
  private readonly commands: Commands;
  private readonly reader: Redis;
  readonly keys: { readonly log: string; readonly head: string; readonly genesis: string; readonly lease: string };

  constructor(url: string, onError: (error: Error) => void) {
    const common: RedisOptions = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: COMMAND_TIMEOUT_MS,
      // Reconnect quickly and forever: the instance recovers by itself when Redis is back.
      retryStrategy: (times) => Math.min(50 * times, 500),
    };
    this.commands = new Redis(url, { ...common, commandTimeout: COMMAND_TIMEOUT_MS, connectionName: 'coupon-sandbox' }) as Commands;
    this.reader = new Redis(url, { ...common, blockingTimeout: BLOCK_MS + COMMAND_TIMEOUT_MS, connectionName: 'coupon-sandbox-reader' });
    this.commands.defineCommand('appendEntry', { numberOfKeys: 2, lua: APPEND });
    this.commands.defineCommand('renewLease', { numberOfKeys: 1, lua: RENEW });
    this.commands.defineCommand('releaseLease', { numberOfKeys: 1, lua: RELEASE });
    // Without listeners ioredis prints every failed reconnect; the owner logs outages once.
    this.commands.on('error', onError);
    this.reader.on('error', onError);
    this.keys = { log: `${KEY_PREFIX}log`, head: `${KEY_PREFIX}head`, genesis: `${KEY_PREFIX}genesis`, lease: `${KEY_PREFIX}deliverer` };
  }

  /** Appends an entry; resolves to its stream id once Redis has it (and, with appendfsync always, on disk). */
  append(entry: string): Promise<string> {
    return this.commands.appendEntry(this.keys.log, this.keys.head, entry);
  }

  /** The id of the last entry (`0-0` for an empty log). */
  async head(): Promise<string> {
    return (await this.commands.get(this.keys.head)) ?? '0-0';
  }

  /** Entries after `after`, waiting up to a second for the first; [] when none came. */
  async readAfter(after: string, count: number): Promise<[id: string, entry: string][]> {
    const answer = (await this.reader.xread('COUNT', count, 'BLOCK', BLOCK_MS, 'STREAMS', this.keys.log, after)) as [string, [string, string[]][]][] | null;
    if (!answer) return [];
    return answer[0]![1].map(([id, fields]) => [id, fields[1]!]);
  }

  /** Stores `value` at `key` unless something is there; resolves to what is there afterwards. */
  async setOnce(key: string, value: string): Promise<string> {
    await this.commands.set(key, value, 'NX');
    return (await this.commands.get(key))!;
  }

  /** Takes the lease (or renews it when ours) for `ms`; true while we hold it. */
  async holdLease(owner: string, ms: number): Promise<boolean> {
    if ((await this.commands.renewLease(this.keys.lease, owner, ms)) === 1) return true;
    return (await this.commands.set(this.keys.lease, owner, 'PX', ms, 'NX')) === 'OK';
  }

  async releaseLease(owner: string): Promise<void> {
    await this.commands.releaseLease(this.keys.lease, owner);
  }

  /** Closes both connections (pending commands fail). */
  close(): void {
    this.commands.disconnect();
    this.reader.disconnect();
  }
}
