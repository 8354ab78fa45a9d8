// The package's types in the TypeScript set-ups users have: CommonJS and ESM projects under
// `module: node16` / `nodenext`, and `moduleResolution: bundler`. Each case is a throwaway project
// that imports the built package and msw and calls `server.use(http.post(...))`, checked by one
// real `tsc --noEmit` process. The first case reproduces the reported bug (ESM-only declarations
// in a CommonJS project: "HttpHandler is not assignable to AnyHandler"), so the others cannot pass
// by accident.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeConsumer, REPO, type Consumer } from '../support/consumer.js';

const run = promisify(execFile);
const TSC = join(REPO, 'node_modules/typescript/lib/tsc.js');

/** What a user writes: the README's per-test override, with every entry the package offers. */
const USER_CODE = `import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createSandboxHandlers, VENDOR_ORIGINS } from 'coupon-sandbox/msw';
import { setupSandboxServer } from 'coupon-sandbox/msw/node';
import { createSandbox, serveSandbox, type RunningSandbox } from 'coupon-sandbox/node';
import { signWaiqinRequest } from 'coupon-sandbox';

const { server, sandbox } = setupSandboxServer({ seed: 1 });
server.use(http.post(\`\${VENDOR_ORIGINS.wechat}/card/code/get\`, () => HttpResponse.json({ errcode: -1, errmsg: 'system error' })));
server.use(http.post('https://api.weixin.qq.com/card/code/get', () => HttpResponse.json({ errcode: -1 }), { once: true }));

// The handlers in the user's own msw server, next to the user's own handlers.
const { handlers } = createSandboxHandlers({ sandbox });
const mine = setupServer(...handlers, http.get('https://example.test/', () => HttpResponse.text('mine')));
mine.use(...handlers);

const appid: string = sandbox.wechat.credentials().appid;
const other = createSandbox({ seed: 2 });
other.reset({ seed: 3 });
const running: Promise<RunningSandbox> = serveSandbox({ port: 0 });
const url: Promise<string> = running.then((r) => r.url);
const signed = signWaiqinRequest;

// The types are real, not any: a wrong call must be an error.
// @ts-expect-error a string is no request handler
server.use('not a handler');

export { appid, url, signed };
`;

interface Case {
  name: string;
  type: 'module' | 'commonjs';
  compilerOptions: Record<string, unknown>;
  /** Rewrites the copied package.json exports: the negative control's ESM-only declarations. */
  esmOnlyDeclarations?: boolean;
}

// skipLibCheck as `tsc --init` sets it: without it, `module: node16` reports errors inside msw's
// own CommonJS declarations (they import the ESM-only rettime and type-fest), and checking every
// declaration of msw, hono and @types/node takes ~10 s of CPU per case. The package's `.d.cts`
// files are checked for dangling imports by test/package/post-build.test.ts.
const base = { target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] };
const CASES: Case[] = [
  {
    name: 'CommonJS, nodenext, ESM-only declarations (the bug, reproduced)',
    type: 'commonjs',
    compilerOptions: { ...base, module: 'nodenext' },
    esmOnlyDeclarations: true,
  },
  { name: 'CommonJS, module node16', type: 'commonjs', compilerOptions: { ...base, module: 'node16' } },
  { name: 'CommonJS, module nodenext', type: 'commonjs', compilerOptions: { ...base, module: 'nodenext' } },
  { name: 'ESM, module node16', type: 'module', compilerOptions: { ...base, module: 'node16' } },
  { name: 'ESM, module nodenext', type: 'module', compilerOptions: { ...base, module: 'nodenext' } },
  { name: 'moduleResolution bundler', type: 'module', compilerOptions: { ...base, module: 'esnext', moduleResolution: 'bundler' } },
];

const consumers: Consumer[] = [];
afterAll(() => consumers.forEach((c) => c.remove()));

/** Only messages that are not msw's or Node's own, with paths relative to the project. */
async function typecheck(spec: Case): Promise<{ code: number; output: string }> {
  const consumer = makeConsumer({
    type: spec.type,
    link: ['@types/node'],
    files: {
      'tsconfig.json': JSON.stringify({ compilerOptions: spec.compilerOptions, files: ['user.ts'] }, null, 2),
      'user.ts': USER_CODE,
    },
  });
  consumers.push(consumer);
  if (spec.esmOnlyDeclarations) {
    // The exports as they were: one `types` per entry, the ESM declarations, for require too.
    const path = join(consumer.dir, 'node_modules/coupon-sandbox/package.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { exports: Record<string, unknown> };
    for (const [key, value] of Object.entries(manifest.exports)) {
      const entry = value as { import?: { types: string; default: string } };
      if (entry.import) manifest.exports[key] = { types: entry.import.types, default: entry.import.default };
    }
    writeFileSync(path, JSON.stringify(manifest, null, 2));
  }
  try {
    await run(process.execPath, [TSC, '-p', consumer.dir], { cwd: consumer.dir, timeout: 120_000 });
    return { code: 0, output: '' };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Runs the jobs `width` at a time (the suite has two cores), each result awaitable on its own. */
function pool<T>(jobs: Array<() => Promise<T>>, width: number): Array<Promise<T>> {
  let next = 0;
  const settle: Array<{ resolve: (v: T) => void; reject: (e: unknown) => void }> = [];
  const results = jobs.map(() => new Promise<T>((resolve, reject) => settle.push({ resolve, reject })));
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      await jobs[i]!().then(settle[i]!.resolve, settle[i]!.reject);
    }
  };
  for (let i = 0; i < width; i++) void worker();
  return results;
}

const results = new Map(
  pool(
    CASES.map((spec) => () => typecheck(spec)),
    2,
  ).map((result, i) => [CASES[i]!.name, result]),
);

describe('types of the built package in a user project (real tsc --noEmit)', () => {
  const [bug, ...fixed] = CASES;

  it(`${bug!.name}: server.use(http.post(...)) fails with HttpHandler not assignable to AnyHandler`, async () => {
    const { code, output } = await results.get(bug!.name)!;
    expect(code).not.toBe(0);
    expect(output).toMatch(/user\.ts\(\d+,\d+\): error TS2345: Argument of type 'HttpHandler' is not assignable to parameter of type 'AnyHandler'/);
  }, 180_000);

  for (const spec of fixed) {
    it(`${spec.name}: type-checks`, async () => {
      const { code, output } = await results.get(spec.name)!;
      expect(output).toBe('');
      expect(code).toBe(0);
    }, 180_000);
  }
});
