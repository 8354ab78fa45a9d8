import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { errorEntry } from '../../src/index.js';
import { buildPage, noNodeBuiltins } from './build-page.js';
import { findChromium } from './find-browser.js';
import { serveDir } from './serve-dir.js';

// Any Chromium will do (CHROMIUM_PATH, or chromium / chromium-browser / google-chrome on PATH).
// Without one the Chromium tests are skipped with the reason printed, except in CI (CI set, as
// .ci/run does), where a missing browser fails them: CI must never pass without running them.
const CHROMIUM = findChromium();
const skipChromium = !CHROMIUM.found && !CHROMIUM.required;
if (!CHROMIUM.found) console.warn(`[browser tests] ${skipChromium ? 'skipping the Chromium tests' : 'the Chromium tests will fail'}: ${CHROMIUM.reason}`);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'coupon-sandbox-page-'));
let inputs: string[] = [];
let site: Awaited<ReturnType<typeof serveDir>>;
let browser: Browser;

beforeAll(async () => {
  inputs = await buildPage(dir);
  site = await serveDir(dir);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the browser bundle', () => {
  it('holds the whole sandbox (src/ and mocks/) and no Node built-in', () => {
    expect(inputs).toContain('mocks/browser.ts');
    expect(inputs).toContain('src/sandbox.ts');
    expect(inputs.filter((i) => i.startsWith('node:'))).toEqual([]);
  });

  it('fails to build when a Node built-in sneaks in, naming the importer', async () => {
    const entry = join(dir, 'sneaky.ts');
    writeFileSync(entry, "import { createHash } from 'node:crypto';\nexport const h = createHash('md5');\n");
    await expect(buildPage(join(dir, 'sneaky-out'), entry)).rejects.toThrow(/Node built-in "node:crypto" imported by .*sneaky\.ts/);
  });

  it('refuses coupon-sandbox/msw/node in a browser build ("browser": null, as msw does)', async () => {
    const attempt = build({
      stdin: { contents: "import 'coupon-sandbox/msw/node';", resolveDir: ROOT, sourcefile: 'app.ts' },
      bundle: true,
      write: false,
      platform: 'browser',
      logLevel: 'silent',
      plugins: [noNodeBuiltins],
    });
    await expect(attempt).rejects.toThrow(/Could not resolve "coupon-sandbox\/msw\/node"/);
  });
});

describe.skipIf(skipChromium)(`msw setupWorker in headless Chromium${CHROMIUM.found ? '' : ` (${CHROMIUM.reason})`}`, () => {
  beforeAll(async () => {
    if (!CHROMIUM.found) throw new Error(`browser tests must run here (CI): ${CHROMIUM.reason}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM.path,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  it('intercepts the page’s fetch to https://api.weixin.qq.com: a code is consumed, then reported consumed', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 15_000 }).catch(() => {
      throw new Error(`page never became ready:\n${problems.join('\n')}`);
    });

    const result = await page.evaluate(() => window.consumeScenario());
    const consumed = errorEntry('wechat', '40099');

    expect(problems).toEqual([]);
    expect(result.controlled).toBe(true);
    expect(result.token).toMatchObject({ expires_in: 7200 });
    expect(result.before).toMatchObject({ errcode: 0, errmsg: 'ok', can_consume: true, user_card_status: 'NORMAL' });
    expect(result.consume).toEqual({ errcode: 0, errmsg: 'ok', card: { card_id: result.given.card_id }, openid: result.given.openid });
    expect(result.after).toEqual({
      errcode: Number(consumed.code),
      errmsg: expect.stringMatching(new RegExp(`^${escape(consumed.message)} rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$`)),
    });
    expect(result.status).toMatchObject({ errcode: 0, can_consume: false, user_card_status: 'CONSUMED' });
    // The page also shows it: the log lists every answer it got.
    expect(await page.textContent('#log')).toContain('"user_card_status":"CONSUMED"');
    await page.close();
  });

  it('signs WeChat Pay v3 and waiqin365 calls in the page (Web Crypto, MD5) and verifies the signed v3 answer', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 15_000 });

    const result = await page.evaluate(() => window.signedVendorsScenario());

    expect(problems).toEqual([]);
    expect(result.v3).toMatchObject({ status: 200, verified: 'verified', stock: { stock_id: '98065001' } });
    expect(result.waiqin).toMatchObject({ status: 200, return_code: '0', msg_id: 'browser-1' });
    expect(result.waiqin.vouchers).toBeGreaterThan(0);
    await page.close();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
