/**
 * Three built CLI processes on one real redis-server send each notification once: one of them
 * holds the delivery lease and sends, and every instance's delivery log shows its attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipRedis } from './redis-server.js';
import { expectNoBugLines, newStock, PAY_APPID, useCluster, sendCoupon } from './support.js';
import { localReceiver, type LocalReceiver } from '../notifications/receiver.js';

const all = useCluster(3, 7).instances;
let receiver: LocalReceiver | undefined;
beforeAll(async () => {
  if (!skipRedis) receiver = await localReceiver();
});
afterAll(() => receiver?.close());

describe.skipIf(skipRedis)('notifications with several instances', () => {
  it('one instance holds the delivery lease; one coupons/send is one COUPON.SEND at the receiver, its attempt in every delivery log', async () => {
    const delivers = await Promise.all(all.map(async (i) => (await i.health()).json.store.delivers as boolean));
    expect(delivers.filter(Boolean)).toHaveLength(1);
    const sender = all[delivers.indexOf(true)]!;
    // The callback set on one instance, the stock on another, the send on one that does not deliver.
    const [setOn, stockOn, sendOn] = [all[(delivers.indexOf(true) + 1) % 3]!, sender, all[(delivers.indexOf(true) + 2) % 3]!];
    const set = await setOn.pay('POST', '/v3/marketing/busifavor/callbacks', { notify_url: receiver!.url });
    expect(set.status, set.text).toBe(200);
    const stock = await newStock(stockOn, 'notify', { notify_config: { notify_appid: PAY_APPID } });
    await sendCoupon(sendOn, stock, 'notify-1');

    const got = await receiver!.nth(1, 10_000);
    expect(got.method).toBe('POST');
    expect(got.target).toBe('/notify');
    expect(JSON.parse(got.body)).toMatchObject({ event_type: 'COUPON.SEND', resource_type: 'encrypt-resource' });
    // Long enough for any other instance's timer to have fired: still one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver!.received).toHaveLength(1);

    // The attempt reaches the others as a note naming the notification by id: every instance must
    // have minted the same id when it applied the send (ids drawn from the log entry's entropy).
    const id = JSON.parse(got.body).id as string;
    const logs = await Promise.all(all.map(async (i) => (await i.control('GET', '/_sandbox/notifications')).json.notifications));
    for (const log of logs) {
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ vendor: 'wechatpay', status: 'delivered', attempts: [{ status: 200 }] });
      expect(JSON.stringify(log[0])).toContain(id);
    }
    expect(logs[1]).toEqual(logs[0]);
    expect(logs[2]).toEqual(logs[0]);
    expectNoBugLines(all);
  }, 20_000);

  it('when the deliverer is killed, another instance takes the lease: it sends what is new once and never again what was delivered', async () => {
    const delivers = await Promise.all(all.map(async (i) => (await i.health()).json.store.delivers as boolean));
    const killed = all[delivers.indexOf(true)]!;
    const rest = all.filter((i) => i !== killed);
    const before = receiver!.received.length;
    await new Promise<void>((resolve) => {
      killed.cli.child.once('exit', () => resolve());
      killed.cli.child.kill('SIGKILL');
    });
    // Its lease runs out (9 s) and one of the others takes it at its next renewal (every 3 s).
    const until = Date.now() + 15_000;
    let now: boolean[] = [];
    while (Date.now() < until) {
      now = await Promise.all(rest.map(async (i) => (await i.health()).json.store.delivers as boolean));
      if (now.some(Boolean)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(now.filter(Boolean)).toHaveLength(1);
    const stock = await newStock(rest[0]!, 'notify-failover', { notify_config: { notify_appid: PAY_APPID } });
    await sendCoupon(rest[1]!, stock, 'notify-2');
    await receiver!.nth(before + 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Exactly one more: the new coupon's, not the one delivered before the kill a second time.
    expect(receiver!.received).toHaveLength(before + 1);
    const ids = receiver!.received.map((r) => JSON.parse(r.body).id as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of rest) {
      const log = (await i.control('GET', '/_sandbox/notifications')).json.notifications;
      expect(log.map((n: { status: string; attempts: unknown[] }) => [n.status, n.attempts.length])).toEqual([
        ['delivered', 1],
        ['delivered', 1],
      ]);
    }
  }, 30_000);
});
