import type { Hono } from 'hono';
import { StockStateError } from '../../engine/wechatpay/stocks.js';
import type { StockState } from '../../engine/wechatpay/model.js';
import { TEST_MCHID, TEST_MERCHANT_PRIVATE_KEY, TEST_MERCHANT_SERIAL } from '../../engine/wechatpay/test-keys.js';
import type { Sandbox } from '../../sandbox.js';
import { schemaId } from '../../schema/registry.js';
import { controlBody, ControlError } from '../control.js';
import { v3Authorization } from './signer.js';

const schema = (name: string) => schemaId(`sandbox/wechatpay-${name}.request.json`);

/**
 * `/_sandbox/wechatpay/...`: what WeChat Pay's own back office or the user's wallet does, which no
 * busifavor API can (stock review and pausing, a user deleting a coupon, code upload), error
 * injection, and a signing helper for clients without an SDK.
 */
export function mountWechatpayControl(app: Hono, sandbox: Sandbox): void {
  const engine = sandbox.wechatpay;

  app.get('/_sandbox/wechatpay/stocks', (c) => c.json({ stocks: engine.seededStocks() }));

  app.post('/_sandbox/wechatpay/stocks/:stock_id/state', async (c) => {
    const body = await controlBody<{ state: StockState }>(c, schema('stock-state'));
    try {
      return c.json(engine.setStockState(c.req.param('stock_id'), body.state));
    } catch (error) {
      if (error instanceof StockStateError) throw new ControlError(409, 'VENDOR_RULE', error.message);
      throw error;
    }
  });

  app.post('/_sandbox/wechatpay/stocks/:stock_id/couponcodes', async (c) => {
    const body = await controlBody<{ coupon_codes: string[] }>(c, schema('couponcodes'));
    return c.json(engine.uploadCouponCodes(c.req.param('stock_id'), body.coupon_codes));
  });

  app.post('/_sandbox/wechatpay/coupons/:coupon_code/delete', async (c) => {
    const body = await controlBody<{ stock_id?: string }>(c, schema('coupon-delete'));
    return c.json(engine.deleteCoupon(c.req.param('coupon_code'), body.stock_id));
  });

  app.post('/_sandbox/wechatpay/fail-next', async (c) => {
    const body = await controlBody<{ error: string }>(c, schema('fail-next'));
    try {
      engine.failNext(body.error);
    } catch {
      throw new ControlError(400, 'BAD_REQUEST', `${body.error} is not a key of the wechatpay error catalogue`);
    }
    return c.json({ ok: true, error: body.error });
  });

  app.post('/_sandbox/wechatpay/authorization', async (c) => {
    const body = await controlBody<{ method: string; url: string; body?: string }>(c, schema('authorization'));
    const authorization = await v3Authorization(
      { mchid: TEST_MCHID, serial: TEST_MERCHANT_SERIAL, privateKeyPem: TEST_MERCHANT_PRIVATE_KEY },
      body.method,
      body.url,
      body.body ?? '',
    );
    return c.json({ authorization });
  });
}
