import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupSandboxServer } from '../../mocks/node.js';
import { createSandboxHandlers, toOrigin, VENDOR_ORIGINS } from '../../mocks/index.js';
import { observe } from './observe.js';

const START = Date.parse('2026-03-01T08:00:00.000Z');
const TENANT = 'https://openapi-tenant-a.waiqin365.com';
const LOCAL = 'http://localhost:4010';

const { server, sandbox, origins } = setupSandboxServer({
  seed: 3,
  startAt: START,
  frozen: true,
  waiqinOrigins: ['openapi-tenant-a.waiqin365.com'],
  sandboxOrigin: `${LOCAL}/ignored/path`,
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  server.events.removeAllListeners();
  sandbox.reset();
});
afterAll(() => server.close());

describe('msw handlers', () => {
  it('answers for the three vendor origins, the named tenant origin and the sandbox origin', () => {
    expect(origins).toEqual([VENDOR_ORIGINS.wechat, VENDOR_ORIGINS.wechatpay, VENDOR_ORIGINS.waiqin, TENANT, LOCAL]);
  });

  it.each([...Object.values(VENDOR_ORIGINS), TENANT, LOCAL])('answers %s exactly as the app itself does, for known and unknown paths', async (origin) => {
    for (const path of ['/_sandbox/clock', '/cgi-bin/no-such-api', '/v3/no-such-api', '/api/no/such/api', '/nothing']) {
      const viaMsw = await observe(await fetch(`${origin}${path}`));
      const direct = await observe(await sandbox.app.request(path));
      expect(viaMsw, `${origin}${path}`).toEqual(direct);
    }
  });

  it('passes request bodies through untouched (control action over msw)', async () => {
    const res = await fetch(`${LOCAL}/_sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance_seconds: 7200 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ now: START + 7_200_000, iso: '2026-03-01T10:00:00.000Z', frozen: true });
    expect(sandbox.clock.now()).toBe(START + 7_200_000);
  });

  it('shows state arranged with plain calls to HTTP clients, and reset() restores it', async () => {
    sandbox.clock.advance(86_400_000);
    expect((await (await fetch(`${VENDOR_ORIGINS.wechat}/_sandbox/clock`)).json()).iso).toBe('2026-03-02T08:00:00.000Z');
    sandbox.reset();
    expect((await (await fetch(`${VENDOR_ORIGINS.wechat}/_sandbox/clock`)).json()).iso).toBe('2026-03-01T08:00:00.000Z');
  });

  it('lets a test override one route with server.use, until resetHandlers()', async () => {
    server.use(http.post(`${VENDOR_ORIGINS.wechat}/card/code/consume`, () => HttpResponse.json({ errcode: -1, errmsg: 'system error' })));
    const overridden = await fetch(`${VENDOR_ORIGINS.wechat}/card/code/consume?access_token=x`, { method: 'POST', body: '{}' });
    expect(await overridden.json()).toEqual({ errcode: -1, errmsg: 'system error' });
    server.resetHandlers();
    const restored = await observe(await fetch(`${VENDOR_ORIGINS.wechat}/card/code/consume?access_token=x`, { method: 'POST', body: '{}' }));
    expect(restored).toEqual(await observe(await sandbox.app.request('/card/code/consume?access_token=x', { method: 'POST', body: '{}' })));
  });

  it('falls through to the sandbox when an override returns nothing (spying), and { once: true } fails one call only', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${VENDOR_ORIGINS.wechat}/_sandbox/clock`, ({ request }) => {
        seen.push(new URL(request.url).pathname);
      }),
      http.get(`${VENDOR_ORIGINS.wechatpay}/_sandbox/clock`, () => HttpResponse.text('upstream timeout', { status: 504 }), { once: true }),
    );
    expect((await (await fetch(`${VENDOR_ORIGINS.wechat}/_sandbox/clock`)).json()).now).toBe(START);
    expect(seen).toEqual(['/_sandbox/clock']);
    expect((await fetch(`${VENDOR_ORIGINS.wechatpay}/_sandbox/clock`)).status).toBe(504);
    expect((await fetch(`${VENDOR_ORIGINS.wechatpay}/_sandbox/clock`)).status).toBe(200);
  });

  it('can simulate a network failure for one test with HttpResponse.error()', async () => {
    server.use(http.all(`${VENDOR_ORIGINS.wechatpay}/*`, () => HttpResponse.error()));
    await expect(fetch(`${VENDOR_ORIGINS.wechatpay}/v3/marketing/busifavor/stocks`)).rejects.toThrow(TypeError);
  });

  it('reports every request through the msw life-cycle events (request logging)', async () => {
    const log: string[] = [];
    server.events.on('request:start', ({ request }) => log.push(`-> ${request.method} ${request.url}`));
    server.events.on('response:mocked', ({ request, response }) => log.push(`<- ${response.status} ${request.method} ${request.url}`));
    await fetch(`${VENDOR_ORIGINS.waiqin}/_sandbox/clock`);
    expect(log).toEqual([`-> GET ${VENDOR_ORIGINS.waiqin}/_sandbox/clock`, `<- 200 GET ${VENDOR_ORIGINS.waiqin}/_sandbox/clock`]);
  });

  it('refuses requests to hosts it does not handle under onUnhandledRequest: "error" (a typo fails loudly)', async () => {
    const unhandled: string[] = [];
    server.events.on('request:unhandled', ({ request }) => unhandled.push(request.url));
    await expect(fetch('https://api.weixin.qq.co/cgi-bin/token')).rejects.toThrow();
    await expect(fetch('https://openapi-tenant-b.waiqin365.com/api/x')).rejects.toThrow();
    expect(unhandled).toEqual(['https://api.weixin.qq.co/cgi-bin/token', 'https://openapi-tenant-b.waiqin365.com/api/x']);
  });
});

describe('handler sets', () => {
  it('each get their own isolated sandbox unless one is passed in', () => {
    const a = createSandboxHandlers({ startAt: START, frozen: true });
    const b = createSandboxHandlers({ startAt: START, frozen: true });
    const shared = createSandboxHandlers({ sandbox: a.sandbox });
    expect(a.sandbox.clock.now()).toBe(START); // frozen exactly at startAt, not a millisecond later
    a.sandbox.clock.advance(1000);
    expect(b.sandbox.clock.now()).toBe(START);
    expect(shared.sandbox).toBe(a.sandbox);
  });

  it.each([
    ['tenant.waiqin365.com', 'https://tenant.waiqin365.com'],
    ['http://localhost:4010/', 'http://localhost:4010'],
    ['https://Openapi.Example.COM:8443/api', 'https://openapi.example.com:8443'],
  ])('reads origin %s as %s', (input, origin) => {
    expect(toOrigin(input)).toBe(origin);
  });

  it.each(['ftp://tenant.waiqin365.com', 'https://', 'http://a b'])('refuses origin %s at setup', (input) => {
    expect(() => createSandboxHandlers({ waiqinOrigins: [input] })).toThrow(TypeError);
  });
});
