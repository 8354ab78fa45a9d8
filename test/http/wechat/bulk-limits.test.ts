import { afterEach, describe, expect, it } from 'vitest';
import { BULK_LIMITS, processBulkCodeCount } from '../../../src/engine/wechat/bulk.js';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';
import type { SandboxOptions } from '../../../src/options.js';

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function served(options: SandboxOptions = {}) {
  const r = await serveSandbox({ port: 0, empty: true, ...options });
  running.push(r);
  const bulk = async (body: unknown) => {
    const res = await fetch(`${r.url}/_sandbox/wechat/bulk-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  };
  const identities = async () => (await fetch(`${r.url}/_sandbox/wechat/identities`)).text();
  return { r, bulk, identities };
}

const refused45031 = {
  error: {
    code: 'VENDOR_RULE',
    message: `wechat rule refused the action: ${errorEntry('wechat', '45031').message}`,
    vendor_error: { vendor: 'wechat', code: errorEntry('wechat', '45031').code, message: errorEntry('wechat', '45031').message },
  },
};

describe('bulk-codes limits', () => {
  it(`refuses more than ${BULK_LIMITS.perCall} codes in one call (400), so no call blocks the event loop for seconds`, async () => {
    const { bulk, identities } = await served();
    const before = await identities();
    const r = await bulk({ count: BULK_LIMITS.perCall + 1 });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('BAD_REQUEST');
    expect(await identities()).toBe(before);
  });

  it('refuses a call that would take the app past its cap with 45031, creating neither card nor codes', async () => {
    const { bulk, identities } = await served({ bulkCodeLimits: { perApp: 5000 } });
    expect((await bulk({ count: 3000 })).status).toBe(200);
    const before = await identities();
    const refused = await bulk({ count: 3000 });
    expect(refused).toEqual({ status: 409, json: refused45031 });
    expect(await identities()).toBe(before);
    // Filling an existing card counts against the same app.
    const card = JSON.parse(before).apps[0].cards[0].card_id;
    expect((await bulk({ card_id: card, count: 2001 })).json).toEqual(refused45031);
    const ok = await bulk({ count: 2000 });
    expect(ok.json.total_codes).toBe(5000);
    // The other app has its own cap.
    expect((await bulk({ appid: JSON.parse(before).apps[1].appid, count: 5000 })).status).toBe(200);
  });

  it("refuses beyond the process cap across worlds, and a reset gives the world's share back", async () => {
    const held = processBulkCodeCount();
    const limits = { perProcess: held + 4000 };
    const one = await served({ bulkCodeLimits: limits });
    const two = await served({ bulkCodeLimits: limits });
    expect((await one.bulk({ count: 3000 })).status).toBe(200);
    expect((await two.bulk({ count: 1001 })).json).toEqual(refused45031);
    expect((await two.bulk({ count: 1000 })).status).toBe(200);
    expect(processBulkCodeCount()).toBe(held + 4000);
    await fetch(`${one.r.url}/_sandbox/reset`, { method: 'POST' });
    expect(processBulkCodeCount()).toBe(held + 1000);
    expect((await two.bulk({ count: 3000 })).status).toBe(200);
  });
});
