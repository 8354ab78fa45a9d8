import { describe, expect, it } from 'vitest';
import type { WechatPayState } from '../../../src/engine/wechatpay/model.js';
import { APPID, paySandbox, stockBody, U0 } from './support.js';

describe("a user's wallet index", () => {
  it('grows in place when a coupon is sent: a send does not copy the wallet', async () => {
    const { sandbox, call } = paySandbox();
    const stock = (await call('POST', '/v3/marketing/busifavor/stocks', stockBody({ stock_send_rule: { max_coupons: 100, max_coupons_per_user: 50 } }))).json
      .stock_id as string;
    const wallet = () => sandbox.world.store<WechatPayState>('wechatpay').read((s) => s.byUser.get(U0));
    const sendOne = async (n: number) => {
      const r = await call('POST', '/v3/marketing/busifavor/coupons/send', { stock_id: stock, openid: U0, appid: APPID, out_request_no: `send-${n}` });
      expect(r.status, r.text).toBe(200);
    };
    await sendOne(0);
    const index = wallet();
    const length = index!.length;
    for (let n = 1; n <= 10; n++) await sendOne(n);
    expect(wallet()).toBe(index);
    expect(index).toHaveLength(length + 10);
  });
});
