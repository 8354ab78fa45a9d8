import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, errorEntry } from '../../src/index.js';
import { mountDashboard } from '../../src/dashboard/mount-page.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import type { EntityPage, ListPage, VendorOverview } from '../../src/dashboard/view-model.js';
import type { Sandbox } from '../../src/sandbox.js';
import { START_AT } from './support.js';

const API = '/_sandbox/ui/api';

async function get<T>(sandbox: Sandbox, path: string): Promise<{ status: number; body: T }> {
  const response = await sandbox.app.request(path);
  return { status: response.status, body: (await response.json()) as T };
}

async function post<T>(sandbox: Sandbox, path: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await sandbox.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

const sumOf = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

describe('the dashboard read API', () => {
  const sandbox = createSandbox({ startAt: START_AT, frozen: true });
  mountDashboard(sandbox.app);
  const app = sandbox.wechat.identities().apps[0]!;
  const user = app.users.find((u) => u.codes.length >= 2)!;

  it('pages codes without overlap and counts them all', async () => {
    const first = await get<ListPage>(sandbox, `${API}/lists/codes?limit=5`);
    const second = await get<ListPage>(sandbox, `${API}/lists/codes?limit=5&offset=5`);
    const everything = await get<ListPage>(sandbox, `${API}/lists/codes?limit=200`);
    expect(first.body.total).toBe(everything.body.rows.length);
    expect([...first.body.rows, ...second.body.rows].map((r) => r.ref.id)).toEqual(everything.body.rows.slice(0, 10).map((r) => r.ref.id));
    expect(new Set(everything.body.rows.map((r) => r.ref.id)).size).toBe(everything.body.rows.length);
  });

  it('finds codes by code, by openid and by card, saying which field matched', async () => {
    const held = user.codes[0]!;
    const byCode = await get<ListPage>(sandbox, `${API}/lists/codes?q=${held.code}`);
    expect([byCode.body.by, byCode.body.total, byCode.body.rows[0]!.cells.openid]).toEqual(['code', 1, user.openid]);

    const byOpenid = await get<ListPage>(sandbox, `${API}/lists/codes?q=${user.openid}`);
    expect(byOpenid.body.by).toBe('openid');
    expect(byOpenid.body.rows.map((r) => r.ref.id).sort()).toEqual(user.codes.map((c) => c.code).sort());
    expect(byOpenid.body.rows.map((r) => r.cells.user_card_status).sort()).toEqual(user.codes.map((c) => c.status).sort());

    const byCard = await get<ListPage>(sandbox, `${API}/lists/codes?q=${held.card_id}&by=card&limit=200`);
    const ofCard = app.users.flatMap((u) => u.codes).filter((c) => c.card_id === held.card_id);
    expect(byCard.body.rows.map((r) => r.ref.id).sort()).toEqual(ofCard.map((c) => c.code).sort());

    const nothing = await get<ListPage>(sandbox, `${API}/lists/codes?q=no-such-thing`);
    expect([nothing.body.total, nothing.body.rows]).toEqual([0, []]);
    // A named field is the only one tried.
    expect((await get<ListPage>(sandbox, `${API}/lists/codes?q=${held.code}&by=openid`)).body.total).toBe(0);
  });

  it('finds coupons by openid, stock and coupon_code, vouchers by id, customers by code', async () => {
    const all = (await get<ListPage>(sandbox, `${API}/lists/coupons?limit=200`)).body;
    const one = all.rows[0]!;
    const byCode = (await get<ListPage>(sandbox, `${API}/lists/coupons?q=${one.ref.id}`)).body;
    expect([byCode.by, byCode.rows.map((r) => r.ref.id)]).toEqual(['coupon_code', [one.ref.id]]);
    const byOpenid = (await get<ListPage>(sandbox, `${API}/lists/coupons?q=${String(one.cells.openid)}`)).body;
    expect(byOpenid.rows.map((r) => r.ref.id).sort()).toEqual(
      all.rows
        .filter((r) => r.cells.openid === one.cells.openid)
        .map((r) => r.ref.id)
        .sort(),
    );
    const byStock = (await get<ListPage>(sandbox, `${API}/lists/coupons?q=${String(one.cells.stock_id)}&by=stock`)).body;
    expect(byStock.rows.map((r) => r.ref.id).sort()).toEqual(
      all.rows
        .filter((r) => r.cells.stock_id === one.cells.stock_id)
        .map((r) => r.ref.id)
        .sort(),
    );

    const world = sandbox.waiqin.world();
    const voucher = world.vouchers[0]!;
    const vouchers = (await get<ListPage>(sandbox, `${API}/lists/vouchers?q=${voucher.id}`)).body;
    expect(vouchers.rows.map((r) => [r.ref.id, r.cells.received, r.cells.used])).toEqual([[voucher.id, voucher.received, voucher.used]]);
    const customer = world.customers[3]!;
    const customers = (await get<ListPage>(sandbox, `${API}/lists/customers?q=${customer.code}`)).body;
    expect(customers.rows.map((r) => r.ref.id)).toEqual([customer.id]);
  });

  it('shows a code as card/code/get answers it, and 404 for one the world does not have', async () => {
    const held = user.codes[0]!;
    const page = (await get<EntityPage>(sandbox, `${API}/entities/code/${held.code}?card_id=${held.card_id}`)).body;
    const answer = await sandbox.call('wechat.code-get', { code: held.code, card_id: held.card_id, check_consume: false });
    expect(page.fields).toEqual(answer);
    expect(page.state).toBe(held.status);
    const missing = await get<{ error: { code: string } }>(sandbox, `${API}/entities/code/000000000000`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('counts by state what the vendors would answer, and follows a consume', async () => {
    const count = async () => (await get<{ vendors: VendorOverview[] }>(sandbox, `${API}/overview`)).body.vendors[0]!.counts[1]!.values;
    const before = await count();
    const listed = sandbox.wechat.identities().apps.flatMap((a) => a.users.flatMap((u) => u.codes));
    expect(sumOf(before)).toBe((await get<ListPage>(sandbox, `${API}/lists/codes?limit=1`)).body.total);
    expect(before.NORMAL).toBe(listed.filter((c) => c.status === 'NORMAL').length);
    const cards = new Map(app.cards.map((c) => [c.card_id, c]));
    const normal = listed.find((c) => c.status === 'NORMAL' && cards.get(c.card_id)!.card_type !== 'MEMBER_CARD')!;
    await sandbox.call('wechat.code-consume', { code: normal.code, card_id: normal.card_id });
    const after = await count();
    expect([after.NORMAL, after.CONSUMED]).toEqual([before.NORMAL! - 1, before.CONSUMED! + 1]);
  });

  it('runs an operation through the call route, answering a refusal with the vendor code and message', async () => {
    const consumed = app.users.flatMap((u) => u.codes).find((c) => c.status === 'CONSUMED')!;
    const refused = await post<{ error: { code: string; vendor_error: unknown } }>(sandbox, `${API}/call`, {
      operation: 'wechat.code-consume',
      as: app.appid,
      input: { code: consumed.code, card_id: consumed.card_id },
    });
    const entry = errorEntry('wechat', '40099');
    expect([refused.status, refused.body.error.code, refused.body.error.vendor_error]).toEqual([
      409,
      'VENDOR_RULE',
      { vendor: 'wechat', code: entry.code, message: entry.message },
    ]);
    const unknown = await post<{ error: { code: string } }>(sandbox, `${API}/call`, { operation: 'wechat.no-such-op' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('finds a bulk code by its synthetic openid', async () => {
    const made = sandbox.wechat.bulkCodes({ count: 1000 });
    const codes = (await get<ListPage>(sandbox, `${API}/lists/codes?q=${made.card_id}&by=card&offset=990&limit=20`)).body;
    expect([codes.total, codes.rows.length]).toEqual([1000, 10]);
    const last = codes.rows.at(-1)!;
    const byOpenid = (await get<ListPage>(sandbox, `${API}/lists/codes?q=${String(last.cells.openid)}`)).body;
    expect(byOpenid.rows.map((r) => r.ref.id)).toEqual([last.ref.id]);
  });
});

it('is not part of the app msw and app.request() use unless mounted', async () => {
  const bare = createSandbox();
  expect((await bare.app.request(`${API}/overview`)).status).toBe(404);
});

describe('the dashboard over a socket: page, redirect and the control guard', () => {
  let running: RunningSandbox;
  beforeAll(async () => {
    running = await serveSandbox({ port: 0 });
  });
  afterAll(async () => {
    await running?.close();
  });

  it('redirects GET / to the page, which is self-contained HTML', async () => {
    const redirect = await fetch(`${running.url}/?world=x`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, '/_sandbox/ui?world=x']);
    const page = await fetch(`${running.url}/_sandbox/ui`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await page.text();
    // Its one link is the inline icon (`data:`), which keeps browsers from asking for /favicon.ico.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="(?!data:)|https?:\/\/(?!127\.0\.0\.1)[a-z]/i);
    expect(html).toContain('<link rel="icon" href="data:,">');
  });

  it('takes the page’s same-origin JSON writes and refuses another origin’s', async () => {
    const body = JSON.stringify({ advance_seconds: 60 });
    const same = await fetch(`${running.url}/_sandbox/clock`, {
      method: 'POST',
      headers: { origin: running.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body,
    });
    expect(same.status).toBe(200);
    const call = JSON.stringify({ operation: 'wechat.code-get', input: { code: '1' } });
    const foreign = await fetch(`${running.url}${API}/call`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: call,
    });
    expect(foreign.status).toBe(403);
  });
});
