import { builtinModules } from 'node:module';
import { build, type Plugin } from 'esbuild';
import { copyFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * Fails the browser build on any Node built-in (`node:crypto`, `fs`, ...), naming the importer, so a
 * Node-only import that sneaks into src/ or mocks/ breaks the build instead of the user's bundle.
 */
export const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      if (!NODE_BUILTINS.has(args.path) && !args.path.startsWith('node:')) return undefined;
      return { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer} is not allowed in the browser bundle` }] };
    });
  },
};

/**
 * Bundles the page for the real-browser test (platform browser, ESM) into `outdir`, writes its
 * index.html and copies msw's `mockServiceWorker.js` next to it — the one setup step a worker needs
 * (`npx msw init <public dir>` does the same copy in a real project). Returns the bundle's inputs.
 *
 * @example
 * const inputs = await buildPage('/tmp/page');
 */
export async function buildPage(outdir: string, entry = fileURLToPath(new URL('./page.ts', import.meta.url))): Promise<string[]> {
  const result = await build({
    entryPoints: { page: entry },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    metafile: true,
    logLevel: 'silent',
    plugins: [noNodeBuiltins],
  });
  const require = createRequire(import.meta.url);
  copyFileSync(require.resolve('msw/mockServiceWorker.js'), join(outdir, 'mockServiceWorker.js'));
  writeFileSync(
    join(outdir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>coupon-sandbox msw page</title><link rel="icon" href="data:,"><pre id="log"></pre><script type="module" src="/page.js"></script>\n',
  );
  return Object.keys(result.metafile.inputs);
}
