import { afterAll, beforeAll } from 'vitest';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import type { ServeOptions } from '../../src/node.js';
import type { Sandbox } from '../../src/sandbox.js';
import { findChromium } from '../browser/find-browser.js';

/** The Chromium the dashboard tests drive, found as the msw browser tests find theirs. */
export const CHROMIUM = findChromium();
export const skipChromium = !CHROMIUM.found && !CHROMIUM.required;
if (!CHROMIUM.found) console.warn(`[dashboard tests] ${skipChromium ? 'skipping' : 'will fail'}: ${CHROMIUM.reason}`);

/** 2026-12-01 10:00 Asia/Shanghai, frozen: the same world and clock on every run (screenshots stay comparable). */
export const START_AT = Date.parse('2026-12-01T10:00:00+08:00');

export async function launch(): Promise<Browser> {
  if (!CHROMIUM.found) throw new Error(`the dashboard browser tests must run here (CI): ${CHROMIUM.reason}`);
  return chromium.launch({ executablePath: CHROMIUM.path, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** Where screenshots go: committed under test/dashboard/screenshots with UPDATE_SCREENSHOTS=1, else a temp dir. */
export function screenshotDir(): string {
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    const dir = fileURLToPath(new URL('./screenshots', import.meta.url));
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  return mkdtempSync(join(tmpdir(), 'coupon-sandbox-dashboard-'));
}

export interface Served {
  running: RunningSandbox;
}

/**
 * A sandbox on a real socket (127.0.0.1, a free port), the dashboard mounted, the clock frozen at
 * {@link START_AT}. Its own endpoints back every panel: requests ring, journal, snapshots,
 * notifications, worlds.
 */
export async function serve(options: ServeOptions = {}): Promise<Served> {
  const running = await serveSandbox({ port: 0, startAt: START_AT, frozen: true, ...options });
  return { running };
}

/** Seeded codes the sandbox itself reports NORMAL, redeemable now, of cards with an end date, not member cards. */
export async function normalCodes(sandbox: Sandbox): Promise<{ code: string; card_id: string; end_time: number }[]> {
  const app = sandbox.wechat.identities().apps[0]!;
  const found = [];
  for (const user of app.users) {
    for (const held of user.codes) {
      if (held.status !== 'NORMAL') continue;
      const card = app.cards.find((c) => c.card_id === held.card_id)!;
      if (card.card_type === 'MEMBER_CARD') continue;
      const got = await sandbox.call('wechat.code-get', { code: held.code, card_id: held.card_id, check_consume: false }, { as: app.appid });
      if (got.can_consume && got.card.end_time > 0) found.push({ code: held.code, card_id: held.card_id, end_time: got.card.end_time });
    }
  }
  return found;
}

/** Opens the dashboard and waits until its script has probed the sandbox and drawn the first view. */
export async function openDashboard(browser: Browser, url: string, problems: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    // Chromium logs every 4xx answer: the probes of panels this sandbox lacks (404), refused actions (409).
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 15_000 });
  return page;
}

/** An instant as the page's "Set to (Shanghai)" field takes it. */
export function shanghaiLocal(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19);
}

/** What a test file shares: one Chromium and one served sandbox, set when its tests run. */
export interface Fixture {
  browser: Browser;
  served: Served;
  base: string;
}

/** Starts a Chromium and a sandbox before the file's tests (call inside its describe) and closes both after. */
export function dashboardFixture(): Fixture {
  const fixture = {} as Fixture;
  beforeAll(async () => {
    fixture.browser = await launch();
    fixture.served = await serve();
    fixture.base = fixture.served.running.url;
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.served?.running.close();
  });
  return fixture;
}
