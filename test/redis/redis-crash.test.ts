/**
 * The real redis-server (append-only file, fsync before every reply) killed with SIGKILL while
 * three built CLI processes write through it, then started again on the same port and dir: the
 * instances recover by themselves, and every change any of them acknowledged is still there.
 */
import { describe, expect, it } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { skipRedis } from './redis-server.js';
import { expectNoBugLines, giveCode, healthyWithin, newCard, newStock, PAY_APPID, U0, type Answer, type Instance, useCluster } from './support.js';
import { voucher } from '../journal/support.js';

const cluster = useCluster(3, 5);

const SEND = '/v3/marketing/busifavor/coupons/send';
const system = { wechat: errorEntry('wechat', '-1'), wechatpay: errorEntry('wechatpay', 'SYSTEM_ERROR'), waiqin: errorEntry('waiqin', 'FAILURE') };

/** Whether an answer is the vendor's (or the control's) answer to a store that went away mid-call. */
const outage = {
  wechat: (a: Answer) => a.status === 200 && a.json?.errcode === system.wechat.code && a.json.errmsg.startsWith(`${system.wechat.message} rid: `),
  wechatpay: (a: Answer) => a.status === system.wechatpay.status && a.json?.code === system.wechatpay.code && a.json.message === system.wechatpay.message,
  waiqin: (a: Answer) => a.status === 200 && a.json?.return_code === String(system.waiqin.code) && a.json.return_msg === system.waiqin.message,
  control: (a: Answer) => a.status === 503 && a.json?.error?.code === 'STORE_UNAVAILABLE',
};

describe.skipIf(skipRedis)('Redis killed with SIGKILL and started again on its dir', () => {
  it('every acknowledged write survives and is seen from every instance once they recover by themselves', async () => {
    const all = cluster.instances;
    const on = (i: number) => all[i % 3]!;
    const [a] = all as [Instance];
    const card = await newCard(a, 1000);
    const stock = await newStock(a, 'redis-kill');
    const codes = await Promise.all(Array.from({ length: 60 }, (_, i) => giveCode(on(i), card, `o-rk-${i}`)));
    // Signed for an instant read now: a clock read during the outage would fail too.
    const now = await a.clockMs();
    const tenant = (await a.control('GET', '/_sandbox/credentials')).json.waiqin;

    const acked = { consume: new Set<string>(), give: new Map<string, string>(), send: new Map<string, string>(), voucher: new Set<string>() };
    const refused: string[] = [];
    const writes: Promise<void>[] = [];
    /** Records an acknowledged write; anything else must be the outage's exact answer (the instance itself stays up). */
    const track = (kind: keyof typeof outage, p: Promise<Answer>, ok: (a: Answer) => boolean, record: (a: Answer) => void) =>
      writes.push(
        p.then((answer) => {
          if (ok(answer)) record(answer);
          else if (outage[kind](answer)) refused.push(kind);
          else throw new Error(`neither an acknowledgement nor the outage answer (${kind}): ${answer.status} ${answer.text}`);
        }),
      );
    for (let i = 0; i < 60; i++) {
      const code = codes[i]!;
      track(
        'wechat',
        on(i).wechat('/card/code/consume', { code }),
        (r) => r.json?.errcode === 0,
        () => acked.consume.add(code),
      );
      if (i < 40) {
        const no = `rk-${i}`;
        const body = { openid: U0, appid: PAY_APPID, stock_id: stock, out_request_no: no };
        track(
          'wechatpay',
          on(i + 1).payAt(Math.floor(now / 1000), 'POST', SEND, body),
          (r) => r.status === 200,
          (r) => acked.send.set(no, r.json.coupon_code),
        );
        const openid = `o-rk-new-${i}`;
        const give = on(i + 2).control('POST', '/_sandbox/wechat/give-code', { card_id: card, openid });
        track(
          'control',
          give,
          (r) => r.status === 200,
          (r) => acked.give.set(r.json.code, openid),
        );
      }
      if (i < 20)
        track(
          'waiqin',
          on(i).waiqinAt(tenant, now, 'addVoucherInfo', voucher(`rk-${i}`, now)),
          (r) => r.json?.return_code === '0',
          () => acked.voucher.add(`rk-${i}`),
        );
    }
    const count = () => acked.consume.size + acked.give.size + acked.send.size + acked.voucher.size;
    while (count() < 30) await new Promise((resolve) => setTimeout(resolve, 2));
    await cluster.redis.kill9();
    await Promise.all(writes);
    expect(count() + refused.length).toBe(160);
    expect(refused.length, 'some writes were still in flight at the kill').toBeGreaterThan(0);
    for (const i of all) expect(i.cli.child.exitCode, 'instances keep running').toBeNull();

    await cluster.redis.restart();
    const took = await healthyWithin(all, 15_000);
    expect(took).toBeLessThan(15_000);

    for (const i of all) {
      for (const code of acked.consume) expect((await i.codeGet(code, card)).json, code).toMatchObject({ errcode: 0, user_card_status: 'CONSUMED' });
      for (const [code, openid] of acked.give)
        expect((await i.codeGet(code, card)).json, code).toMatchObject({ errcode: 0, openid, user_card_status: 'NORMAL' });
      for (const [no, coupon] of acked.send) {
        const again = await i.pay('POST', SEND, { openid: U0, appid: PAY_APPID, stock_id: stock, out_request_no: no });
        expect(again.json.coupon_code, no).toBe(coupon);
      }
      const listed = await i.waiqin('getVoucherInfos', { start_create_date: '2000-01-01', end_create_date: '2100-01-01' });
      for (const name of acked.voucher) expect(listed.json.response_data).toContain(`"name":"${name}"`);
    }
    // The instances agree among themselves (refused writes that made it into the log included), and write again.
    const sku = await Promise.all(all.map(async (i) => (await i.wechat('/card/get', { card_id: card })).json.card.cash.base_info.sku));
    expect(sku).toEqual([sku[0], sku[0], sku[0]]);
    expect(1000 - sku[0].quantity).toBeGreaterThanOrEqual(60 + acked.give.size);
    for (let i = 0; i < 3; i++) {
      const code = await giveCode(on(i), card, `o-rk-after-${i}`);
      expect((await on(i + 1).wechat('/card/code/consume', { code })).json.errcode).toBe(0);
    }
    expectNoBugLines(all);
  }, 60_000);
});
