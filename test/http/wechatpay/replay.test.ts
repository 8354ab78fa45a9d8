import { describe, expect, it } from 'vitest';
import type { WechatPayState } from '../../../src/engine/wechatpay/model.js';
import { signedV3Request } from '../../../src/http/wechatpay/signer.js';
import { APPID, BASE, expectError, MERCHANT, paySandbox, send, SEEDED, U0 } from './support.js';

/**
 * A replayed identical signed request (same nonce, timestamp and body) within the ±300 s window.
 * WeChat Pay documents no nonce bookkeeping for requests: the nonce only makes each signature
 * unpredictable, old requests are refused by their timestamp, and writes are made idempotent by the
 * merchant's request number (out_request_no & co.), whose replay answers the first answer again
 * (api-facts C.1, C.2, C.4). The sandbox does exactly that.
 */
describe('a replayed signed request', () => {
  const sendBody = { stock_id: SEEDED.normal, openid: U0, appid: APPID, out_request_no: 'replay-1' };
  const signed = (timestamp: number) =>
    signedV3Request(MERCHANT, 'POST', `${BASE}/v3/marketing/busifavor/coupons/send`, sendBody, { timestamp, nonce: 'FIXEDNONCE0123456789' });

  it('is accepted again within the window, with the first answer and no second coupon', async () => {
    const { sandbox } = paySandbox({ startAt: Date.now(), frozen: true });
    const coupons = () => sandbox.world.store<WechatPayState>('wechatpay').read((s) => s.coupons.size);
    const before = coupons();
    const now = sandbox.clock.nowSeconds();
    const first = await send(sandbox, await signed(now));
    expect(first.status, first.text).toBe(200);
    sandbox.clock.advance(299_000);
    const again = await send(sandbox, await signed(now));
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(coupons()).toBe(before + 1);
  });

  it('is refused once its timestamp is more than 300 s from both clocks', async () => {
    const { sandbox } = paySandbox({ startAt: Date.now(), frozen: true });
    const stale = await send(sandbox, await signed(Math.floor(Date.now() / 1000) - 301));
    expectError(stale, 'SIGN_ERROR_TIMESTAMP');
  });
});
