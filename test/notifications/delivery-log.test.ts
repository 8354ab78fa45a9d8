import { describe, expect, it } from 'vitest';
import { TEST_MIGRATING_MERCHANT } from '../../src/engine/wechatpay/test-keys-merchants.js';
import { TEST_PUBLIC_KEY_OF_MIGRATING_MERCHANT } from '../../src/engine/wechatpay/test-keys-public.js';
import { TEST_MIGRATING_PLATFORM } from '../../src/engine/wechatpay/test-keys-platform.js';
import * as keys from '../../src/engine/wechatpay/test-keys.js';
import { h5CouponUrl } from '../../src/index.js';
import type { NotificationDelivery } from '../../src/notifications/send-attempt.js';
import { createSandbox } from '../../src/sandbox.js';
import { APPID, SEEDED, T0, U0, U1, stockBody } from '../http/wechatpay/support.js';

/** A sandbox whose receiver is the onNotification hook: every attempt is recorded and answered by `answer`. */
function hooked(answer: (d: NotificationDelivery) => { status: number; body?: string } = () => ({ status: 200 })) {
  const deliveries: NotificationDelivery[] = [];
  const sandbox = createSandbox({
    startAt: T0,
    frozen: true,
    validateResponses: true,
    onUnexpectedError: (e) => {
      throw e;
    },
    onNotification: (d) => {
      deliveries.push(d);
      return answer(d);
    },
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await sandbox.app.fetch(
      new Request(`http://sandbox${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: res.status, json: await res.json() };
  };
  const send = async (no: string, openid = U0) => {
    await sandbox.call('wechatpay.busifavor-send-coupon', { openid, appid: APPID, stock_id: SEEDED.normal, out_request_no: no });
    await sandbox.world.notifications.deliverNow();
  };
  return { sandbox, deliveries, control, send };
}

const idOf = (d: NotificationDelivery) => JSON.parse(d.request.body).id as string;

describe('the delivery log and its controls', () => {
  it('lists notifications newest first with the exact request of each attempt; filters by vendor, status and limit', async () => {
    const { sandbox, deliveries, control, send } = hooked((d) => ({ status: idOf(d) === firstId ? 500 : 204 }));
    let firstId = '';
    await sandbox.call('wechatpay.busifavor-set-callbacks', { notify_url: 'https://merchant.example/notify' });
    sandbox.world.notifications.outOfOrderNext('wechat'); // a flag of the other vendor changes nothing here
    await sandbox.call('wechatpay.busifavor-send-coupon', { openid: U0, appid: APPID, stock_id: SEEDED.normal, out_request_no: 'log-1' });
    firstId = sandbox.world.notifications.list()[0]!.id;
    await sandbox.world.notifications.deliverNow();
    await send('log-2', U1);
    const all = (await control('GET', '/_sandbox/notifications')).json.notifications;
    expect(all.map((n: any) => n.status)).toEqual(['delivered', 'pending']);
    expect(all[1]).toMatchObject({
      id: firstId,
      vendor: 'wechatpay',
      event: 'COUPON.SEND',
      url: 'https://merchant.example/notify',
      next_attempt_at: '2026-03-02T10:01:00+08:00',
    });
    expect(all[1].attempts[0]).toMatchObject({
      at: '2026-03-02T10:00:00+08:00',
      status: 500,
      error: null,
      request: { body: deliveries[0]!.request.body, headers: deliveries[0]!.request.headers },
    });
    expect(typeof all[1].attempts[0].ms).toBe('number');
    expect((await control('GET', '/_sandbox/notifications?status=pending')).json.notifications.map((n: any) => n.id)).toEqual([firstId]);
    expect((await control('GET', '/_sandbox/notifications?vendor=wechat')).json.notifications).toEqual([]);
    expect((await control('GET', '/_sandbox/notifications?limit=1')).json.notifications).toHaveLength(1);
    expect((await control('GET', '/_sandbox/notifications?status=lost')).status).toBe(400);
    expect((await control('GET', `/_sandbox/notifications/${firstId}`)).json.id).toBe(firstId);
    expect((await control('POST', '/_sandbox/notifications/nope/redeliver')).status).toBe(404);
  });

  it('redelivers one now (same id), sends the next one twice, and two out of order', async () => {
    const { sandbox, deliveries, control, send } = hooked();
    await sandbox.call('wechatpay.busifavor-set-callbacks', { notify_url: 'https://merchant.example/notify' });
    await send('r-1');
    const first = idOf(deliveries[0]!);
    const again = await control('POST', `/_sandbox/notifications/${first}/redeliver`);
    expect(again.json.attempts).toHaveLength(2);
    expect(deliveries.map(idOf)).toEqual([first, first]);

    expect((await control('POST', '/_sandbox/notifications/duplicate-next', { vendor: 'wechatpay' })).json).toEqual({ ok: true });
    await send('r-2');
    expect(deliveries.slice(2).map((d) => d.kind)).toEqual(['delivery', 'duplicate']);
    expect(deliveries[3]!.request).toEqual(deliveries[2]!.request);

    await control('POST', '/_sandbox/notifications/out-of-order', {});
    await sandbox.call('wechatpay.busifavor-send-coupon', { openid: U1, appid: APPID, stock_id: SEEDED.normal, out_request_no: 'r-3' });
    await sandbox.world.notifications.deliverNow();
    expect(deliveries).toHaveLength(4);
    await send('r-4', U1);
    const [newest, older] = sandbox.world.notifications.list();
    expect(deliveries.slice(4).map(idOf)).toEqual([newest!.id, older!.id]);
  });

  it('sends a WECHATPAY/SIGNTEST/ probe that a receiver answering 401 is recorded as rejecting; the status stays', async () => {
    const { sandbox, deliveries, control, send } = hooked((d) => ({
      status: d.request.headers['wechatpay-signature']!.startsWith('WECHATPAY/SIGNTEST/') ? 401 : 200,
    }));
    await sandbox.call('wechatpay.busifavor-set-callbacks', { notify_url: 'https://merchant.example/notify' });
    await send('p-1');
    const id = idOf(deliveries[0]!);
    const probe = await control('POST', `/_sandbox/notifications/${id}/probe`);
    expect(probe.json).toMatchObject({ kind: 'probe', status: 401, rejected: true });
    expect(deliveries[1]!.request.headers['wechatpay-signature']).toMatch(/^WECHATPAY\/SIGNTEST\//);
    expect(JSON.parse(deliveries[1]!.request.body).id).toBe(id);
    expect((await control('GET', `/_sandbox/notifications/${id}`)).json.status).toBe('delivered');
  });

  it('a reset forgets the log', async () => {
    const { sandbox, control, send } = hooked();
    await sandbox.call('wechatpay.busifavor-set-callbacks', { notify_url: 'https://merchant.example/notify' });
    await send('x-1');
    sandbox.reset();
    expect((await control('GET', '/_sandbox/notifications')).json.notifications).toEqual([]);
    expect(await sandbox.call('wechatpay.busifavor-query-callbacks', {})).toEqual({ mchid: keys.TEST_MCHID });
  });
});

describe('who sends COUPON.SEND and with which key', () => {
  it('the H5 link sends one with send_channel H5 (channel read back from the log)', async () => {
    const { sandbox, deliveries } = hooked();
    await sandbox.call('wechatpay.busifavor-set-callbacks', { notify_url: 'https://merchant.example/notify' });
    const url = h5CouponUrl(
      { stock_id: SEEDED.normal, out_request_no: 'h5no1', send_coupon_merchant: keys.TEST_MCHID, open_id: U0 },
      sandbox.wechatpay.credentials().apiv2_key,
    );
    const page = sandbox.wechatpay.h5Open({ url });
    expect(page).toMatchObject({ page: 'RECEIVED' });
    await sandbox.world.notifications.deliverNow();
    expect(deliveries).toHaveLength(1);
    expect(sandbox.world.notifications.list()[0]!.payload).toMatchObject({ resource: { send_channel: 'BUSICOUPON_SEND_CHANNEL_H5', stock_id: SEEDED.normal } });
  });

  it("a migrating merchant's notifications follow its notify_signing knob: certificate, then public key", async () => {
    const { sandbox, deliveries } = hooked();
    const as = { as: TEST_MIGRATING_MERCHANT.mchid };
    await sandbox.call('wechatpay.busifavor-set-callbacks', { notify_url: 'https://migrating.example/notify' }, as);
    const stock = await sandbox.call('wechatpay.busifavor-create-stock', stockBody({ belong_merchant: TEST_MIGRATING_MERCHANT.mchid }) as never, as);
    const send = (no: string, openid: string) =>
      sandbox.call('wechatpay.busifavor-send-coupon', { openid, appid: APPID, stock_id: (stock as { stock_id: string }).stock_id, out_request_no: no }, as);
    await send('m-1', U0);
    await sandbox.world.notifications.deliverNow();
    sandbox.wechatpay.configureMerchant({ mchid: TEST_MIGRATING_MERCHANT.mchid, notify_signing: 'public_key' });
    await send('m-2', U1);
    await sandbox.world.notifications.deliverNow();
    expect(deliveries.map((d) => d.request.headers['wechatpay-serial'])).toEqual([TEST_MIGRATING_PLATFORM.serial, TEST_PUBLIC_KEY_OF_MIGRATING_MERCHANT.id]);
  });
});

describe('user_view_card', () => {
  it("is pushed for a member card created with need_push_on_view, with the viewer's code; not for other cards", async () => {
    const { readFileSync } = await import('node:fs');
    const examples = JSON.parse(readFileSync(new URL('../../schemas/wechat/examples/card-create.json', import.meta.url), 'utf8')) as { data: any }[];
    const memberExample = examples.find((e) => e.data?.card?.card_type === 'MEMBER_CARD')!.data;
    const fields: Record<string, unknown>[] = [];
    const sandbox = createSandbox({
      startAt: T0,
      frozen: true,
      onNotification: (d) => {
        fields.push(JSON.parse(d.request.body));
        return { status: 200, body: 'success' };
      },
    });
    const { appid } = sandbox.wechat.credentials();
    sandbox.wechat.setPushConfig({ appid, url: 'https://merchant.example/wx', token: 'viewToken', format: 'json' });
    const body = structuredClone(memberExample);
    body.card.member_card.need_push_on_view = true;
    body.card.member_card.base_info.use_custom_code = false;
    const { card_id } = (await sandbox.call('wechat.card-create', body, { as: appid })) as { card_id: string };
    sandbox.wechat.reviewCard({ card_id, result: 'VERIFY_OK' });
    const given = sandbox.wechat.giveCode({ card_id, openid: 'o-viewer' });
    sandbox.wechat.viewCard({ card_id, openid: 'o-viewer' });
    const seeded = sandbox.wechat.identities().apps[0]!.cards.find((c) => c.card_type === 'MEMBER_CARD')!;
    sandbox.wechat.viewCard({ card_id: seeded.card_id, openid: 'o-viewer' });
    await sandbox.world.notifications.deliverNow();
    expect(fields.map((f) => f.Event)).toEqual(['card_pass_check', 'user_get_card', 'user_view_card']);
    expect(fields[2]).toMatchObject({ CardId: card_id, FromUserName: 'o-viewer', UserCardCode: given.code, OuterStr: '' });
  });
});
