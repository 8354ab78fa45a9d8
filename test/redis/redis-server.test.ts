import { writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBins } from '../browser/fake-bins.js';
import { findRedisServer, redisRequired } from './redis-server.js';

const { root, bin } = fakeBins('find-redis-');

describe('finding a redis-server for the shared-store tests', () => {
  it('takes REDIS_SERVER first, then the first redis-server on PATH', () => {
    const a = bin('a', 'redis-server');
    const b = bin('b', 'redis-server');
    const own = join(bin('own', 'my-redis'), 'my-redis');
    expect(findRedisServer({ PATH: [a, b].join(delimiter), REDIS_SERVER: own })).toEqual({ found: true, path: own, via: 'REDIS_SERVER' });
    expect(findRedisServer({ PATH: [a, b].join(delimiter) })).toEqual({ found: true, path: join(a, 'redis-server'), via: 'redis-server on PATH' });
  });

  it('without one, skips outside CI and fails in CI; a REDIS_SERVER naming nothing always fails (a typo must not hide the tests)', () => {
    const empty = bin('empty');
    writeFileSync(join(empty, 'redis-server'), 'not a program');
    expect(findRedisServer({ PATH: empty })).toMatchObject({
      found: false,
      required: false,
      reason:
        'no redis-server found (REDIS_SERVER unset; none of redis-server on PATH): install one (Debian: apt-get install redis-server) or set REDIS_SERVER',
    });
    expect(findRedisServer({ PATH: empty, CI: 'true' })).toMatchObject({ found: false, required: true });
    expect(findRedisServer({ PATH: empty, REDIS_SERVER: join(root, 'nope') })).toMatchObject({
      found: false,
      required: true,
      reason: expect.stringContaining('REDIS_SERVER='),
    });
  });

  it('reads CI the way CI services set it (and REQUIRE_REDIS=1 outside CI)', () => {
    expect([undefined, '', '0', 'false', 'true', '1', 'yes'].map((CI) => redisRequired({ CI }))).toEqual([false, false, false, false, true, true, true]);
    expect(redisRequired({ REQUIRE_REDIS: '1' })).toBe(true);
  });
});
