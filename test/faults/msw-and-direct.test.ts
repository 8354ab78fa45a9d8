/**
 * The same fault rules under msw (socket kinds become a rejected fetch) and for direct calls
 * (`sandbox.call` rejects with the vendor error, or a SandboxFaultError for a socket kind).
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxHandlers } from '../../mocks/index.js';
import { VendorError } from '../../src/engine/vendor-error.js';
import { SandboxFaultError } from '../../src/faults/fault-error.js';
import { createSandbox } from '../../src/sandbox.js';

const { handlers, sandbox } = createSandboxHandlers({ seed: 7 });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => sandbox.reset());

const WX = 'https://api.weixin.qq.com';
async function token(): Promise<string> {
  const { appid, secret } = sandbox.wechat.credentials();
  return ((await (await fetch(`${WX}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json()) as { access_token: string })
    .access_token;
}
const code = (s = sandbox) => s.wechat.giveCode({ card_id: s.wechat.identities().apps[0]!.cards[0]!.card_id, openid: 'o-msw' }).code;

describe('under msw', () => {
  it('answers a vendor_error rule in the vendor envelope, then recovers', async () => {
    const t = await token();
    const c = code();
    await fetch(`${WX}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ operation: 'wechat.code-consume', kind: 'vendor_error', error: 45009, count: 1 }),
    });
    const consume = async () =>
      ((await (await fetch(`${WX}/card/code/consume?access_token=${t}`, { method: 'POST', body: JSON.stringify({ code: c }) })).json()) as { errcode: number })
        .errcode;
    expect(await consume()).toBe(45009);
    expect(await consume()).toBe(0);
  });

  it('turns connection_reset and timeout_after_commit into a rejected fetch', async () => {
    const t = await token();
    const c = code();
    await expect(
      fetch(`${WX}/card/code/get?access_token=${t}`, { method: 'POST', headers: { 'X-Sandbox-Fault': 'connection_reset' }, body: JSON.stringify({ code: c }) }),
    ).rejects.toThrow();
    await expect(
      fetch(`${WX}/card/code/consume?access_token=${t}`, {
        method: 'POST',
        headers: { 'X-Sandbox-Fault': 'timeout_after_commit=20' },
        body: JSON.stringify({ code: c }),
      }),
    ).rejects.toThrow();
    // The consume was applied before the answer was lost.
    const again = (await (await fetch(`${WX}/card/code/consume?access_token=${t}`, { method: 'POST', body: JSON.stringify({ code: c }) })).json()) as {
      errcode: number;
    };
    expect(again.errcode).toBe(40099);
  });
});

describe('direct calls', () => {
  it('rejects with the vendor error, waits the latency, and rejects a socket kind after applying it', async () => {
    const direct = createSandbox({ seed: 7 });
    const c = code(direct);
    direct.world.faults.add({ vendor: 'wechat', kind: 'vendor_error', error: '-1', count: 1 }, 0);
    await expect(direct.call('wechat.code-consume', { code: c })).rejects.toSatisfy((e) => e instanceof VendorError && e.key === '-1');
    direct.world.faults.clear();
    direct.world.faults.add({ vendor: 'wechat', kind: 'latency', ms: 60, count: 1 }, 0);
    const started = performance.now();
    await direct.call('wechat.code-get', { code: c });
    expect(performance.now() - started).toBeGreaterThanOrEqual(48);
    direct.world.faults.add({ vendor: 'wechat', kind: 'timeout_after_commit', hold_ms: 0, count: 1 }, 0);
    await expect(direct.call('wechat.code-consume', { code: c })).rejects.toSatisfy((e) => e instanceof SandboxFaultError && e.committed);
    await expect(direct.call('wechat.code-consume', { code: c })).rejects.toSatisfy((e) => e instanceof VendorError && e.key === '40099');
  });

  it('falls back in-process (app.fetch without a transport) to a 504/502 with X-Sandbox-Fault-Applied', async () => {
    const direct = createSandbox({ seed: 7, lenientAuth: true });
    const res = await direct.app.request('/v3/certificates', { headers: { 'X-Sandbox-Fault': 'timeout_after_commit=0' } });
    expect(res.status).toBe(504);
    expect(res.headers.get('x-sandbox-fault-applied')).toBe('timeout_after_commit');
    const bad = await direct.app.request('/v3/certificates', { headers: { 'X-Sandbox-Fault': 'nonsense' } });
    expect(bad.status).toBe(400);
  });
});
