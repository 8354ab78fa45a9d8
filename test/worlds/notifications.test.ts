import { createDecipheriv } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/node.js';
import { localReceiver, type LocalReceiver } from '../notifications/receiver.js';
import { createWorld, json, serveWorlds, v3, type Created } from './support.js';

let server: RunningSandbox;
let receiver: LocalReceiver;
let a: Created;
let b: Created;
beforeAll(async () => {
  server = await serveWorlds();
  receiver = await localReceiver();
  [a, b] = await Promise.all([createWorld(server.url), createWorld(server.url)]);
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

function decrypt(resource: { ciphertext: string; nonce: string; associated_data: string }, apiv3Key: string): any {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiv3Key), Buffer.from(resource.nonce));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data));
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8'));
}

describe('notifications in a created world', () => {
  it("a COUPON.SEND of world A names A's merchant, and only A's delivery log holds it", async () => {
    const pa = a.credentials.wechatpay;
    const set = await v3(server.url, pa, 'POST', '/v3/marketing/busifavor/callbacks', { mchid: pa.mchid, notify_url: receiver.url });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.mchid).toBe(pa.mchid);
    const read = await v3(server.url, pa, 'GET', `/v3/marketing/busifavor/callbacks?mchid=${pa.mchid}`);
    expect(read.body).toEqual({ mchid: pa.mchid, notify_url: receiver.url });

    const stocks = (await json(`${server.url}/_sandbox/wechatpay/stocks?world=${a.id}`)).body.stocks;
    const stock = stocks.find((s: any) => s.stock_state === 'RUNNING' && s.coupon_code_mode === 'WECHATPAY_MODE' && s.belong_merchant === pa.mchid);
    expect(stock, "a running stock of A's merchant").toBeDefined();
    const sent = await v3(server.url, pa, 'POST', '/v3/marketing/busifavor/coupons/send', {
      stock_id: stock.stock_id,
      openid: pa.openids[0],
      appid: pa.appids[0],
      out_request_no: 'world-a-notify-1',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);

    const got = await receiver.nth(1);
    const body = JSON.parse(got.body);
    expect(body.event_type).toBe('COUPON.SEND');
    const plain = decrypt(body.resource, pa.apiv3_key);
    expect(plain).toMatchObject({ coupon_code: sent.body.coupon_code, stock_id: stock.stock_id, send_merchant: pa.mchid });

    const inA = (await json(`${server.url}/_sandbox/notifications?world=${a.id}`)).body.notifications;
    expect(inA.map((n: any) => n.event)).toEqual(['COUPON.SEND']);
    expect((await json(`${server.url}/_sandbox/notifications?world=${b.id}`)).body.notifications).toEqual([]);
    expect((await json(`${server.url}/_sandbox/notifications`)).body.notifications).toEqual([]);
  });
});
