// The browser bundle a user gets from `coupon-sandbox/msw` with an `msw/browser` worker: built with
// esbuild (minified, platform browser) from the built package inside a throwaway consumer project,
// as a user's bundler would see it. Prints the size, gzip included, and what takes the space, next
// to msw's own share (a worker with one trivial handler); fails above a budget, and if faker's
// locales (the largest item before they were cut) come back.
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { makeConsumer, type Consumer } from '../support/consumer.js';

/** Budget for the whole bundle, msw's ~300 kB included (it was 1,304 kB / 411 kB gzip). */
// 885 kB when the cut landed; the WeChat Pay key modes (their TEST-ONLY PEM keys) and the fault rules
// added about 75 kB of real code, the hardening (the transaction undo log, indexes, token book,
// bounded parse, control guard) about 15 kB. Still 26% under the 1,304 kB before the cut.
// Notifications (outbox, COUPON.SEND and card-event wire formats, their controls and schemas) run
// under msw too and add about 19 kB minified / 5 kB gzip: the gzip budget went from 300 to 305 kB.
// Worlds (registry, credential routing, templates) and notifications together took it to 1,009 kB /
// 305 kB gzip: the budget is 1,050 kB / 315 kB, still a fifth under the 1,304 kB before the cut.
const BUDGET = { minified: 1_050_000, gzip: 315_000 };

const SANDBOX_PAGE = `import { setupWorker } from 'msw/browser';
import { createSandboxHandlers } from 'coupon-sandbox/msw';

const { handlers } = createSandboxHandlers({ seed: 1 });
export const worker = setupWorker(...handlers);
`;
const MSW_ONLY_PAGE = `import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';

export const worker = setupWorker(http.all('https://api.weixin.qq.com/*', () => HttpResponse.json({ errcode: 0 })));
`;

let consumer: Consumer;
afterAll(() => consumer?.remove());

interface Bundle {
  minified: number;
  gzip: number;
  inputs: Metafile['outputs'][string]['inputs'];
}

async function bundle(entry: string): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: consumer.dir,
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const out = result.outputFiles[0]!.contents;
  return { minified: out.length, gzip: gzipSync(out).length, inputs: Object.values(result.metafile.outputs)[0]!.inputs };
}

/** Bytes in the output per package (`@scope/name`), or per directory of coupon-sandbox. */
function byOwner(inputs: Bundle['inputs']): Array<[string, number]> {
  const owners = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const parts = path.split('node_modules/').pop()!.split('/');
    const pkg = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    // coupon-sandbox by directory (dist/src/engine, dist/schemas/wechat, ...), others by package.
    const owner = pkg === 'coupon-sandbox' ? ['coupon-sandbox', ...parts.slice(1, -1).slice(0, 3)].join('/') : pkg;
    owners.set(owner, (owners.get(owner) ?? 0) + bytesInOutput);
  }
  return [...owners].sort((a, b) => b[1] - a[1]);
}

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

describe('browser bundle size (coupon-sandbox/msw + msw/browser)', () => {
  it('stays within budget, with no faker locale but its base', async () => {
    consumer = makeConsumer({ type: 'module', files: { 'sandbox-page.js': SANDBOX_PAGE, 'msw-only-page.js': MSW_ONLY_PAGE } });
    const [sandbox, mswOnly] = [await bundle('sandbox-page.js'), await bundle('msw-only-page.js')];
    const owners = byOwner(sandbox.inputs);
    console.log(
      [
        `coupon-sandbox/msw + msw/browser: ${kB(sandbox.minified)} minified, ${kB(sandbox.gzip)} gzip`,
        `msw/browser alone (one trivial handler): ${kB(mswOnly.minified)} minified, ${kB(mswOnly.gzip)} gzip`,
        `the sandbox's share: ${kB(sandbox.minified - mswOnly.minified)} minified, ${kB(sandbox.gzip - mswOnly.gzip)} gzip`,
        'largest parts (minified bytes in the bundle):',
        ...owners.slice(0, 14).map(([owner, bytes]) => `  ${kB(bytes).padStart(9)}  ${owner}`),
      ].join('\n'),
    );
    const fakerInputs = Object.keys(sandbox.inputs).filter((p) => p.includes('@faker-js/faker/'));
    // Only the module holding the Faker class and its small base locale; no zh_CN, no en.
    expect(fakerInputs.length).toBeGreaterThan(0);
    expect(fakerInputs.filter((p) => !/@faker-js\/faker\/dist\/(base-[\w-]+|locale\/base)\.js$/.test(p))).toEqual([]);
    expect(sandbox.minified).toBeLessThan(BUDGET.minified);
    expect(sandbox.gzip).toBeLessThan(BUDGET.gzip);
  }, 60_000);
});
