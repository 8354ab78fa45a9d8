import { afterEach, describe, expect, it } from 'vitest';
import { signedV3Request } from '../../src/http/wechatpay/signer.js';
import { openSandbox, type RunningSandbox } from '../../src/node.js';
import { APPID, MERCHANT, SEEDED, T0, U0 } from '../http/wechatpay/support.js';
import { localReceiver, type LocalReceiver } from '../notifications/receiver.js';
import { freshDir } from './support.js';

let server: RunningSandbox | undefined;
let receiver: LocalReceiver | undefined;
afterEach(async () => {
  await server?.close();
  await receiver?.close();
  server = receiver = undefined;
});

const open = (dataDir: string) => openSandbox({ port: 0, dataDir, startAt: T0, frozen: true, validateResponses: true });

async function v3(method: string, path: string, body?: unknown) {
  const request = await signedV3Request(MERCHANT, method, `${server!.url}${path}`, body, { timestamp: server!.sandbox.clock.nowSeconds() });
  const res = await fetch(request);
  return { status: res.status, text: await res.text() };
}

const log = async () => (await (await fetch(`${server!.url}/_sandbox/notifications`)).json()).notifications as any[];

describe('deliveries are state: the outbox survives a restart on the same data dir', () => {
  it('keeps each notification, its id and attempts, sends nothing twice, and retries on schedule after the restart', async () => {
    const dir = freshDir();
    receiver = await localReceiver(() => ({ status: 500, body: '{"code":"FAIL","message":"失败"}' }));
    server = await open(dir);
    expect((await v3('POST', '/v3/marketing/busifavor/callbacks', { notify_url: receiver.url })).status).toBe(200);
    const sent = await v3('POST', '/v3/marketing/busifavor/coupons/send', { openid: U0, appid: APPID, stock_id: SEEDED.normal, out_request_no: 'restart-1' });
    expect(sent.status, sent.text).toBe(200);
    const first = await receiver.nth(1);
    await server.sandbox.world.notifications.deliverNow();
    const before = await log();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ status: 'pending', attempts: [{ status: 500 }] });
    await server.close();

    server = await open(dir);
    // The same log: one notification (replaying coupons/send created none), its one attempt.
    expect(await log()).toEqual(before);
    await server.sandbox.world.notifications.deliverNow();
    expect(receiver.received).toHaveLength(1);
    // The retry falls due 60 s after the first attempt, on the sandbox clock, with the same id.
    await fetch(`${server.url}/_sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance_seconds: 60 }),
    });
    expect(receiver.received).toHaveLength(2);
    expect(JSON.parse(receiver.received[1]!.body).id).toBe(JSON.parse(first.body).id);
    const after = await log();
    expect(after).toHaveLength(1);
    expect(after[0].attempts).toHaveLength(2);
  });
});
