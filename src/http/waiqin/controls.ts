import { order, worldView } from '../../engine/waiqin/back-office.js';
import type { SandboxWaiqinOrderRequest } from '../../types/sandbox/waiqin-order.request.js';
import type { SandboxWaiqinSignRequest } from '../../types/sandbox/waiqin-sign.request.js';
import type { WaiqinState } from '../../engine/waiqin/model.js';
import { WAIQIN_APPKEY, WAIQIN_OPENID } from '../../engine/waiqin/tenant.js';
import { action } from '../../pipeline/control-action.js';
import { schemaId } from '../../schema/registry.js';
import { signWaiqinRequest } from './signer.js';

type S = WaiqinState;

/**
 * waiqin365 control actions under `/_sandbox/waiqin/`: orders that use vouchers (the only way to
 * reach "used"), the seeded world, and a signing helper. Each is also `sandbox.waiqin.<name>(input)`.
 */
export const waiqinControls = {
  placeOrder: action(
    {
      method: 'POST',
      path: '/_sandbox/waiqin/orders',
      summary: 'A customer places an order that uses a voucher holding',
      request: schemaId('sandbox/waiqin-order.request.json'),
      writes: true,
    },
    (s: S, input: SandboxWaiqinOrderRequest, ctx) => order(s, input, ctx.now),
  ),
  world: action(
    { method: 'GET', path: '/_sandbox/waiqin/world', summary: 'The seeded waiqin365 tenant: customers, products, vouchers', writes: false },
    (s: S, _input: unknown, ctx) => worldView(s, ctx.now),
  ),
  sign: action(
    {
      method: 'POST',
      path: '/_sandbox/waiqin/sign',
      summary: 'Sign a voucher request (returns the path with timestamp and digest)',
      request: schemaId('sandbox/waiqin-sign.request.json'),
      writes: false,
    },
    (_s: S, input: SandboxWaiqinSignRequest, ctx) => {
      const signed = signWaiqinRequest({ ...input, openid: WAIQIN_OPENID, appkey: WAIQIN_APPKEY, now: ctx.now });
      return { path: signed.path, timestamp: signed.timestamp, digest: signed.digest, msgId: signed.msgId };
    },
  ),
};
