import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { errorEntry } from '../../src/index.js';
import { DASHBOARD_API } from '../../src/dashboard/read-api.js';
import type { VendorOverview } from '../../src/dashboard/view-model.js';
import { findFirefox } from '../browser/find-firefox.js';
import { unlabelledControls } from './labels.js';
import { normalCodes, serve, type Served } from './support.js';

// The dashboard in a stock Firefox (Debian's firefox-esr), driven by puppeteer-core over WebDriver
// BiDi: playwright only drives its own patched Firefox builds. The same flows as the Chromium tests,
// with the keyboard doing the consuming.
const FIREFOX = findFirefox();
const skipFirefox = !FIREFOX.found && !FIREFOX.required;
if (!FIREFOX.found) console.warn(`[dashboard Firefox test] ${skipFirefox ? 'skipping' : 'will fail'}: ${FIREFOX.reason}`);

/**
 * Polls `predicate` in the page until it holds. Not `page.waitForFunction`: puppeteer builds its poller
 * with `new Function` in the page, which the dashboard's CSP (no 'unsafe-eval') rightly blocks.
 */
async function until(page: Page, predicate: (arg: string) => boolean, arg = ''): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await page.evaluate(predicate, arg))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting in the page for ${predicate.toString()} (${arg})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const expectState = (page: Page, expected: string) => until(page, (want) => document.querySelector('[data-testid=state]')?.textContent === want, expected);
const expectStatus = (page: Page, expected: string) => until(page, (want) => document.getElementById('status')?.textContent === want, expected);

const focused = (page: Page) => page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent ?? '' }));

/** The element the browser's own accessibility tree names `name` with `role` (Firefox's, through BiDi). */
async function byRole(page: Page, role: string, name: string): Promise<string[]> {
  const found = await page.$$(`::-p-aria(${name}[role="${role}"])`);
  return Promise.all(found.map((el) => el.evaluate((e) => `${e.tagName.toLowerCase()}#${e.id}`)));
}

describe.skipIf(skipFirefox)('the dashboard in headless Firefox', () => {
  let browser: Browser;
  let served: Served;
  let base: string;

  beforeAll(async () => {
    if (!FIREFOX.found) throw new Error(`the Firefox dashboard test must run here (CI): ${FIREFOX.reason}`);
    // One Firefox for the file: it takes a few seconds to start.
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX.path, headless: true, defaultViewport: { width: 1366, height: 900 } });
    served = await serve();
    base = served.running.url;
  });
  afterAll(async () => {
    await browser?.close();
    await served?.running.close();
  });

  async function open(url: string, problems: string[]): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error instanceof Error ? error.message : String(error)}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    return page;
  }

  it('shows the API’s counts, finds a NORMAL code by search and consumes it from the keyboard; its history has the consume', async () => {
    const problems: string[] = [];
    const sandbox = served.running.sandbox;
    const [target] = await normalCodes(sandbox);
    const page = await open(`${base}/`, problems);
    expect(page.url()).toBe(`${base}/_sandbox/ui`);

    // The overview's tables hold the read API's counts, not the static shell.
    const api = (await (await fetch(`${base}${DASHBOARD_API}/overview`)).json()) as { vendors: VendorOverview[] };
    await page.waitForSelector('[data-vendor=wechat] [data-count=NORMAL]', { timeout: 10_000 });
    const shown = await page.$$eval('[data-vendor]', (sections) =>
      sections.map((s) => ({
        vendor: s.getAttribute('data-vendor'),
        counts: [...s.querySelectorAll('table.counts')].map((t) => ({
          label: t.querySelector('caption')?.textContent,
          values: Object.fromEntries(
            [...t.querySelectorAll('tr[data-count]')].map((r) => [r.getAttribute('data-count'), Number(r.querySelector('td')?.textContent)]),
          ),
        })),
      })),
    );
    expect(shown).toEqual(api.vendors.map((v) => ({ vendor: v.vendor, counts: v.counts })));
    expect(api.vendors.find((v) => v.vendor === 'wechat')!.counts.some((g) => (g.values.NORMAL ?? 0) > 0)).toBe(true);
    expect(await page.evaluate(unlabelledControls)).toEqual([]);

    await page.click('#nav a[href="#/list/codes"]');
    await page.waitForSelector('#search');
    expect(await byRole(page, 'searchbox', 'Search codes')).toEqual(['input#search']);
    expect(await page.evaluate(unlabelledControls)).toEqual([]);
    await page.keyboard.press('/');
    expect((await focused(page)).id).toBe('search');
    await page.keyboard.type(target!.code);
    await page.keyboard.press('Enter');
    await until(page, () => document.activeElement?.id === 'results' && /of 1 \(matched by code\)/.test(document.activeElement.textContent ?? ''));
    expect(await page.$eval('td[data-col=user_card_status]', (td) => td.textContent)).toBe('NORMAL');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe(target!.code);
    await page.keyboard.press('Enter');
    await expectState(page, 'NORMAL');
    expect(await page.evaluate(unlabelledControls)).toEqual([]);

    // Tab to the Consume button (the browser's accessibility tree names it so), then Enter.
    expect(await byRole(page, 'button', 'Consume')).toHaveLength(1);
    for (let i = 0; i < 40 && (await focused(page)).text !== 'Consume'; i++) await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Consume');
    await page.keyboard.press('Enter');
    await expectState(page, 'CONSUMED');
    await expectStatus(page, 'Consume: done');
    const consumed = await sandbox.call('wechat.code-get', { code: target!.code, card_id: target!.card_id, check_consume: false });
    expect(consumed.user_card_status).toBe('CONSUMED');

    // Focus stays on the button through the refresh: Space presses it again, and the vendor refuses.
    expect((await focused(page)).text).toBe('Consume');
    await page.keyboard.press(' ');
    const refused = errorEntry('wechat', '40099');
    await expectStatus(page, `Consume: Refused by wechat: ${refused.code} ${refused.message}`);

    await page.waitForSelector('.history tr[data-operation="wechat.code-consume"]', { timeout: 10_000 });
    const history = await page.$$eval('.history tr[data-operation="wechat.code-consume"]', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(history.filter((cells) => cells[3] === 'ok')).toHaveLength(1);
    expect(history.every((cells) => cells[4]!.includes(target!.code))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a request made meanwhile through the API in the requests view without a reload', async () => {
    const problems: string[] = [];
    const page = await open(`${base}/_sandbox/ui#/requests`, problems);
    await page.waitForSelector('#request-rows');
    expect(await page.evaluate(unlabelledControls)).toEqual([]);
    expect(await byRole(page, 'combobox', 'Vendor')).toEqual(['select#filter-vendor']);
    // A mark on this document: a reload would drop it.
    await page.evaluate(() => ((window as unknown as { mark: string }).mark = 'still the same document'));

    const { appid, secret } = served.running.sandbox.wechat.credentials();
    const token = (await (await fetch(`${base}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json()) as {
      access_token: string;
    };
    const answer = await fetch(`${base}/card/code/get?access_token=${token.access_token}`, {
      method: 'POST',
      body: JSON.stringify({ code: 'no-such-code-0' }),
    });
    expect(((await answer.json()) as { errcode: number }).errcode).toBe(40056);

    await until(page, () =>
      [...document.querySelectorAll('#request-rows tr.failed')].some((tr) => tr.querySelector('summary')?.textContent?.startsWith('/card/code/get') === true),
    );
    const row = await page.$$eval('#request-rows tr.failed', (rows) =>
      rows.filter((tr) => tr.querySelector('summary')?.textContent?.startsWith('/card/code/get')).map((tr) => tr.textContent ?? ''),
    );
    expect(row).toHaveLength(1);
    expect(row[0]).toContain('wechat.code-get');
    expect(await page.$eval('#request-rows tr.failed .outcome', (td) => td.textContent)).toBe('40056');
    expect((await page.$$eval('#request-rows summary', (all) => all.map((s) => s.textContent ?? ''))).some((p) => p.startsWith('/cgi-bin/token'))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { mark?: string }).mark)).toBe('still the same document');
    // Firefox asks every page for /favicon.ico unless it names an icon: the page names an inline one, so
    // the log holds no 404 of the dashboard's own making.
    const ring = (await (await fetch(`${base}/_sandbox/requests?limit=1000`)).json()) as { requests: { path: string }[] };
    expect(ring.requests.filter((r) => r.path.startsWith('/favicon.ico'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
