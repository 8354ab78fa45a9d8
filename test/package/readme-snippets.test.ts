// README examples that a user copies into a project of their own, run as pasted there: the
// wechatpay-axios-plugin client (an ES module, against a running server) and the complete vitest
// example (`vitest run` in a fresh project, default node environment, no happy-dom installed).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { makeConsumer, type Consumer } from '../support/consumer.js';
import { readmeBlocks } from '../support/readme.js';

const consumers: Consumer[] = [];
let running: RunningSandbox;
beforeAll(async () => {
  running = await serveSandbox({ port: 0 });
});
afterAll(async () => {
  consumers.forEach((c) => c.remove());
  await running?.close();
});

/** The one block of a language under a README heading. */
function onlyBlock(heading: string, lang: string): string {
  const blocks = readmeBlocks(heading).filter((b) => b.lang === lang);
  expect(blocks, `${lang} blocks under "${heading}"`).toHaveLength(1);
  return blocks[0]!.code;
}

/** The environment of a child vitest: none of this vitest's own variables. */
function withoutVitest(): Record<string, undefined> {
  return Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => k.startsWith('VITEST') || k === 'TEST' || k === 'NODE_ENV')
      .map((k) => [k, undefined]),
  );
}

describe('README snippets, as pasted into a project of their own', () => {
  it('the wechatpay-axios-plugin client is an ES module that runs: verified stock query, certificate bootstrap, coupon list', async () => {
    const code = onlyBlock('Configure a v3 client (wechatpay-axios-plugin)', 'js');
    expect(code).not.toMatch(/\brequire\(/);
    const app = makeConsumer({ type: 'commonjs', link: ['wechatpay-axios-plugin', 'axios'], files: { 'v3-client.mjs': code } });
    consumers.push(app);
    const { stdout, stderr } = await app.node('v3-client.mjs', [], { SANDBOX_URL: `${running.url}/` });
    expect(stderr).toBe('');
    const [stock, coupons, ...more] = stdout.trim().split('\n');
    expect(more).toEqual([]);
    const seeded = await running.sandbox.call('wechatpay.busifavor-query-stock', { stock_id: '98065001' });
    expect(stock).toBe(`${seeded.stock_name} ${seeded.stock_state}`);
    const openid = (running.sandbox.credentials().wechatpay as { openids: string[] }).openids[0]!;
    expect(coupons).toMatch(new RegExp(`^[1-9]\\d* SENDED coupons of ${openid}$`));
  }, 60_000);

  it('the complete vitest example passes with `vitest run`, in the default node environment, without happy-dom', async () => {
    const code = onlyBlock('A complete vitest example', 'ts');
    const path = /^\/\/ (\S+\.test\.ts)\b/.exec(code)?.[1];
    expect(path).toBe('src/coupons/redeem.test.ts');
    // A live environment pragma would need a package the README does not ask for.
    expect(code).not.toMatch(/@(vitest|jest)-environment\s/);
    const app = makeConsumer({ type: 'module', link: ['vitest'], files: { [path!]: code } });
    consumers.push(app);
    expect(existsSync(join(app.dir, 'node_modules/happy-dom'))).toBe(false);
    const { stdout } = await app.node('node_modules/vitest/vitest.mjs', ['run', '--reporter=verbose', '--maxWorkers=1'], {
      ...withoutVitest(),
      NO_COLOR: '1',
      CI: '1',
    });
    expect(stdout).toMatch(/✓ src\/coupons\/redeem\.test\.ts > redeem > redeems a code once, then reports it used/);
    expect(stdout).toMatch(/✓ src\/coupons\/redeem\.test\.ts > redeem > fails once the token expired in sandbox time/);
    expect(stdout).toMatch(/✓ src\/coupons\/redeem\.test\.ts > redeem > shows an outage when WeChat is down/);
    expect(stdout).toMatch(/Tests\s+3 passed \(3\)/);
  }, 120_000);
});
