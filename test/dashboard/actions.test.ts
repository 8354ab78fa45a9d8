import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createSandbox, errorEntry } from '../../src/index.js';
import { VendorError } from '../../src/engine/vendor-error.js';
import type { WaiqinState } from '../../src/engine/waiqin/model.js';
import type { WechatPayState } from '../../src/engine/wechatpay/model.js';
import type { Sandbox } from '../../src/sandbox.js';
import { dashboardFixture, openDashboard, serve, skipChromium, START_AT } from './support.js';

async function expectState(page: Page, expected: string): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('[data-testid=state]')?.textContent === want, expected, { timeout: 10_000 });
}

async function statusAfter(page: Page, label: string): Promise<string> {
  await page.evaluate(() => (document.getElementById('status')!.textContent = ''));
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '') !== '', undefined, { timeout: 10_000 });
  return (await page.textContent('#status')) ?? '';
}

/** The refusal text the page shows for a vendor error, from the catalogue. */
function refusalText(label: string, error: unknown): string {
  if (!(error instanceof VendorError)) throw error;
  const entry = errorEntry(error.vendor, error.key as never);
  return `${label}: Refused by ${error.vendor}: ${entry.code} ${entry.message}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the direct call to be refused');
}

async function fact(page: Page, name: string): Promise<string> {
  return (await page.textContent(`td[data-fact="${name}"]`)) ?? '';
}

describe.skipIf(skipChromium)('dashboard actions, one vendor each, and the keyboard', () => {
  const fx = dashboardFixture();

  it('WeChat: a card awaiting review refuses to give a code (40078); review pass, then a code is given', async () => {
    const problems: string[] = [];
    const sandbox = fx.served.running.sandbox;
    const card = sandbox.wechat.identities().apps[0]!.cards.find((c) => c.status === 'CARD_STATUS_NOT_VERIFY')!;
    const page = await openDashboard(fx.browser, `${fx.base}/_sandbox/ui#/entity/card/${card.card_id}`, problems);
    await expectState(page, 'CARD_STATUS_NOT_VERIFY');
    const openid = await page.getByLabel('To openid').inputValue();

    const entry = errorEntry('wechat', '40078');
    expect(await statusAfter(page, 'Give a code')).toBe(`Give a code: Refused by wechat: ${entry.code} ${entry.message}`);
    expect(await statusAfter(page, 'Review: pass')).toBe('Review: pass: done');
    await expectState(page, 'CARD_STATUS_VERIFY_OK');
    expect(await statusAfter(page, 'Give a code')).toBe('Give a code: done');
    await page.waitForFunction(() => document.querySelector('td[data-fact=codes]')?.textContent === '1');
    const holder = sandbox.wechat.identities().apps[0]!.users.find((u) => u.openid === openid)!;
    expect(holder.codes.filter((c) => c.card_id === card.card_id).map((c) => c.status)).toEqual(['NORMAL']);
    expect(problems).toEqual([]);
  });

  it('WeChat Pay: a coupon sent from the stock page, opened from its list, used, then refused a second use', async () => {
    const problems: string[] = [];
    const sandbox = fx.served.running.sandbox;
    const stockId = sandbox.world
      .store<WechatPayState>('wechatpay')
      .read(
        (s) =>
          [...s.stocks.values()].find((x) => x.state === 'RUNNING' && x.spec.stock_type === 'NORMAL' && x.spec.coupon_code_mode !== 'MERCHANT_UPLOAD')!
            .stock_id,
      );
    const page = await openDashboard(fx.browser, `${fx.base}/_sandbox/ui#/entity/stock/${stockId}`, problems);
    await expectState(page, 'RUNNING');
    const sent = Number(await fact(page, 'sent'));
    expect(await statusAfter(page, 'Send a coupon')).toBe('Send a coupon: done');
    await page.waitForFunction((n) => document.querySelector('td[data-fact=sent]')?.textContent === String(n), sent + 1);
    const answer = JSON.parse((await page.textContent('#last-answer pre'))!) as { answer: { coupon_code: string } };
    const code = answer.answer.coupon_code;

    await page.getByRole('link', { name: code }).click();
    await expectState(page, 'SENDED');
    expect(await statusAfter(page, 'Use')).toBe('Use: done');
    await expectState(page, 'USED');
    const { appid, openid } = { appid: await fact(page, 'appid'), openid: await fact(page, 'openid') };
    const direct = await rejection(
      sandbox.call('wechatpay.busifavor-use-coupon', {
        coupon_code: code,
        stock_id: stockId,
        appid,
        openid,
        use_time: '2026-12-01T10:00:00+08:00',
        use_request_no: 'DIRECT0001',
      }),
    );
    expect(await statusAfter(page, 'Use')).toBe(refusalText('Use', direct));
    expect(problems).toEqual([]);
  });

  it('waiqin365: a customer receives a voucher and places an order that uses it', async () => {
    const problems: string[] = [];
    const voucherId = await receivableVoucher();
    const page = await openDashboard(fx.browser, `${fx.base}/_sandbox/ui#/entity/voucher/${voucherId}`, problems);
    await page.waitForSelector('td[data-fact=received]');
    const received = Number(await fact(page, 'received'));
    const used = Number(await fact(page, 'used'));
    const cmCode = await page.getByLabel('Customer code').first().inputValue();

    expect(await statusAfter(page, 'Customer receives it')).toBe('Customer receives it: done');
    await page.waitForFunction((n) => document.querySelector('td[data-fact=received]')?.textContent === String(n), received + 1);
    await page.getByLabel('Order amount (yuan)').fill('500.00');
    expect(await statusAfter(page, 'Place an order using it')).toBe('Place an order using it: done');
    await page.waitForFunction((n) => document.querySelector('td[data-fact=used]')?.textContent === String(n), used + 1);
    const holders = fx.served.running.sandbox.waiqin.world().vouchers.find((v) => v.id === voucherId)!.holders;
    expect(holders.filter((h) => h.cmCode === cmCode && h.useStatus === '1').length).toBeGreaterThanOrEqual(1);
    expect(problems).toEqual([]);
  });

  it('is usable from the keyboard: "/" to search, Tab to the result, Enter, Tab to Consume, Enter', async () => {
    const problems: string[] = [];
    const app = fx.served.running.sandbox.wechat.identities().apps[0]!;
    const consumable = new Set(app.cards.filter((c) => c.card_type !== 'MEMBER_CARD').map((c) => c.card_id));
    const held = app.users.flatMap((u) => u.codes).find((c) => c.status === 'NORMAL' && consumable.has(c.card_id))!;
    const page = await openDashboard(fx.browser, `${fx.base}/_sandbox/ui#/list/codes`, problems);
    await page.waitForSelector('#results');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await page.keyboard.type(held.code);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'results' && /of 1 /.test(document.activeElement.textContent ?? ''));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(held.code);
    await page.keyboard.press('Enter');
    await expectState(page, 'NORMAL');
    for (let i = 0; i < 40 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Consume'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Consume');
    await page.keyboard.press('Enter');
    await expectState(page, 'CONSUMED');
    expect(problems).toEqual([]);
  });

  it('with a control token: the page opened with ?sandbox_token= sends it on every call; without it, 401', async () => {
    const problems: string[] = [];
    const guarded = await serve({ controlToken: 'dash-secret-token' });
    try {
      expect((await fetch(`${guarded.running.url}/_sandbox/ui`)).status).toBe(401);
      const page = await openDashboard(fx.browser, `${guarded.running.url}/?sandbox_token=dash-secret-token`, problems);
      await page.waitForSelector('[data-vendor=wechat]');
      const before = guarded.running.sandbox.clock.now();
      await page.getByRole('button', { name: '+1 h' }).click();
      await page.waitForFunction(() => /Clock advanced/.test(document.getElementById('status')?.textContent ?? ''));
      expect(guarded.running.sandbox.clock.now() - before).toBe(3600_000);
      expect(problems).toEqual([]);
    } finally {
      await guarded.running.close();
    }
  });
});

/** An active voucher the first customer can receive now: found on a twin sandbox (same seed, same frozen clock). */
async function receivableVoucher(): Promise<string> {
  const twin: Sandbox = createSandbox({ startAt: START_AT, frozen: true });
  const { ids, cmCode } = twin.world.store<WaiqinState>('waiqin').read((s) => ({ ids: [...s.vouchers.keys()], cmCode: s.customers[0]!.code }));
  for (const voucherId of ids) {
    const ok = await twin.call('waiqin.receiveVoucherInfo', { voucherId, cmCode }).then(
      () => true,
      () => false,
    );
    if (ok) return voucherId;
  }
  throw new Error('no receivable voucher in the seeded world');
}
