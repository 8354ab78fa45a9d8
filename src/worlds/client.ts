/**
 * `createWorld(baseUrl)`: an isolated world of a running sandbox for one test file or one test,
 * over fetch only (any test runner, Node or a browser page). The world has its own credentials,
 * so an unmodified SDK configured with them reaches only this world.
 */

/** What `createWorld` takes besides the sandbox's URL. */
export interface CreateWorldOptions {
  seed?: number;
  empty?: boolean;
  name?: string;
  /** Seconds of real time the world may go unused before the sandbox removes it (default: the sandbox's, 1 h). */
  ttlSeconds?: number;
  /** The sandbox's control token, when it was started with one. */
  controlToken?: string;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

/** The sandbox clock of one world, as `GET/POST /_sandbox/clock?world=` answer it. */
export interface WorldClockState {
  now: string;
  frozen: boolean;
  [field: string]: unknown;
}

/** One world of a running sandbox. */
export interface RemoteWorld {
  readonly id: string;
  /** The sandbox's URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The world's own credentials, same shape as `GET /_sandbox/credentials`. */
  readonly credentials: {
    wechat: { appid: string; secret: string; [field: string]: unknown };
    wechatpay: { mchid: string; [field: string]: unknown };
    waiqin: { openid: string; appkey: string; [field: string]: unknown };
    [vendor: string]: unknown;
  };
  /** Back to the world's seeded state and start-up clock (optionally another seed, or empty). */
  reset(change?: { seed?: number; empty?: boolean }): Promise<void>;
  readonly clock: {
    get(): Promise<WorldClockState>;
    /** Freezes the clock (at `at`, ISO or ms, when given). */
    freeze(at?: string | number): Promise<WorldClockState>;
    set(at: string | number): Promise<WorldClockState>;
    advance(seconds: number): Promise<WorldClockState>;
    /** Real time again, running. */
    real(): Promise<WorldClockState>;
  };
  /** Any other control route of this world: `control('POST', '/_sandbox/wechat/give-code', {...})`. */
  control<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Deletes the world: its credentials and tokens stop working. */
  close(): Promise<void>;
}

/**
 * Creates a world on the sandbox at `baseUrl` (`POST /_sandbox/worlds`).
 *
 * @example
 * const world = await createWorld('http://127.0.0.1:4010', { seed: 7 });
 * const { appid, secret } = world.credentials.wechat;
 * await world.clock.advance(7200);
 * await world.close();
 */
export async function createWorld(baseUrl: string, options: CreateWorldOptions = {}): Promise<RemoteWorld> {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = (world?: string): Record<string, string> => ({
    'content-type': 'application/json',
    ...(world ? { 'x-sandbox-world': world } : {}),
    ...(options.controlToken ? { 'x-sandbox-token': options.controlToken } : {}),
  });
  const send = async <T>(method: string, path: string, world: string | undefined, body?: unknown): Promise<T> => {
    const response = await doFetch(`${base}${path}`, { method, headers: headers(world), body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`coupon-sandbox ${method} ${path}: ${response.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  const created = await send<{ id: string; credentials: RemoteWorld['credentials'] }>('POST', '/_sandbox/worlds', undefined, {
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.empty !== undefined && { empty: options.empty }),
    ...(options.name !== undefined && { name: options.name }),
    ...(options.ttlSeconds !== undefined && { ttl_seconds: options.ttlSeconds }),
  });
  const id = created.id;
  const clock = (body: Record<string, unknown>) => send<WorldClockState>('POST', '/_sandbox/clock', id, body);
  return {
    id,
    baseUrl: base,
    credentials: created.credentials,
    reset: async (change = {}) => void (await send('POST', '/_sandbox/reset', id, change)),
    clock: {
      get: () => send<WorldClockState>('GET', '/_sandbox/clock', id),
      freeze: (at) => clock(at === undefined ? { freeze: true } : { set: at, freeze: true }),
      set: (at) => clock({ set: at }),
      advance: (seconds) => clock({ advance_seconds: seconds }),
      real: () => clock({ real: true }),
    },
    control: (method, path, body) => send(method, path, id, method === 'GET' ? undefined : (body ?? {})),
    close: async () => void (await send('DELETE', `/_sandbox/worlds/${id}`, undefined)),
  };
}
