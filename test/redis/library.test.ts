/**
 * The library option: `openSandbox({ store })` twice in one process on one real redis-server is
 * two instances of one state. Direct calls and control actions go through the log like HTTP, and
 * a store the sandbox cannot use is refused at start with SharedStoreError.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { VendorError } from '../../src/engine/vendor-error.js';
import { openSandbox, SharedStoreError, type RunningSandbox } from '../../src/node.js';
import { RedisServer, skipRedis } from './redis-server.js';

describe.skipIf(skipRedis)('openSandbox({ store })', () => {
  let redis: RedisServer;
  let a: RunningSandbox;
  let b: RunningSandbox;
  const lines: string[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    const store = redis.url(7);
    a = await openSandbox({ port: 0, store, log: (line) => lines.push(line) });
    b = await openSandbox({ port: 0, store, seed: 99, log: (line) => lines.push(line) });
  }, 30_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  it('takes the first instance genesis: the same seed and the same credentials, whatever the second was given', () => {
    expect(b.sandbox.options.seed).toBe(a.sandbox.options.seed);
    expect(b.sandbox.wechat.credentials().appid).toBe(a.sandbox.wechat.credentials().appid);
    expect(b.sandbox.world.replica!.describe()).toMatchObject({ kind: 'redis', reachable: true });
  });

  it('a control action on one and a direct call on the other act on one state, through the log', async () => {
    const card = a.sandbox.wechat
      .identities()
      .apps[0]!.cards.find((c) => c.status === 'CARD_STATUS_VERIFY_OK' && c.card_type === 'CASH' && !c.use_custom_code)!;
    const given = await Promise.resolve(a.sandbox.wechat.giveCode({ card_id: card.card_id, openid: 'o-library-user' }));
    const appid = a.sandbox.wechat.credentials().appid;
    await b.sandbox.call('wechat.code-consume', { code: given.code }, { as: appid });
    const read = (await a.sandbox.call('wechat.code-get', { code: given.code, check_consume: false }, { as: appid })) as { user_card_status: string };
    expect(read.user_card_status).toBe('CONSUMED');
    const again = b.sandbox.call('wechat.code-consume', { code: given.code }, { as: appid });
    await expect(again).rejects.toBeInstanceOf(VendorError);
    await expect(again).rejects.toMatchObject({ vendor: 'wechat', key: '40099' });
    expect(errorEntry('wechat', '40099').code).toBe(40099);
  });

  it('refuses a store that is not a redis:// URL, and one it cannot reach, with SharedStoreError', async () => {
    await expect(openSandbox({ port: 0, store: 'http://127.0.0.1:1/0' })).rejects.toThrow(SharedStoreError);
    await expect(openSandbox({ port: 0, store: 'http://127.0.0.1:1/0' })).rejects.toThrow(
      '--store must be a redis:// (or rediss://) URL, got "http://127.0.0.1:1/0"',
    );
    const unreachable = openSandbox({ port: 0, store: 'redis://127.0.0.1:1/0', log: () => undefined });
    await expect(unreachable).rejects.toThrow(/^cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/0 within 10 s: /);
  }, 20_000);

  it('refuses --store with a data dir', async () => {
    await expect(openSandbox({ port: 0, store: redis.url(7), dataDir: '/tmp/never-used' })).rejects.toThrow(
      '--store and --data-dir exclude each other: with a shared store, Redis holds the state (turn on its persistence)',
    );
  });
});
