import { createServer, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, startCli, type RunningCli } from '../support/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** A usage error: status 2, one line naming the problem, one line pointing at --help, no stack. */
function expectUsageError(result: { code: number | null; stdout: string; stderr: string }, problem: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^coupon-sandbox: /);
  expect(lines[0]).toMatch(problem);
  expect(lines[1]).toMatch(/--help/);
  expect(result.stderr).not.toMatch(/ERR_PARSE_ARGS|\n\s+at /);
}

describe('the CLI command line', () => {
  it('prints the package version for --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const result = await runCli([flag]);
      expect(result).toEqual({ code: 0, stdout: `coupon-sandbox ${pkg.version}\n`, stderr: '' });
    }
  });

  it('answers a mistyped option with one line, a suggestion and exit 2', async () => {
    expectUsageError(await runCli(['--prot', '4011']), /unknown option --prot \(did you mean --port\?\)/);
    expectUsageError(await runCli(['--seeed=3']), /unknown option --seeed \(did you mean --seed\?\)/);
  });

  it('answers a stray argument, a missing value and a bad number the same way', async () => {
    expectUsageError(await runCli(['4011']), /unexpected argument "4011"/);
    expectUsageError(await runCli(['--port']), /--port needs a value/);
    expectUsageError(await runCli(['--port', 'abc']), /--port must be an integer from 0 to 65535, got "abc"/);
    expectUsageError(await runCli(['--port', '70000']), /--port must be an integer/);
    expectUsageError(await runCli(['--quiet=yes']), /--quiet takes no value/);
    expectUsageError(await runCli(['--waiqin-return-code', 'int']), /--waiqin-return-code must be "string" or "number"/);
    expectUsageError(await runCli([], { PORT: 'x' }), /PORT must be an integer/);
    expectUsageError(await runCli(['--store', 'localhost:6379']), /--store must be a redis:\/\/host:port\/db URL, got "localhost:6379"/);
    expectUsageError(await runCli([], { SANDBOX_STORE: 'memcached://x' }), /--store must be a redis:\/\/host:port\/db URL, got "memcached:\/\/x"/);
    expectUsageError(await runCli(['--store', 'redis://127.0.0.1:6379/0', '--data-dir', '/tmp/x']), /--store and --data-dir exclude each other/);
  });

  it('documents every flag, --quiet included, in --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const flag of ['--port', '--host', '--seed', '--empty', '--lenient-auth', '--waiqin-return-code', '--quiet', '--help', '--version']) {
      expect(stdout).toContain(flag);
    }
  });
});

describe('the CLI start-up', () => {
  let cli: RunningCli;
  let credentials: Record<string, Record<string, unknown>>;
  beforeAll(async () => {
    cli = await startCli(['--port', '0', '--seed', '5']);
    credentials = (await (await fetch(`${cli.url}/_sandbox/credentials`)).json()) as typeof credentials;
  });
  afterAll(async () => {
    await cli?.stop();
  });

  it('prints a short banner: the URL, the key identifiers and where the rest is', () => {
    const lines = cli.output().trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(lines[0]).toBe(`coupon-sandbox listening on ${cli.url} (seed 5)`);
    const text = cli.output();
    const pay = credentials.wechatpay!;
    for (const id of [credentials.wechat!.appid, pay.mchid, pay.merchant_serial_no, pay.platform_serial_no, credentials.waiqin!.openid]) {
      expect(text).toContain(String(id));
    }
    expect(text).toContain(`curl ${cli.url}/_sandbox/credentials`);
  });

  it('keeps secrets and keys out of the terminal', () => {
    const text = cli.output();
    const pay = credentials.wechatpay!;
    for (const secret of [credentials.wechat!.secret, pay.apiv3_key, credentials.waiqin!.appkey]) {
      expect(text).not.toContain(String(secret));
    }
    expect(text).not.toMatch(/BEGIN|PRIVATE|\\n/);
  });

  it('prints only the listening line with --quiet', async () => {
    const quiet = await startCli(['--port', '0', '--quiet']);
    try {
      expect(quiet.output()).toMatch(/^coupon-sandbox listening on http:\/\/127\.0\.0\.1:\d+ \(seed 1\)\n$/);
    } finally {
      expect(await quiet.stop()).toBe(0);
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await cli.stop()).toBe(0);
  });
});

describe('the CLI on a busy port', () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((done) => busy.close(() => done())));

  it('says in one line that the port is taken, suggests --port 0, and exits 1', async () => {
    const result = await runCli(['--port', String(port)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `coupon-sandbox: port ${port} on 127.0.0.1 is already in use (another sandbox?); use --port 0 for a free port, or --port N for another one`,
    ]);
  });
});
