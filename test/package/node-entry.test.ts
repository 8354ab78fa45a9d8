// `coupon-sandbox/node` and the README's "Use from code (Node)" examples, run as they are against
// the built package in a throwaway consumer project; and every entry from CommonJS (require(esm)).
import { afterAll, describe, expect, it } from 'vitest';
import { makeConsumer, type Consumer } from '../support/consumer.js';
import { readmeBlocks } from '../support/readme.js';

const consumers: Consumer[] = [];
afterAll(() => consumers.forEach((c) => c.remove()));
function consumer(...args: Parameters<typeof makeConsumer>): Consumer {
  const made = makeConsumer(...args);
  consumers.push(made);
  return made;
}

/** A README block's file name: its first line is `// <name>`. */
function named(code: string): string {
  const name = /^\/\/ (\S+\.mjs)\n/.exec(code)?.[1];
  if (!name) throw new Error(`README block without a "// file.mjs" first line:\n${code}`);
  return name;
}

describe('coupon-sandbox/node', () => {
  it('import() gives serveSandbox and createSandbox', async () => {
    const app = consumer({
      type: 'module',
      files: {
        'main.mjs': `const node = await import('coupon-sandbox/node');
const root = await import('coupon-sandbox');
console.log(JSON.stringify({ keys: Object.keys(node).sort(), same: node.createSandbox === root.createSandbox }));
`,
      },
    });
    const { stdout } = await app.node('main.mjs');
    expect(JSON.parse(stdout)).toEqual({ keys: ['DataDirError', 'SharedStoreError', 'createSandbox', 'openSandbox', 'serveSandbox'], same: true });
  });

  it('runs the README "Use from code" examples as they are: a server on port 0, credentials, one call, stop; and in-process', async () => {
    const blocks = readmeBlocks('Use from code (Node)').filter((b) => b.lang === 'js');
    expect(blocks).toHaveLength(2);
    const files = Object.fromEntries(blocks.map((b) => [named(b.code), b.code]));
    expect(Object.keys(files)).toEqual(['start-sandbox.mjs', 'in-process.mjs']);
    const app = consumer({ type: 'module', files });

    const started = await app.node('start-sandbox.mjs');
    expect(started.stderr).toBe('');
    const [first, ...rest] = started.stdout.trim().split('\n');
    expect(first).toMatch(/^sandbox at http:\/\/127\.0\.0\.1:(\d+)$/);
    expect(Number(/:(\d+)$/.exec(first!)![1])).not.toBe(4010); // port 0 picked a free one
    const token = rest.join('\n');
    expect(token).toMatch(/access_token: '[^']{20,}'/);
    expect(token).toMatch(/expires_in: 7200/);
    // The process exited by itself: close() released the socket (execFile resolved).

    const inProcess = await app.node('in-process.mjs');
    expect(inProcess.stdout).toMatch(/^200 \{/);
    expect(inProcess.stdout).toMatch(/frozen: false/);
  });

  it('loads from CommonJS: require() of every Node entry (require(esm), no warning), msw/browser refused in Node', async () => {
    const app = consumer({
      type: 'commonjs',
      link: ['vitest'],
      files: {
        'main.cjs': `const entries = ['coupon-sandbox', 'coupon-sandbox/node', 'coupon-sandbox/msw', 'coupon-sandbox/msw/node', 'coupon-sandbox/contracts', 'coupon-sandbox/types', 'coupon-sandbox/msw/browser'];
const out = {};
for (const entry of entries) {
  try {
    out[entry] = Object.keys(require(entry)).sort();
  } catch (error) {
    out[entry] = error.code;
  }
}
console.log(JSON.stringify(out));
`,
      },
    });
    const { stdout, stderr } = await app.node('main.cjs');
    expect(stderr).toBe('');
    const out = JSON.parse(stdout) as Record<string, string[] | string>;
    expect(out['coupon-sandbox/node']).toEqual(['DataDirError', 'SharedStoreError', 'createSandbox', 'openSandbox', 'serveSandbox']);
    expect(out['coupon-sandbox']).toEqual(expect.arrayContaining(['createSandbox', 'signedV3Request', 'signWaiqinRequest']));
    expect(out['coupon-sandbox/msw']).toEqual(expect.arrayContaining(['createSandboxHandlers', 'VENDOR_ORIGINS']));
    expect(out['coupon-sandbox/msw/node']).toEqual(expect.arrayContaining(['setupSandboxServer']));
    expect(out['coupon-sandbox/contracts']).toEqual(expect.arrayContaining(['defineContractSuites', 'runContracts']));
    expect(out['coupon-sandbox/types']).toEqual([]); // types only
    expect(out['coupon-sandbox/msw/browser']).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});
