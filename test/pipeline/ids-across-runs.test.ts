import { afterEach, describe, expect, it } from 'vitest';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import type { SandboxOptions } from '../../src/options.js';
import type { Sandbox } from '../../src/sandbox.js';
import { cardBody } from '../http/wechat/support.js';
import { stockBody } from '../http/wechatpay/support.js';
import { voucherBody } from '../http/waiqin/support.js';

const START = Date.parse('2026-03-02T10:00:00+08:00');

/** The first ids a run mints: a token and a card over the socket, a stock, a coupon code and a voucher. */
async function firstIds(running: RunningSandbox) {
  const sandbox: Sandbox = running.sandbox;
  const { appid, secret } = sandbox.wechat.credentials();
  const token = (await (await fetch(`${running.url}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json())
    .access_token as string;
  const card = await fetch(`${running.url}/card/create?access_token=${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(cardBody('CASH', {}, { least_cost: 0, reduce_cost: 1 }, START / 1000)),
  });
  const stock = (await sandbox.call('wechatpay.busifavor-create-stock', stockBody({ out_request_no: 'stock-1' }) as never)).stock_id;
  const pay = sandbox.wechatpay.credentials() as { appids: string[]; openids: string[] };
  const coupon = (
    await sandbox.call('wechatpay.busifavor-send-coupon', { stock_id: stock, openid: pay.openids[0]!, appid: pay.appids[0]!, out_request_no: 'send-1' })
  ).coupon_code;
  const added = (await sandbox.call('waiqin.addVoucherInfo', voucherBody({ startDate: '2026-03-02', endDate: '2026-04-30' }) as never)) as {
    response_data: string;
  };
  const voucher = JSON.parse(added.response_data).voucherId as string;
  const ids = { token, card_id: (await card.json()).card_id as string, stock, coupon, voucher };
  for (const [name, id] of Object.entries(ids)) expect(id, name).toMatch(/^\S{8,}$/);
  return ids;
}

const running: RunningSandbox[] = [];
const run = async (options: SandboxOptions) => {
  const r = await serveSandbox({ port: 0, seed: 3, startAt: START, frozen: true, ...options });
  running.push(r);
  return r;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

describe('ids across runs', () => {
  it('mints other ids after a restart, for the same seeded world', async () => {
    const [a, b] = [await run({}), await run({})];
    expect(b.sandbox.credentials()).toEqual(a.sandbox.credentials());
    expect(b.sandbox.wechat.identities()).toEqual(a.sandbox.wechat.identities());
    const [first, second] = [await firstIds(a), await firstIds(b)];
    for (const key of Object.keys(first) as (keyof typeof first)[]) expect(second[key], key).not.toEqual(first[key]);
  });

  it('mints other ids after a reset too', async () => {
    const a = await run({});
    const first = await firstIds(a);
    a.sandbox.reset();
    const second = await firstIds(a);
    expect(second.card_id).not.toBe(first.card_id);
    expect(second.token).not.toBe(first.token);
  });

  it('mints the same ids for a seed when deterministicIds asks for it', async () => {
    const [a, b] = [await run({ deterministicIds: true }), await run({ deterministicIds: true })];
    expect(await firstIds(b)).toEqual(await firstIds(a));
  });
});
