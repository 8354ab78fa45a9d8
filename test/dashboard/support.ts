import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import type { ServeOptions } from '../../src/node.js';
import type { RequestSummary } from '../../src/pipeline/request-summary.js';
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
  /** True when this sandbox has its own requests ring (a `GET /_sandbox/requests` route). */
  ownRing: boolean;
}

/**
 * A sandbox on a real socket. When it has no requests ring of its own (before the journal work is
 * merged), a stand-in answers `GET /_sandbox/requests` in the shape the dashboard reads (newest
 * first, `after=`), fed by the sandbox's own `onRequest` summaries, so the requests panel and its
 * live polling are exercised either way; with a ring of its own, the stand-in is not mounted.
 */
export async function serve(options: ServeOptions = {}): Promise<Served> {
  const seen: (RequestSummary & { id: number; at: string })[] = [];
  const running = await serveSandbox({
    port: 0,
    startAt: START_AT,
    frozen: true,
    ...options,
    onRequest: (summary) => {
      if (!summary.target.startsWith('/_sandbox/')) seen.push({ ...summary, id: seen.length + 1, at: new Date().toISOString() });
    },
  });
  // Decided from the routes, not by a request: Hono takes no route after its first request.
  const ownRing = running.sandbox.app.routes.some((route) => route.path === '/_sandbox/requests' && route.method === 'GET');
  if (!ownRing) {
    running.sandbox.app.get('/_sandbox/requests', (c) => {
      const after = Number(c.req.query('after') ?? 0);
      const vendorOf = (target: string) => (target.startsWith('/v3/') ? 'wechatpay' : target.startsWith('/api/voucher/') ? 'waiqin' : 'wechat');
      const requests = seen
        .filter((r) => r.id > after)
        .reverse()
        .map((r) => ({
          id: r.id,
          at: r.at,
          method: r.method,
          path: r.target,
          vendor: vendorOf(r.target),
          operation: r.operation ?? null,
          outcome: r.outcome,
          status: r.status,
          ms: r.ms,
          request: { body: '' },
          response: { body: '' },
        }));
      return c.json({ requests });
    });
  }
  return { running, ownRing };
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
