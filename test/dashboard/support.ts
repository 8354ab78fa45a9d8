import { afterAll, beforeAll } from 'vitest';
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
 * A sandbox on a real socket, the dashboard mounted. When it has no requests ring of its own (before the journal work is
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
      seen.push({ ...summary, id: seen.length + 1, at: new Date().toISOString() });
    },
  });
  // Decided from the routes, not by a request: Hono takes no route after its first request.
  const hasRoute = (path: string, method = 'GET') => running.sandbox.app.routes.some((route) => route.path === path && route.method === method);
  const ownRing = hasRoute('/_sandbox/requests');
  if (!ownRing) {
    running.sandbox.app.get('/_sandbox/requests', (c) => {
      const after = Number(c.req.query('after') ?? 0);
      const vendorOf = (target: string) =>
        target.startsWith('/_sandbox/') ? 'sandbox' : target.startsWith('/v3/') ? 'wechatpay' : target.startsWith('/api/voucher/') ? 'waiqin' : 'wechat';
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
  mountStandIns(running.sandbox.app, hasRoute);
  return { running, ownRing };
}

/**
 * Stand-ins for the panels' other endpoints (snapshots, notifications, worlds) in the contract's
 * shapes, each mounted only when the sandbox has no route of its own there: the panels are tested
 * against the real endpoints once they exist, and against their agreed shape until then.
 */
function mountStandIns(app: RunningSandbox['sandbox']['app'], has: (path: string, method?: string) => boolean): void {
  const at = () => new Date().toISOString().replace('Z', '+00:00');
  if (!has('/_sandbox/snapshots')) {
    const snapshots = new Map<string, string>();
    app.get('/_sandbox/snapshots', (c) => c.json({ snapshots: [...snapshots].map(([name, created_at]) => ({ name, created_at })) }));
    app.post('/_sandbox/snapshots', async (c) => {
      const { name } = (await c.req.json()) as { name: string };
      snapshots.set(name, at());
      return c.json({ name, created_at: snapshots.get(name) });
    });
    app.post('/_sandbox/snapshots/:name/restore', (c) =>
      snapshots.has(c.req.param('name')) ? c.json({ ok: true }) : c.json({ error: { code: 'NOT_FOUND', message: 'no such snapshot' } }, 404),
    );
    app.delete('/_sandbox/snapshots/:name', (c) => c.json({ ok: snapshots.delete(c.req.param('name')) }));
  }
  if (!has('/_sandbox/notifications')) {
    const notification = {
      id: 'ntf_standin_1',
      vendor: 'wechatpay',
      event: 'COUPON.SEND',
      status: 'failed',
      url: 'http://127.0.0.1:9/notify',
      created_at: at(),
      next_attempt_at: null,
      attempts: [
        {
          at: at(),
          url: 'http://127.0.0.1:9/notify',
          status: null,
          error: 'ECONNREFUSED',
          ms: 1,
          request: { headers: {}, body: '{}' },
          response: { body: '' },
        },
      ],
    };
    app.get('/_sandbox/notifications', (c) => c.json({ notifications: [notification] }));
    app.post('/_sandbox/notifications/:id/redeliver', (c) => c.json({ ok: c.req.param('id') === notification.id }));
  }
  if (!has('/_sandbox/worlds')) {
    app.get('/_sandbox/worlds', (c) =>
      c.json({
        worlds: [
          { id: 'w_default', name: null, created_at: at(), expires_at: null, default: true },
          { id: 'w_standin', name: 'stand-in', created_at: at(), expires_at: at(), default: false },
        ],
      }),
    );
  }
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
