import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import type { SandboxOptions } from '../../src/options.js';
import { createSandbox } from '../../src/sandbox.js';

const START = Date.parse('2026-03-02T10:00:00+08:00');
const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});
async function served(options: SandboxOptions & { host?: string } = {}) {
  const r = await serveSandbox({ port: 0, startAt: START, frozen: true, ...options });
  running.push(r);
  return r;
}

/** A raw request, so that Host, Origin and Sec-Fetch-* are exactly what a browser or attacker would send. */
function raw(
  r: RunningSandbox,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; json: any; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: r.port,
        method,
        path,
        headers: { ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...headers },
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : undefined, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const clockOf = (r: RunningSandbox) => r.sandbox.clock.now();

describe('cross-origin browser writes to /_sandbox/', () => {
  it('refuses a text/plain reset from another site (CSRF) with 403, and the world stays', async () => {
    const r = await served();
    r.sandbox.clock.advance(60_000);
    const res = await raw(r, 'POST', '/_sandbox/reset', { host: `127.0.0.1:${r.port}`, origin: 'https://evil.example', 'content-type': 'text/plain' }, '{}');
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('FORBIDDEN');
    expect(clockOf(r)).toBe(START + 60_000);
  });

  it('refuses a write a browser marks cross-site or same-site, even without Origin', async () => {
    const r = await served();
    for (const site of ['cross-site', 'same-site']) {
      const res = await raw(r, 'POST', '/_sandbox/clock', { 'sec-fetch-site': site, 'content-type': 'application/json' }, '{"advance_seconds":60}');
      expect(res.status, site).toBe(403);
    }
    expect(clockOf(r)).toBe(START);
  });

  it("accepts a JSON write from the sandbox's own origin, and refuses it as text/plain (415)", async () => {
    const r = await served();
    const own = { host: `127.0.0.1:${r.port}`, origin: `http://127.0.0.1:${r.port}`, 'sec-fetch-site': 'same-origin' };
    expect((await raw(r, 'POST', '/_sandbox/clock', { ...own, 'content-type': 'text/plain' }, '{"advance_seconds":60}')).status).toBe(415);
    expect((await raw(r, 'POST', '/_sandbox/clock', { ...own, 'content-type': 'application/json' }, '{"advance_seconds":60}')).status).toBe(200);
    expect(clockOf(r)).toBe(START + 60_000);
  });

  it('leaves non-browser clients as they were (curl sends no Origin and a form content type)', async () => {
    const r = await served();
    const res = await raw(r, 'POST', '/_sandbox/clock', { 'content-type': 'application/x-www-form-urlencoded' }, '{"advance_seconds":60}');
    expect(res.status).toBe(200);
  });
});

describe('the Host of /_sandbox/ requests', () => {
  it('refuses a DNS-rebinding name reading the credentials (403), but answers loopback names and IP addresses', async () => {
    const r = await served();
    const rebound = await raw(r, 'GET', '/_sandbox/credentials', { host: `attacker.example:${r.port}` });
    expect(rebound.status).toBe(403);
    expect(JSON.stringify(rebound.json)).not.toMatch(/PRIVATE KEY/);
    for (const host of [`127.0.0.1:${r.port}`, `localhost:${r.port}`, `app.localhost:${r.port}`, `[::1]:${r.port}`, `10.0.0.5:${r.port}`]) {
      expect((await raw(r, 'GET', '/_sandbox/clock', { host })).status, host).toBe(200);
    }
  });

  it('answers a configured name and the bound name', async () => {
    const r = await served({ allowedHosts: ['sandbox.test'], host: 'localhost' });
    expect((await raw(r, 'GET', '/_sandbox/clock', { host: 'SANDBOX.test:4010' })).status).toBe(200);
    expect((await raw(r, 'GET', '/_sandbox/clock', { host: 'other.test' })).status).toBe(403);
  });

  it('never guards vendor paths: an SDK with a hard-coded host reaches them by any name', async () => {
    const r = await served();
    const { appid, secret } = r.sandbox.wechat.credentials();
    const res = await raw(r, 'GET', `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`, {
      host: 'api.weixin.qq.com',
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(200);
    expect(res.json.access_token).toBeTypeOf('string');
  });
});

describe('the control token', () => {
  it('is required by every /_sandbox/ route when set (401), in a header, as a bearer token or in the query', async () => {
    const r = await served({ controlToken: 's3cret-token' });
    const missing = await raw(r, 'GET', '/_sandbox/credentials');
    expect(missing.status).toBe(401);
    expect(missing.json.error.code).toBe('UNAUTHORIZED');
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer /);
    expect((await raw(r, 'GET', '/_sandbox/credentials', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await raw(r, 'POST', '/_sandbox/reset', {}, '{}')).status).toBe(401);
    expect((await raw(r, 'GET', '/_sandbox/openapi/control.json')).status).toBe(401);
    expect((await raw(r, 'GET', '/_sandbox/credentials', { authorization: 'Bearer s3cret-token' })).status).toBe(200);
    expect((await raw(r, 'GET', '/_sandbox/credentials', { 'x-sandbox-token': 's3cret-token' })).status).toBe(200);
    expect((await raw(r, 'GET', '/_sandbox/clock?sandbox_token=s3cret-token')).status).toBe(200);
    // With the token, any Host (a container name, a LAN name) may drive the sandbox.
    expect((await raw(r, 'POST', '/_sandbox/reset', { 'x-sandbox-token': 's3cret-token', host: 'coupon-sandbox:4010' }, '{}')).status).toBe(200);
  });

  it('leaves vendor paths open', async () => {
    const r = await served({ controlToken: 's3cret-token' });
    const { appid, secret } = r.sandbox.wechat.credentials();
    expect((await raw(r, 'GET', `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json.access_token).toBeTypeOf('string');
  });

  it('is asked of in-process transports too, which otherwise skip the Host and Origin checks', async () => {
    const sandbox = createSandbox({ controlToken: 't' });
    expect((await sandbox.app.request('/_sandbox/clock')).status).toBe(401);
    expect((await sandbox.app.request('/_sandbox/clock', { headers: { 'x-sandbox-token': 't' } })).status).toBe(200);
    const open = createSandbox();
    expect(
      (await open.app.request('https://api.weixin.qq.com/_sandbox/clock', { method: 'POST', headers: { origin: 'http://localhost:3000' }, body: '{}' })).status,
    ).toBe(200);
  });
});
