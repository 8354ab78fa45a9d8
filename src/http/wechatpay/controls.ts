import { deleteByUser, moveStock, stockRoles } from '../../engine/wechatpay/back-office.js';
import type { WechatPayState } from '../../engine/wechatpay/model.js';
import type { SandboxWechatpayCouponDeleteRequest } from '../../types/sandbox/wechatpay-coupon-delete.request.js';
import type { SandboxWechatpayFailNextRequest } from '../../types/sandbox/wechatpay-fail-next.request.js';
import type { SandboxWechatpayStockStateRequest } from '../../types/sandbox/wechatpay-stock-state.request.js';
import { StockStateError } from '../../engine/wechatpay/stocks.js';
import { H5LinkError, openH5Link } from '../../engine/wechatpay/h5-link.js';
import { MERCHANTS } from '../../engine/wechatpay/identities.js';
import { merchantAccount } from '../../engine/wechatpay/merchants.js';
import { isErrorKey } from '../../errors/catalogue.js';
import { action } from '../../pipeline/control-action.js';
import { ControlError } from '../../pipeline/control-error.js';
import { schemaId } from '../../schema/registry.js';
import { h5Page } from './h5-page.js';
import { couponReceived, issuedNew } from '../../notifications/coupon-send.js';
import { keyControls } from './key-controls.js';
import { v3Authorization } from './signer.js';

type S = WechatPayState;
const schema = (name: string) => schemaId(`sandbox/wechatpay-${name}.request.json`);

/**
 * `/_sandbox/wechatpay/...`: what WeChat Pay's own back office or the user's wallet does, which no
 * busifavor API can (stock review and pausing, a user deleting a coupon or opening an H5 coupon
 * link, the merchants' keys and certificate rotation), error injection, and a signing helper for
 * clients without an SDK. Each is also `sandbox.wechatpay.<name>(input)`.
 */
export const wechatpayControls = {
  ...keyControls,
  seededStocks: action({ method: 'GET', path: '/_sandbox/wechatpay/stocks', summary: 'The seeded busifavor stocks', writes: false }, (s: S) => ({
    stocks: stockRoles(s),
  })),
  setStockState: action(
    {
      method: 'POST',
      path: '/_sandbox/wechatpay/stocks/:stock_id/state',
      summary: 'Move a stock to another status (review passed, paused, stopped)',
      request: schema('stock-state'),
      writes: true,
    },
    (s: S, input: SandboxWechatpayStockStateRequest & { stock_id: string }, ctx) => {
      try {
        return moveStock(s, input.stock_id, input.state, ctx.now);
      } catch (error) {
        if (error instanceof StockStateError) throw new ControlError(409, 'VENDOR_RULE', error.message);
        throw error;
      }
    },
  ),
  deleteCoupon: action(
    {
      method: 'POST',
      path: '/_sandbox/wechatpay/coupons/:coupon_code/delete',
      summary: 'The user deletes a coupon from the wallet',
      request: schema('coupon-delete'),
      writes: true,
    },
    (s: S, input: SandboxWechatpayCouponDeleteRequest & { coupon_code: string }, ctx) => deleteByUser(s, input.coupon_code, input.stock_id, ctx.now),
  ),
  h5Open: action(
    {
      method: 'POST',
      path: '/_sandbox/wechatpay/h5-open',
      summary: 'A user opens an H5 coupon link: sign, parameters and stock checked, the coupon issued; answers what the page shows',
      request: schema('h5-open'),
      response: schemaId('sandbox/wechatpay-h5-open.response.json'),
      writes: true,
    },
    (s: S, input: { url: string; appid?: string }, ctx) => {
      try {
        const before = s.coupons.size;
        const outcome = openH5Link(s, input.url, input.appid, ctx.now, s.random);
        if (outcome.kind === 'received' && issuedNew(s, before)) couponReceived(ctx.world, s, outcome.coupon, 'H5');
        return h5Page(outcome);
      } catch (error) {
        if (error instanceof H5LinkError) throw new ControlError(400, 'BAD_REQUEST', error.message);
        throw error;
      }
    },
  ),
  failNext: action(
    {
      method: 'POST',
      path: '/_sandbox/wechatpay/fail-next',
      summary: 'Answer the next signed WeChat Pay call with a catalogued error',
      request: schema('fail-next'),
      writes: true,
    },
    // A thin alias of POST /_sandbox/faults: a one-shot vendor_error rule for WeChat Pay.
    (_s: S, input: SandboxWechatpayFailNextRequest, ctx) => {
      if (!isErrorKey('wechatpay', input.error)) throw new ControlError(400, 'BAD_REQUEST', `${input.error} is not a key of the wechatpay error catalogue`);
      const rule = ctx.world.faults.add({ vendor: 'wechatpay', kind: 'vendor_error', error: input.error, count: 1 }, ctx.world.options.seed);
      return { ok: true as const, error: input.error, fault: rule.id };
    },
  ),
  authorization: action(
    {
      method: 'POST',
      path: '/_sandbox/wechatpay/authorization',
      summary: 'Sign a request with a TEST-ONLY merchant key (returns the Authorization header)',
      request: schema('authorization'),
      writes: false,
    },
    async (_s: S, input: { method: string; url: string; body?: string; mchid?: string }) => {
      const account = merchantAccount(input.mchid ?? MERCHANTS.main);
      if (!account) throw new ControlError(404, 'NOT_FOUND', `merchant ${input.mchid} has no API keys in the sandbox`);
      return {
        authorization: await v3Authorization(
          { mchid: account.mchid, serial: account.serial, privateKeyPem: account.privateKeyPem },
          input.method,
          input.url,
          input.body ?? '',
        ),
      };
    },
  ),
};
