import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../../support/cli.js';
import { errmsgPattern } from './support.js';

describe('WeChat over a real socket (npm start)', () => {
  let server: Awaited<ReturnType<typeof startCli>>;
  beforeAll(async () => {
    server = await startCli(['--port', '0', '--seed', '3']);
  });
  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  const post = async (path: string, body: string) => {
    const res = await fetch(server.url + path, { method: 'POST', body });
    return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Record<string, any> };
  };

  it('prints the base URL and the WeChat appid on start', async () => {
    const { wechat } = (await (await fetch(`${server.url}/_sandbox/credentials`)).json()) as { wechat: { appid: string } };
    expect(server.output()).toContain(`appid ${wechat.appid}`);
  });

  // The README walkthrough runs, with every other shell block of the README, in test/readme/.

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
