import { describe, expect, it } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { startCli } from '../support/cli.js';

/** Waits until the CLI printed a line matching `pattern` (request log lines follow the answer). */
async function lineMatching(output: () => string, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const line = output()
      .split('\n')
      .find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no line matching ${pattern} in:\n${output()}`);
}

describe('the request log of npm start', () => {
  it('prints one line per request: method, path with the token masked, operation, outcome, ms', async () => {
    const cli = await startCli(['--port', '0'], { SANDBOX_LOG_REQUESTS: '1' });
    try {
      const res = await fetch(`${cli.url}/card/code/consume?access_token=leaky-token`, { method: 'POST', body: '{"code":"x"}' });
      expect(((await res.json()) as { errcode: number }).errcode).toBe(Number(errorEntry('wechat', '40001').code));
      const line = await lineMatching(() => cli.output(), /^POST \/card\/code\/consume/);
      expect(line).toMatch(/^POST \/card\/code\/consume\?access_token=\*\*\* wechat\.code-consume 40001 \d+\.\dms$/);
      expect(cli.output()).not.toContain('leaky-token');
      await fetch(`${cli.url}/_sandbox/clock`);
      expect(await lineMatching(() => cli.output(), /^GET \/_sandbox\/clock/)).toMatch(/^GET \/_sandbox\/clock control:\/_sandbox\/clock ok \d+\.\dms$/);
      await fetch(`${cli.url}/v3/nowhere`);
      expect(await lineMatching(() => cli.output(), /^GET \/v3\/nowhere/)).toMatch(/^GET \/v3\/nowhere - NOT_FOUND /);
    } finally {
      await cli.stop();
    }
  });

  it('masks the control token of the query too', async () => {
    const cli = await startCli(['--port', '0', '--control-token', 'ctl-secret-42'], { SANDBOX_LOG_REQUESTS: '1' });
    try {
      expect((await fetch(`${cli.url}/_sandbox/clock?sandbox_token=ctl-secret-42`)).status).toBe(200);
      expect(await lineMatching(() => cli.output(), /^GET \/_sandbox\/clock/)).toMatch(/^GET \/_sandbox\/clock\?sandbox_token=\*\*\* /);
      expect(cli.output()).not.toContain('ctl-secret-42');
    } finally {
      await cli.stop();
    }
  });

  it('prints nothing per request with --quiet', async () => {
    const cli = await startCli(['--port', '0', '--quiet'], { SANDBOX_LOG_REQUESTS: '1' });
    try {
      await fetch(`${cli.url}/_sandbox/clock`);
      await fetch(`${cli.url}/_sandbox/clock`);
      await new Promise((r) => setTimeout(r, 200));
      expect(cli.output().trim().split('\n')).toHaveLength(1);
    } finally {
      await cli.stop();
    }
  });
});
