// The README's vitest pattern for worlds, run as pasted: a fresh project on the built package, two
// copies of the file as two test files in parallel workers, one shared sandbox on a real socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { makeConsumer, type Consumer } from '../support/consumer.js';
import { readmeBlocks } from '../support/readme.js';

let running: RunningSandbox;
const consumers: Consumer[] = [];
beforeAll(async () => {
  running = await serveSandbox({ port: 0 });
});
afterAll(async () => {
  consumers.forEach((c) => c.remove());
  await running?.close();
});

describe('README: isolated worlds, the vitest pattern', () => {
  it('passes as pasted, two files in parallel against one sandbox, leaving the default world as it was', async () => {
    const blocks = readmeBlocks('Isolated worlds: one sandbox, many test files').filter((b) => b.lang === 'ts');
    expect(blocks).toHaveLength(1);
    const code = blocks[0]!.code;
    const path = /^\/\/ (\S+\.test\.ts)\b/.exec(code)?.[1];
    expect(path).toBe('test/checkout.test.ts');
    const app = makeConsumer({ type: 'module', link: ['vitest'], files: { [path!]: code, 'test/checkout-again.test.ts': code } });
    consumers.push(app);
    const before = JSON.stringify(running.sandbox.wechat.identities());
    const clock = running.sandbox.clock.now();
    const env = Object.fromEntries(
      Object.keys(process.env)
        .filter((k) => k.startsWith('VITEST') || k === 'NODE_ENV')
        .map((k) => [k, undefined]),
    );
    const { stdout } = await app.node('node_modules/vitest/vitest.mjs', ['run', '--reporter=verbose', '--maxWorkers=2'], {
      ...env,
      NO_COLOR: '1',
      CI: '1',
      SANDBOX_URL: running.url,
    });
    expect(stdout).toMatch(/✓ test\/checkout\.test\.ts > checkout > consumes a code no other test file can touch/);
    expect(stdout).toMatch(/✓ test\/checkout-again\.test\.ts > checkout > consumes a code no other test file can touch/);
    expect(stdout).toMatch(/Tests\s+4 passed \(4\)/);
    expect(JSON.stringify(running.sandbox.wechat.identities())).toBe(before);
    expect(Math.abs(running.sandbox.clock.now() - clock)).toBeLessThan(60_000);
    // Each file closed its world.
    expect(running.sandbox.worlds.size).toBe(0);
  }, 120_000);
});
