import { deleteByUser, moveStock, stockRoles, uploadCodes } from '../../engine/wechatpay/back-office.js';
import type { WechatPayState } from '../../engine/wechatpay/model.js';
import type { SandboxWechatpayAuthorizationRequest } from '../../types/sandbox/wechatpay-authorization.request.js';
import type { SandboxWechatpayCouponCodesRequest } from '../../types/sandbox/wechatpay-couponcodes.request.js';
import type { SandboxWechatpayCouponDeleteRequest } from '../../types/sandbox/wechatpay-coupon-delete.request.js';
import type { SandboxWechatpayFailNextRequest } from '../../types/sandbox/wechatpay-fail-next.request.js';
import type { SandboxWechatpayStockStateRequest } from '../../types/sandbox/wechatpay-stock-state.request.js';
import { StockStateError } from '../../engine/wechatpay/stocks.js';
import { TEST_MCHID, TEST_MERCHANT_PRIVATE_KEY, TEST_MERCHANT_SERIAL } from '../../engine/wechatpay/test-keys.js';
import { isErrorKey } from '../../errors/catalogue.js';
import { action } from '../../pipeline/control-action.js';
import { ControlError } from '../../pipeline/control-error.js';
import { schemaId } from '../../schema/registry.js';
import { v3Authorization } from './signer.js';

type S = WechatPayState;
const schema = (name: string) => schemaId(`sandbox/wechatpay-${name}.request.json`);

/**
 * `/_sandbox/wechatpay/...`: what WeChat Pay's own back office or the user's wallet does, which no
 * busifavor API can (stock review and pausing, a user deleting a coupon, code upload), error
 * injection, and a signing helper for clients without an SDK. Each is also `sandbox.wechatpay.<name>(input)`.
 */
export const wechatpayControls = {
  seededStocks: action(
    { method: 'GET', path: '/_sandbox/wechatpay/stocks', summary: 'The seeded busifavor stocks', writes: false },
    (s: S) => ({ stocks: stockRoles(s) }),
  ),
  setStockState: action(
    { method: 'POST', path: '/_sandbox/wechatpay/stocks/:stock_id/state', summary: 'Move a stock to another status (review passed, paused, stopped)', request: schema('stock-state'), writes: true },
    (s: S, input: SandboxWechatpayStockStateRequest & { stock_id: string }, ctx) => {
      try {
        return moveStock(s, input.stock_id, input.state, ctx.now);
      } catch (error) {
        if (error instanceof StockStateError) throw new ControlError(409, 'VENDOR_RULE', error.message);
        throw error;
      }
    },
  ),
  uploadCouponCodes: action(
    { method: 'POST', path: '/_sandbox/wechatpay/stocks/:stock_id/couponcodes', summary: 'Upload coupon codes to a MERCHANT_UPLOAD stock', request: schema('couponcodes'), writes: true },
    (s: S, input: SandboxWechatpayCouponCodesRequest & { stock_id: string }, ctx) => uploadCodes(s, input.stock_id, input.coupon_codes, ctx.now),
  ),
  deleteCoupon: action(
    { method: 'POST', path: '/_sandbox/wechatpay/coupons/:coupon_code/delete', summary: 'The user deletes a coupon from the wallet', request: schema('coupon-delete'), writes: true },
    (s: S, input: SandboxWechatpayCouponDeleteRequest & { coupon_code: string }, ctx) => deleteByUser(s, input.coupon_code, input.stock_id, ctx.now),
  ),
  failNext: action(
    { method: 'POST', path: '/_sandbox/wechatpay/fail-next', summary: 'Answer the next signed WeChat Pay call with a catalogued error', request: schema('fail-next'), writes: true },
    // A thin alias of POST /_sandbox/faults: a one-shot vendor_error rule for WeChat Pay.
    (_s: S, input: SandboxWechatpayFailNextRequest, ctx) => {
      if (!isErrorKey('wechatpay', input.error)) throw new ControlError(400, 'BAD_REQUEST', `${input.error} is not a key of the wechatpay error catalogue`);
      const rule = ctx.world.faults.add({ vendor: 'wechatpay', kind: 'vendor_error', error: input.error, count: 1 }, ctx.world.options.seed);
      return { ok: true as const, error: input.error, fault: rule.id };
    },
  ),
  authorization: action(
    { method: 'POST', path: '/_sandbox/wechatpay/authorization', summary: 'Sign a request with the TEST-ONLY merchant key (returns the Authorization header)', request: schema('authorization'), writes: false },
    async (_s: S, input: SandboxWechatpayAuthorizationRequest) => ({
      authorization: await v3Authorization({ mchid: TEST_MCHID, serial: TEST_MERCHANT_SERIAL, privateKeyPem: TEST_MERCHANT_PRIVATE_KEY }, input.method, input.url, input.body ?? ''),
    }),
  ),
};
