import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupSandboxServer } from '../../mocks/node.js';
import { VENDOR_ORIGINS } from '../../mocks/index.js';
import { APPID, SEEDED, T0, U0 } from '../http/wechatpay/support.js';

// The sandbox under msw, and the merchant's receiver as one more msw handler: a COUPON.SEND goes
// out through fetch, so the same server catches it in-process, no socket.
const { server, sandbox } = setupSandboxServer({ startAt: T0, frozen: true });
const caught: { headers: Headers; body: string }[] = [];
server.use(
  http.post('https://merchant.example/wechatpay/notify', async ({ request }) => {
    caught.push({ headers: request.headers, body: await request.text() });
    return new HttpResponse(null, { status: 204 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('notifications under msw', () => {
  it('a receiver handler catches the COUPON.SEND of a send made through the msw-served API', async () => {
    expect(VENDOR_ORIGINS.wechatpay).toMatch(/^https:\/\/api\.mch\.weixin\.qq\.com/);
    await sandbox.call('wechatpay.busifavor-set-callbacks', { notify_url: 'https://merchant.example/wechatpay/notify' });
    await sandbox.call('wechatpay.busifavor-send-coupon', { openid: U0, appid: APPID, stock_id: SEEDED.normal, out_request_no: 'msw-1' });
    await sandbox.world.notifications.deliverNow();
    expect(caught).toHaveLength(1);
    expect(JSON.parse(caught[0]!.body)).toMatchObject({ event_type: 'COUPON.SEND', resource: { algorithm: 'AEAD_AES_256_GCM' } });
    expect(caught[0]!.headers.get('wechatpay-signature-type')).toBe('WECHATPAY2-SHA256-RSA2048');
    expect(sandbox.world.notifications.list()[0]).toMatchObject({ status: 'delivered', attempts: [{ status: 204 }] });
  });
});
