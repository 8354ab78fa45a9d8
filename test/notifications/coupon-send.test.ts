import { createDecipheriv, createPublicKey, verify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as keys from '../../src/engine/wechatpay/test-keys.js';
import { signedV3Request } from '../../src/http/wechatpay/signer.js';
import type { RunningSandbox } from '../../src/node.js';
import { APPID, MERCHANT, SEEDED, U0, expectError, serveStrict, stockBody } from '../http/wechatpay/support.js';
import { localReceiver, type LocalReceiver } from './receiver.js';

/** Independent checks of a COUPON.SEND with node:crypto only. */
function verifyV3Callback(headers: Record<string, string>, body: string, publicKeyPem: string): boolean {
  const message = `${headers['wechatpay-timestamp']}\n${headers['wechatpay-nonce']}\n${body}\n`;
  return verify('sha256', Buffer.from(message), createPublicKey(publicKeyPem), Buffer.from(headers['wechatpay-signature'] ?? '', 'base64'));
}

function decryptResource(resource: { ciphertext: string; nonce: string; associated_data: string }, apiv3Key: string): any {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiv3Key), Buffer.from(resource.nonce));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data));
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8'));
}

let server: RunningSandbox | undefined;
let receiver: LocalReceiver | undefined;
afterEach(async () => {
  await server?.close();
  await receiver?.close();
  server = receiver = undefined;
});

const v3 = async (method: string, path: string, body?: unknown) => {
  const request = await signedV3Request(MERCHANT, method, `${server!.url}${path}`, body, { timestamp: server!.sandbox.clock.nowSeconds() });
  const res = await fetch(request);
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
};

describe('COUPON.SEND over real sockets', () => {
  it('sets and reads the notify URL, signed like every v3 call', async () => {
    server = await serveStrict();
    const set = await v3('POST', '/v3/marketing/busifavor/callbacks', { mchid: keys.TEST_MCHID, notify_url: 'https://merchant.example/notify' });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ update_time: '2026-03-02T10:00:00+08:00', notify_url: 'https://merchant.example/notify', mchid: keys.TEST_MCHID });
    const read = await v3('GET', `/v3/marketing/busifavor/callbacks?mchid=${keys.TEST_MCHID}`);
    expect(read.json).toEqual({ mchid: keys.TEST_MCHID, notify_url: 'https://merchant.example/notify' });
  });

  it("refuses another merchant's mchid and a notify URL with a query string, in the vendor's words", async () => {
    server = await serveStrict();
    const other = await v3('POST', '/v3/marketing/busifavor/callbacks', { mchid: '1900000001', notify_url: 'https://merchant.example/notify' });
    expectError({ ...other, headers: new Headers(), text: '' }, 'PARAM_ERROR_MCHID_MISMATCH');
    const query = await v3('POST', '/v3/marketing/busifavor/callbacks', { notify_url: 'https://merchant.example/notify?x=1' });
    expectError({ ...query, headers: new Headers(), text: '' }, 'PARAM_ERROR');
    expect(query.json.detail).toMatchObject({ field: 'notify_url', location: 'body' });
    const unsigned = await fetch(`${server.url}/v3/marketing/busifavor/callbacks`);
    expect(unsigned.status).toBe(401);
  });

  it('delivers a signed, encrypted COUPON.SEND after a send; node:crypto verifies it and decrypts fields that match the coupon', async () => {
    server = await serveStrict();
    receiver = await localReceiver();
    await v3('POST', '/v3/marketing/busifavor/callbacks', { notify_url: receiver.url });
    const stock = await v3('POST', '/v3/marketing/busifavor/stocks', stockBody({ notify_config: { notify_appid: APPID } }));
    const sent = await v3('POST', '/v3/marketing/busifavor/coupons/send', {
      openid: U0,
      appid: APPID,
      stock_id: stock.json.stock_id,
      out_request_no: 'send-1',
    });
    expect(sent.status).toBe(200);

    const got = await receiver.nth(1);
    expect(got.method).toBe('POST');
    expect(got.target).toBe('/notify');
    expect(got.headers['wechatpay-serial']).toBe(keys.TEST_PLATFORM_SERIAL);
    expect(got.headers['wechatpay-signature-type']).toBe('WECHATPAY2-SHA256-RSA2048');
    expect(got.headers['request-id']).toMatch(/^[0-9A-F]{40}-0$/);
    expect(Math.abs(Number(got.headers['wechatpay-timestamp']) - Date.now() / 1000)).toBeLessThan(300);
    expect(verifyV3Callback(got.headers, got.body, keys.TEST_PLATFORM_PUBLIC_KEY)).toBe(true);

    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      create_time: '2026-03-02T10:00:00+08:00',
      resource_type: 'encrypt-resource',
      event_type: 'COUPON.SEND',
      summary: '商家券领券通知',
      resource: { original_type: 'coupon', algorithm: 'AEAD_AES_256_GCM', associated_data: 'coupon' },
    });
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(body.resource.nonce).toHaveLength(12);
    expect(decryptResource(body.resource, keys.TEST_APIV3_KEY)).toEqual({
      event_type: 'EVENT_TYPE_BUSICOUPON_SEND',
      coupon_code: sent.json.coupon_code,
      stock_id: stock.json.stock_id,
      send_time: '2026-03-02T10:00:00+08:00',
      openid: U0,
      send_channel: 'BUSICOUPON_SEND_CHANNEL_API',
      send_merchant: keys.TEST_MCHID,
    });
    expect(await (await fetch(`${server.url}/_sandbox/notifications/deliver`, { method: 'POST' })).json()).toEqual({ ok: true, pending: 0 });
    const log = await (await fetch(`${server.url}/_sandbox/notifications?vendor=wechatpay`)).json();
    expect(log.notifications).toHaveLength(1);
    expect(log.notifications[0]).toMatchObject({
      id: body.id,
      vendor: 'wechatpay',
      event: 'COUPON.SEND',
      status: 'delivered',
      url: receiver.url,
      next_attempt_at: null,
    });
    expect(log.notifications[0].attempts[0]).toMatchObject({ url: receiver.url, status: 200, error: null, request: { body: got.body } });
  });

  it('sends nothing for an idempotent replay of the same send, nor for merchants without a notify URL', async () => {
    server = await serveStrict();
    receiver = await localReceiver();
    const send = { openid: U0, appid: APPID, stock_id: SEEDED.normal, out_request_no: 'replayed-1' };
    await v3('POST', '/v3/marketing/busifavor/coupons/send', send);
    await v3('POST', '/v3/marketing/busifavor/callbacks', { notify_url: receiver.url });
    await v3('POST', '/v3/marketing/busifavor/coupons/send', send);
    await server.sandbox.world.notifications.deliverNow();
    expect(receiver.received).toHaveLength(0);
    await v3('POST', '/v3/marketing/busifavor/coupons/send', { ...send, out_request_no: 'fresh-1' });
    const got = await receiver.nth(1);
    // A stock without notify_config.notify_appid: no openid in the plaintext.
    expect(decryptResource(JSON.parse(got.body).resource, keys.TEST_APIV3_KEY)).not.toHaveProperty('openid');
  });

  it('retries a receiver that answers 500 when the clock advances, with the same id, every 60 s, 11 attempts in all', async () => {
    server = await serveStrict();
    receiver = await localReceiver(() => ({ status: 500, body: '{"code":"FAIL","message":"失败"}' }));
    await v3('POST', '/v3/marketing/busifavor/callbacks', { notify_url: receiver.url });
    await v3('POST', '/v3/marketing/busifavor/coupons/send', { openid: U0, appid: APPID, stock_id: SEEDED.normal, out_request_no: 'retry-1' });
    const first = await receiver.nth(1);
    await server.sandbox.world.notifications.deliverNow();
    const clock = (body: unknown) =>
      fetch(`${server!.url}/_sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await clock({ advance_seconds: 59 });
    expect(receiver.received).toHaveLength(1);
    await clock({ advance_seconds: 1 });
    expect(receiver.received).toHaveLength(2);
    const second = receiver.received[1]!;
    expect(JSON.parse(second.body).id).toBe(JSON.parse(first.body).id);
    expect(verifyV3Callback(second.headers, second.body, keys.TEST_PLATFORM_PUBLIC_KEY)).toBe(true);
    await clock({ advance_seconds: 3600 });
    expect(receiver.received).toHaveLength(11);
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
    const [n] = (await (await fetch(`${server.url}/_sandbox/notifications?status=failed`)).json()).notifications;
    expect(n.attempts.map((a: any) => a.at)).toEqual(Array.from({ length: 11 }, (_, i) => `2026-03-02T10:${String(i).padStart(2, '0')}:00+08:00`));
    expect(n.next_attempt_at).toBeNull();
  });
});
