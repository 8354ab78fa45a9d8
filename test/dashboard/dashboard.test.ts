import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { errorEntry } from '../../src/index.js';
import { unlabelledControls } from './labels.js';
import { dashboardFixture, normalCodes, openDashboard, screenshotDir, shanghaiLocal, skipChromium } from './support.js';

const shots = screenshotDir();

async function state(page: Page): Promise<string> {
  return (await page.textContent('[data-testid=state]')) ?? '';
}

async function expectState(page: Page, expected: string): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('[data-testid=state]')?.textContent === want, expected, { timeout: 10_000 });
  expect(await state(page)).toBe(expected);
}

async function clickAction(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
}

async function expectStatus(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('status')?.textContent ?? ''), pattern.source, { timeout: 10_000 });
  return (await page.textContent('#status')) ?? '';
}

describe.skipIf(skipChromium)('the dashboard in headless Chromium', () => {
  const fx = dashboardFixture();

  it('finds a NORMAL code by search, consumes it through the page, shows the refusal of a second consume, and its journal entry', async () => {
    const problems: string[] = [];
    const [target] = await normalCodes(fx.served.running.sandbox);
    const page = await openDashboard(fx.browser, `${fx.base}/`, problems);
    expect(page.url()).toBe(`${fx.base}/_sandbox/ui`);
    await page.waitForSelector('[data-vendor=wechat] [data-count=NORMAL]');
    await page.screenshot({ path: join(shots, 'overview.png'), fullPage: true });
    expect(await page.evaluate(unlabelledControls)).toEqual([]);

    await page.getByRole('link', { name: 'Codes', exact: true }).click();
    await page.getByLabel('Search codes').fill(target!.code);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => /of 1 \(matched by code\)/.test(document.getElementById('results')?.textContent ?? ''));
    expect(await page.textContent('td[data-col=user_card_status]')).toBe('NORMAL');
    expect(await page.evaluate(unlabelledControls)).toEqual([]);
    await page.getByRole('link', { name: target!.code }).click();
    await expectState(page, 'NORMAL');
    expect(await page.evaluate(unlabelledControls)).toEqual([]);

    await clickAction(page, 'Consume');
    await expectState(page, 'CONSUMED');
    expect(await expectStatus(page, /Consume: done/)).toBe('Consume: done');
    const consumed = await fx.served.running.sandbox.call('wechat.code-get', { code: target!.code, card_id: target!.card_id, check_consume: false });
    expect(consumed.user_card_status).toBe('CONSUMED');

    await clickAction(page, 'Consume');
    const refused = errorEntry('wechat', '40099');
    expect(await expectStatus(page, /Refused by wechat/)).toBe(`Consume: Refused by wechat: ${refused.code} ${refused.message}`);
    await page.screenshot({ path: join(shots, 'code.png'), fullPage: true });

    const journal = await fetch(`${fx.base}/_sandbox/journal?q=${target!.code}`);
    if (journal.status === 200) {
      // The journal exists on this sandbox: the page's history lists the consume.
      await page.waitForSelector('.history tr[data-operation="wechat.code-consume"]', { timeout: 10_000 });
    } else {
      expect(await page.$('.history')).toBeNull();
    }
    expect(problems).toEqual([]);
  });

  it('shows a request made meanwhile through the API without a reload, the failure highlighted', async () => {
    const problems: string[] = [];
    const page = await openDashboard(fx.browser, `${fx.base}/_sandbox/ui#/requests`, problems);
    // Attached, not visible: with no request yet the table body is empty (and so has no size).
    await page.waitForSelector('#request-rows', { state: 'attached' });
    expect(await page.evaluate(unlabelledControls)).toEqual([]);
    const before = await page.$$eval('#request-rows tr', (rows) => rows.length);
    const { appid, secret } = fx.served.running.sandbox.wechat.credentials();
    const token = (await (await fetch(`${fx.base}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json()) as {
      access_token: string;
    };
    const answer = await fetch(`${fx.base}/card/code/get?access_token=${token.access_token}`, {
      method: 'POST',
      body: JSON.stringify({ code: 'no-such-code-0' }),
    });
    expect(((await answer.json()) as { errcode: number }).errcode).toBe(40056);

    const row = page.locator('#request-rows tr.failed', { hasText: '/card/code/get' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('.outcome').textContent()).toBe('40056');
    expect(await row.textContent()).toContain('wechat.code-get');
    expect(await page.$$eval('#request-rows tr', (rows) => rows.length)).toBeGreaterThanOrEqual(before + 2);
    // The page's own polling of /_sandbox/ stays out of the log unless asked for.
    const paths = () => page.$$eval('#request-rows summary', (all) => all.map((s) => s.textContent ?? ''));
    expect((await paths()).filter((p) => p.startsWith('/_sandbox/'))).toEqual([]);
    await page.screenshot({ path: join(shots, 'requests.png'), fullPage: false });
    await page.getByLabel('Include /_sandbox/ requests').check();
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForFunction(
      () => [...document.querySelectorAll('#request-rows summary')].some((s) => s.textContent?.startsWith('/_sandbox/clock')),
      undefined,
      {
        timeout: 10_000,
      },
    );
    expect(problems).toEqual([]);
  });

  it('follows a code consumed by an app meanwhile: the open page turns CONSUMED without a reload', async () => {
    const problems: string[] = [];
    const [target] = await normalCodes(fx.served.running.sandbox);
    const page = await openDashboard(fx.browser, `${fx.base}/_sandbox/ui#/entity/code/${target!.code}?card_id=${target!.card_id}`, problems);
    await expectState(page, 'NORMAL');
    // A mark on this document: a reload would drop it.
    await page.evaluate(() => ((window as unknown as { mark: string }).mark = 'still the same document'));
    await fx.served.running.sandbox.call('wechat.code-consume', { code: target!.code, card_id: target!.card_id });
    await expectState(page, 'CONSUMED');
    expect(await page.evaluate(() => (window as unknown as { mark?: string }).mark)).toBe('still the same document');
    expect(problems).toEqual([]);
  });

  it('advances the clock a day from the header: a code at the end of its validity turns EXPIRE', async () => {
    const problems: string[] = [];
    const codes = await normalCodes(fx.served.running.sandbox);
    const target = codes.at(-1)!;
    const page = await openDashboard(fx.browser, `${fx.base}/_sandbox/ui#/entity/code/${target.code}?card_id=${target.card_id}`, problems);
    await expectState(page, 'NORMAL');

    // Twelve hours before the code's last second, in Shanghai time as the field reads it.
    await page.getByLabel('Set to (Shanghai)').fill(shanghaiLocal(target.end_time * 1000 - 12 * 3600_000));
    await page.getByRole('button', { name: 'Set clock' }).click();
    await expectStatus(page, /Clock set/);
    await expectState(page, 'NORMAL');
    expect(await page.textContent('#clock-now')).toContain(shanghaiLocal(target.end_time * 1000 - 12 * 3600_000).replace('T', ' '));

    await page.getByRole('button', { name: '+1 day' }).click();
    await expectState(page, 'EXPIRE');
    const got = await fx.served.running.sandbox.call('wechat.code-get', { code: target.code, card_id: target.card_id, check_consume: false });
    expect([got.user_card_status, got.can_consume]).toEqual(['EXPIRE', false]);
    expect(await page.textContent('pre.json')).toContain('"can_consume": false');
    fx.served.running.sandbox.reset();
    expect(problems).toEqual([]);
  });
});
