/**
 * One of three built CLI processes on a real redis-server killed with SIGKILL while writes to all
 * three are in flight: the others carry on, and the killed one, started again on the same
 * --store, catches up with the log and answers exactly what they answer.
 */
import { describe, expect, it } from 'vitest';
import { skipRedis } from './redis-server.js';
import { expectNoBugLines, giveCode, newCard, newStock, PAY_APPID, startInstance, U0, type Instance, useCluster } from './support.js';
import { voucher } from '../journal/support.js';

const cluster = useCluster(3, 4);

const SEND = '/v3/marketing/busifavor/coupons/send';

/** The last journal entry of every instance, once they agree (notes of refusals may still be on their way): bounded. */
async function lastEntries(instances: Instance[]): Promise<unknown[]> {
  const until = Date.now() + 3000;
  for (;;) {
    const last = await Promise.all(instances.map(async (i) => (await i.control('GET', '/_sandbox/journal?limit=1')).json.entries[0]));
    if (last.every((e) => JSON.stringify(e) === JSON.stringify(last[0])) || Date.now() > until) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(skipRedis)('an instance killed with writes in flight', () => {
  it('catches up when started again on the same --store: its answers for every code touched equal the others, the same last journal seq', async () => {
    const [a, b, victim] = cluster.instances as [Instance, Instance, Instance];
    const card = await newCard(a, 500);
    const stock = await newStock(b, 'crash');
    const codes = await Promise.all(Array.from({ length: 90 }, (_, i) => giveCode(cluster.instances[i % 3]!, card, `o-crash-${i}`)));
    const now = await a.clockMs();

    // 90 consumes, 60 sends, 30 vouchers, spread over the three instances.
    const answered = { consume: new Set<string>(), send: new Map<string, string>() };
    const writes: Promise<unknown>[] = [];
    const swallow = (p: Promise<void>) => writes.push(p.catch(() => undefined));
    for (let i = 0; i < 90; i++) {
      const on = cluster.instances[i % 3]!;
      swallow(on.wechat('/card/code/consume', { code: codes[i] }).then((r) => void (r.json.errcode === 0 && answered.consume.add(codes[i]!))));
      if (i < 60) {
        const no = `crash-${i}`;
        swallow(
          on
            .pay('POST', SEND, { openid: U0, appid: PAY_APPID, stock_id: stock, out_request_no: no })
            .then((r) => void (r.status === 200 && answered.send.set(no, r.json.coupon_code))),
        );
      }
      if (i < 30) swallow(on.waiqin('addVoucherInfo', voucher(`crash-${i}`, now)).then(() => undefined));
    }
    const count = () => answered.consume.size + answered.send.size;
    while (count() < 20) await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise<void>((resolve) => {
      victim.cli.child.once('exit', () => resolve());
      victim.cli.child.kill('SIGKILL');
    });
    await Promise.all(writes);
    expect(count(), 'some writes were still in flight at the kill').toBeLessThan(150);
    // What the survivors do while it is down reaches it only through the log.
    const late = await giveCode(a, card, 'o-crash-late');
    expect((await b.wechat('/card/code/consume', { code: late })).json.errcode).toBe(0);
    codes.push(late);
    answered.consume.add(late);

    const restarted = await startInstance(cluster.store);
    cluster.extra.push(restarted);
    restarted.useToken(a.token());
    const now3 = [a, b, restarted];
    for (const code of codes) {
      const seen = await Promise.all(now3.map(async (i) => (await i.codeGet(code, card)).json));
      expect(seen[0], code).toMatchObject({ errcode: 0 });
      if (answered.consume.has(code)) expect(seen[0].user_card_status, code).toBe('CONSUMED');
      expect(seen[1], code).toEqual(seen[0]);
      expect(seen[2], code).toEqual(seen[0]);
    }
    // An answered send is there on every instance: the same request number answers the same coupon.
    for (const [no, coupon] of answered.send) {
      for (const i of now3)
        expect((await i.pay('POST', SEND, { openid: U0, appid: PAY_APPID, stock_id: stock, out_request_no: no })).json.coupon_code, no).toBe(coupon);
    }
    const sku = await Promise.all(now3.map(async (i) => (await i.wechat('/card/get', { card_id: card })).json.card.cash.base_info.sku));
    expect(sku).toEqual([sku[0], sku[0], sku[0]]);
    expect(sku[0]).toEqual({ quantity: 500 - 91, total_quantity: 500 });

    const last = (await lastEntries(now3)) as { seq: number }[];
    expect(last[0]!.seq).toBeGreaterThan(200);
    expect(last.map((e) => e.seq)).toEqual([last[0]!.seq, last[0]!.seq, last[0]!.seq]);
    expect(last[1]).toEqual(last[0]);
    expect(last[2]).toEqual(last[0]);
    const health = await Promise.all(now3.map(async (i) => (await i.health()).json.store));
    expect(health.map((h) => h.applied)).toEqual([health[0].applied, health[0].applied, health[0].applied]);
    expect(health.map((h) => h.reachable)).toEqual([true, true, true]);
    expectNoBugLines([a, b, restarted]);
  }, 40_000);
});
