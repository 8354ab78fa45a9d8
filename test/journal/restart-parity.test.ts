import { describe, expect, it } from 'vitest';
import { bigStock, client, freshDir, PAY_APPID, startOn, U0, voucher } from './support.js';

type Client = ReturnType<typeof client>;
const START = ['--start-at', '2026-03-02T10:00:00+08:00', '--frozen'];

/** Ids minted afresh per run, and per-request traces: what may differ between the two runs. */
const normalise = (text: string) => text.replace(/ rid: [0-9a-f-]+/g, ' rid: *').replace(/"msg_id":"[^"]*"/g, '"msg_id":"*"');

/** A scripted sequence of 100 operations over the three vendors and the control surface. */
function script(): ((c: Client, memo: Map<string, string>) => Promise<string>)[] {
  const steps: ((c: Client, memo: Map<string, string>) => Promise<string>)[] = [];
  steps.push(async (c, memo) => {
    const stock = await c.pay('POST', '/v3/marketing/busifavor/stocks', bigStock('parity', await c.clockMs()));
    memo.set('stock', stock.json.stock_id);
    memo.set('card', (await c.control('GET', '/_sandbox/wechat/identities')).json.apps[0].cards[0].card_id);
    return stock.text;
  });
  for (let i = 1; steps.length < 100; i++) {
    steps.push(async (c, memo) => {
      const given = await c.control('POST', '/_sandbox/wechat/give-code', { card_id: memo.get('card'), openid: `o-parity-${i}` });
      memo.set('code', given.json.code);
      return given.text;
    });
    steps.push(async (c, memo) => (await c.wechat('/card/code/consume', { code: memo.get('code') })).text);
    steps.push(async (c, memo) => (await c.wechat('/card/code/consume', { code: memo.get('code') })).text); // 40099
    steps.push(async (c, memo) => {
      const sent = await c.pay('POST', '/v3/marketing/busifavor/coupons/send', {
        openid: U0,
        appid: PAY_APPID,
        stock_id: memo.get('stock'),
        out_request_no: `p-${i}`,
      });
      memo.set('coupon', sent.json.coupon_code);
      return sent.text;
    });
    steps.push(async (c, memo) => (await c.pay('GET', `/v3/marketing/busifavor/users/${U0}/coupons/${memo.get('coupon')}/appids/${PAY_APPID}`)).text);
    steps.push(async (c) => (await c.waiqin('addVoucherInfo', voucher(`parity-${i}`, await c.clockMs()))).text);
    steps.push(async (c) => (await c.control('POST', '/_sandbox/clock', { advance_seconds: 61 })).text);
    steps.push(async (c) => (await c.control('GET', '/_sandbox/journal?limit=3')).text);
    if (i === 2) steps.push(async (c) => (await c.control('POST', '/_sandbox/snapshots', { name: 'early' })).text);
    if (i === 8) steps.push(async (c) => (await c.control('POST', '/_sandbox/snapshots/early/restore')).text);
    steps.push(async (c) => (await c.wechat('/card/code/get', { code: '999999999999' })).text); // 40056
  }
  return steps.slice(0, 100);
}

describe('a restarted sandbox answers like one that never stopped', () => {
  it('gives the same answers, byte for byte, to a scripted sequence of 100 operations split by a kill -9', async () => {
    const steps = script();
    const run = async (restartAt: number | undefined): Promise<string[]> => {
      const dir = freshDir();
      let cli = await startOn(dir, START);
      let c = client(cli.url);
      const memo = new Map<string, string>();
      const answers: string[] = [];
      try {
        for (const [n, step] of steps.entries()) {
          if (n === restartAt) {
            await new Promise<void>((done) => {
              cli.child.once('exit', () => done());
              cli.child.kill('SIGKILL');
            });
            cli = await startOn(dir, START);
            const token = c.token();
            c = client(cli.url);
            c.useToken(token);
          }
          answers.push(normalise(await step(c, memo)));
        }
      } finally {
        await cli.stop();
      }
      return answers;
    };
    const [straight, restarted] = [await run(undefined), await run(50)];
    expect(straight).toHaveLength(100);
    for (let n = 0; n < 100; n++) expect(restarted[n], `operation ${n}`).toBe(straight[n]);
    // The sequence really wrote: codes consumed, refusals with rids, coupons, vouchers, restores.
    expect(straight.filter((a) => a.includes('this code has consumed')).length).toBeGreaterThanOrEqual(10);
    expect(straight.some((a) => a.includes('"name":"early"'))).toBe(true);
  }, 90_000);
});
