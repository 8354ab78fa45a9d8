import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errmsgPattern } from './support.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(ROOT, 'dist/src/cli.js');
const run = promisify(execFile);

/** Starts the sandbox exactly as `npm start` does (built CLI), on a free port. */
function startCli(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  if (!existsSync(CLI)) throw new Error('dist/src/cli.js is missing: run `npm run build` first (npm test does)');
  const child = spawn(process.execPath, [CLI, '--port', '0', '--seed', '3'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      // Resolve once the credentials block (pretty JSON, ends with a closing brace line) is out too.
      if (m && /\n\}\n/.test(out)) done({ child, url: m[1]!, output: () => out });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`CLI exited early (${code}): ${out}`)));
  });
}

describe('WeChat over a real socket (npm start)', () => {
  let server: Awaited<ReturnType<typeof startCli>>;
  beforeAll(async () => {
    server = await startCli();
  });
  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  const post = async (path: string, body: string) => {
    const res = await fetch(server.url + path, { method: 'POST', body });
    return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Record<string, any> };
  };

  it('prints the base URL and the WeChat credentials on start', () => {
    expect(server.output()).toMatch(/"appid": "wx[0-9a-f]{16}"/);
  });

  it('runs the README walkthrough (curl lines) end to end', async () => {
    const script = join(ROOT, 'test/http/wechat/fixtures/walkthrough.sh');
    const { stdout } = await run('bash', ['-e', script], { env: { ...process.env, BASE: server.url } });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    const [list, consumed, read] = lines;
    expect(list).toMatchObject({ errcode: 0, errmsg: 'ok', total_num: expect.any(Number) });
    expect(list.card_id_list.length).toBeGreaterThan(0);
    expect(consumed).toMatchObject({ errcode: 0, errmsg: 'ok', card: { card_id: list.card_id_list[0] }, openid: 'oDemoUser' });
    expect(read).toMatchObject({ errcode: 0, errmsg: 'ok', openid: 'oDemoUser', can_consume: false, user_card_status: 'CONSUMED' });
  });

  it('answers WeChat errors over HTTP with status 200 and charset=utf-8', async () => {
    const r = await post('/card/get', '{}');
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json; charset=utf-8');
    expect(r.json).toEqual({ errcode: 41001, errmsg: expect.stringMatching(errmsgPattern('41001')) });
    // The token is checked before the (oversized) body is read.
    const big = await post('/card/get?access_token=x', 'x'.repeat(2 * 1024 * 1024));
    expect([big.status, big.type]).toEqual([200, 'application/json; charset=utf-8']);
    expect(big.json).toEqual({ errcode: 40001, errmsg: expect.stringMatching(errmsgPattern('40001')) });
    const wrong = await fetch(`${server.url}/card/get`);
    expect([wrong.status, wrong.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    expect(await wrong.json()).toEqual({ errcode: 43002, errmsg: expect.stringMatching(errmsgPattern('43002')) });
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((done) => server.child.once('exit', (code) => done(code)));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
