import type { Hono } from 'hono';
import type { OrderInput } from '../../engine/waiqin/holdings.js';
import type { Sandbox } from '../../sandbox.js';
import { schemaId } from '../../schema/registry.js';
import { controlBody } from '../control.js';
import { signWaiqinRequest } from './signer.js';

/**
 * waiqin365 control routes under `/_sandbox/waiqin/`: orders that use vouchers (the only way to
 * reach "used"), the seeded world, and a signing helper.
 */
export function mountWaiqinControl(app: Hono, sandbox: Sandbox): void {
  app.post('/_sandbox/waiqin/orders', async (c) => {
    const body = await controlBody<OrderInput>(c, schemaId('sandbox/waiqin-order.request.json'));
    return c.json(sandbox.waiqin.placeOrder(body));
  });

  app.get('/_sandbox/waiqin/world', (c) => c.json(sandbox.waiqin.world()));

  app.post('/_sandbox/waiqin/sign', async (c) => {
    const body = await controlBody<{ method: string; body: string; timestamp?: string; msgId?: string }>(
      c,
      schemaId('sandbox/waiqin-sign.request.json'),
    );
    const creds = sandbox.waiqin.credentials() as { openid: string; appkey: string };
    const signed = signWaiqinRequest({ ...body, openid: creds.openid, appkey: creds.appkey, now: sandbox.clock.now() });
    return c.json({ path: signed.path, timestamp: signed.timestamp, digest: signed.digest, msgId: signed.msgId });
  });
}
