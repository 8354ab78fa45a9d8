/**
 * The layering the architecture promises, checked on every import of src/, mocks/ and contracts/
 * (resolved paths, not patterns): the engine knows no transport, only the Node entry points touch
 * Node, vendors do not reach into each other, the contract kit is black-box, and nothing imports in
 * a circle. The second half plants each violation in memory so no rule can pass by accident.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, formatViolation, vendorOf, type RuleName } from './boundary-rules.js';
import { findCycles, formatCycle, type Cycle } from './cycles.js';
import { importGraph, importsOf, type SourceFiles } from './import-graph.js';

/**
 * Value-import cycles that exist today and are being refactored away, each the sorted file set of
 * one cycle component. Empty: src/sandbox.ts ↔ src/http/app.ts is closed only by `import type
 * { Sandbox }` (src/http/** → src/sandbox.ts), so it is a type-only cycle, logged below, not a
 * failure. Add an entry only for a value cycle that a refactor in flight removes; the "still exists"
 * test fails as soon as an entry is stale, so it cannot linger.
 */
export const KNOWN_CYCLES_TO_REMOVE: readonly (readonly string[])[] = [];

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCANNED = ['src', 'mocks', 'contracts'];

function readTree(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (/\.(ts|mts|tsx)$/.test(entry.name)) files.set(relative(ROOT, abs).split(sep).join('/'), readFileSync(abs, 'utf8'));
    }
  };
  for (const top of SCANNED) walk(join(ROOT, top));
  return files;
}

const sameFiles = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((f, i) => f === [...b].sort()[i]);
const isKnown = (cycle: Cycle, known: readonly (readonly string[])[] = KNOWN_CYCLES_TO_REMOVE) => known.some((known) => sameFiles(known, cycle.files));

describe('import boundaries of src/, mocks/ and contracts/', () => {
  const tree = readTree();
  const edges = importGraph(tree);
  const violations = checkBoundaries(edges);

  it('scans the real tree (so an empty scan cannot pass)', () => {
    expect(tree.has('src/sandbox.ts') && tree.has('src/engine/store.ts') && tree.has('mocks/handlers.ts') && tree.has('contracts/index.ts')).toBe(true);
    expect(edges.filter((e) => e.importer === 'mocks/handlers.ts').map((e) => e.specifier)).toContain('../src/sandbox.js');
    expect(edges.length).toBeGreaterThan(300);
  });

  it('resolves every relative import to a file that exists', () => {
    const dangling = edges.filter((e) => e.target.kind === 'file' && !e.target.exists && !/\.json$/.test(e.target.path));
    expect(dangling.map((e) => `${e.importer}:${e.line} '${e.specifier}'`)).toEqual([]);
  });

  const rules: [RuleName, string][] = [
    ['engine-is-transport-free', 'src/engine/** imports no hono, msw, src/http or Node builtin'],
    ['node-only-in-entry-points', 'only src/node.ts, src/cli.ts and src/tools/** import Node builtins'],
    ['vendors-are-isolated', "no vendor's code imports another vendor's code"],
    ['contracts-are-black-box', 'contracts/ imports nothing from src/engine, src/http or src/vendors'],
  ];
  it.each(rules)('%s: %s', (rule) => {
    expect(violations.filter((v) => v.rule === rule).map(formatViolation)).toEqual([]);
  });

  it('has no value-import cycle (type-only imports excluded) beyond KNOWN_CYCLES_TO_REMOVE', () => {
    const cycles = findCycles(edges, { includeTypeOnly: false });
    const typeOnly = findCycles(edges, { includeTypeOnly: true }).filter((c) => !cycles.some((v) => sameFiles(v.files, c.files)));
    // Informational: a loop closed only by `import type` costs nothing at run time.
    if (typeOnly.length) console.info(`type-only import cycles (informational):\n  ${typeOnly.map(formatCycle).join('\n  ')}`);
    expect(cycles.filter((c) => !isKnown(c)).map(formatCycle)).toEqual([]);
  });

  it('KNOWN_CYCLES_TO_REMOVE lists only cycles that still exist (remove an entry once it is broken)', () => {
    const cycles = findCycles(edges, { includeTypeOnly: false });
    const stale = KNOWN_CYCLES_TO_REMOVE.filter((known) => !cycles.some((c) => sameFiles(known, c.files)));
    expect(stale.map((files) => files.join(' ↔ '))).toEqual([]);
  });
});

describe('the boundary checker on planted violations', () => {
  const files = (entries: Record<string, string>): SourceFiles => new Map(Object.entries(entries));
  const check = (entries: Record<string, string>) => checkBoundaries(importGraph(files(entries))).map((v) => `${v.importer} → ${v.imported} [${v.rule}]`);

  it('tells vendors apart by whole path segment, in all three layouts', () => {
    expect(vendorOf('src/engine/wechat/cards.ts')).toBe('wechat');
    expect(vendorOf('src/engine/wechatpay/stocks.ts')).toBe('wechatpay');
    expect(vendorOf('src/http/waiqin/index.ts')).toBe('waiqin');
    expect(vendorOf('src/http/wechatpay/signer.ts')).toBe('wechatpay');
    expect(vendorOf('src/vendors/wechatpay/engine/coupons.ts')).toBe('wechatpay');
    expect(vendorOf('src/vendors/wechat.ts')).toBe('wechat');
    expect(vendorOf('src/engine/wechatpayx/a.ts')).toBeUndefined();
    expect(vendorOf('src/engine/store.ts')).toBeUndefined();
    expect(vendorOf('src/http/app.ts')).toBeUndefined();
    expect(vendorOf('contracts/vendors/wechat.ts')).toBeUndefined();
  });

  it('parses every import form and tells type-only and dynamic imports apart', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B, type C } from './b.js';",
      "import { type D, E } from './c.js';",
      "import F from './d.js';",
      "import * as G from './e.js';",
      "import './f.js';",
      "export { H } from './g.js';",
      "export type { I } from './h.js';",
      "export * from './i.js';",
      "export type * from './j.js';",
      "export * as K from './k.js';",
      "const lazy = () => import('./l.js');",
      "type M = import('./m.js').M;",
      "const n = require('./n.js');",
      "import data from '../schemas/x.json' with { type: 'json' };",
      "import { serve } from '@hono/node-server/dist/x.js';",
      "import fs from 'fs/promises';",
    ].join('\n');
    const edges = importsOf('src/engine/z.ts', text, files({ 'src/engine/a.ts': '' }));
    const flags = edges.map((e) => `${e.specifier} ${e.typeOnly ? 'type' : 'value'}${e.dynamic ? ' dynamic' : ''}`);
    expect(flags).toEqual([
      './a.js type',
      './b.js type',
      './c.js value',
      './d.js value',
      './e.js value',
      './f.js value',
      './g.js value',
      './h.js type',
      './i.js value',
      './j.js type',
      './k.js value',
      './l.js value dynamic',
      './m.js type',
      './n.js value',
      '../schemas/x.json value',
      '@hono/node-server/dist/x.js value',
      'fs/promises value',
    ]);
    expect(edges[0].target).toEqual({ kind: 'file', path: 'src/engine/a.ts', exists: true });
    expect(edges[1].target).toEqual({ kind: 'file', path: 'src/engine/b.ts', exists: false });
    expect(edges[0].line).toBe(1);
    expect(edges[15].target).toEqual({ kind: 'package', name: '@hono/node-server' });
    expect(edges[16].target).toEqual({ kind: 'builtin', name: 'fs/promises' });
  });

  it('engine-is-transport-free: hono, msw, @hono/*, src/http and Node builtins, even type-only or dynamic', () => {
    expect(
      check({
        'src/engine/a.ts': "import { Hono } from 'hono';\nimport './store.js';",
        'src/engine/wechat/b.ts': "import type { HttpHandler } from 'msw';\nexport const x = () => import('../../http/body.js');",
        'src/engine/store.ts': "import { serve } from '@hono/node-server';",
        'src/vendors/waiqin/engine/c.ts': "import type { VendorHttp } from '../http/index.js';",
        'src/vendors/waiqin/http/index.ts': '',
        'src/http/body.ts': '',
      }),
    ).toEqual([
      'src/engine/a.ts → hono [engine-is-transport-free]',
      'src/engine/wechat/b.ts → msw [engine-is-transport-free]',
      'src/engine/wechat/b.ts → src/http/body.ts [engine-is-transport-free]',
      'src/engine/store.ts → @hono/node-server [engine-is-transport-free]',
      'src/vendors/waiqin/engine/c.ts → src/vendors/waiqin/http/index.ts [engine-is-transport-free]',
    ]);
    expect(check({ 'src/engine/clock.ts': "import { readFileSync } from 'fs';" })).toEqual([
      'src/engine/clock.ts → node:fs [engine-is-transport-free]',
      'src/engine/clock.ts → node:fs [node-only-in-entry-points]',
    ]);
  });

  it('node-only-in-entry-points: node:* and bare builtins, except src/node.ts, src/cli.ts, src/tools/**', () => {
    expect(
      check({
        'src/options.ts': "import { env } from 'node:process';",
        'src/http/body.ts': "import type { IncomingMessage } from 'http';",
        'src/node.ts': "import { createServer } from 'node:http';",
        'src/cli.ts': "import { parseArgs } from 'node:util';",
        'src/tools/bench/run.ts': "import { fork } from 'node:child_process';",
        'contracts/report.ts': "import { writeFileSync } from 'node:fs';",
        'mocks/node.ts': "import { setupServer } from 'msw/node';",
      }),
    ).toEqual(['src/options.ts → node:process [node-only-in-entry-points]', 'src/http/body.ts → node:http [node-only-in-entry-points]']);
  });

  it('vendors-are-isolated: across engine, http and vendors/ layouts; own vendor and shared code allowed', () => {
    expect(
      check({
        'src/engine/wechat/a.ts': "import { x } from '../wechatpay/model.js';\nimport { y } from '../store.js';\nimport { z } from './b.js';",
        'src/engine/wechatpay/model.ts': '',
        'src/engine/wechat/b.ts': '',
        'src/engine/store.ts': '',
        'src/http/wechatpay/index.ts': "import { e } from '../../engine/wechatpay/model.js';\nimport { w } from '../../engine/wechat/b.js';",
        'src/vendors/waiqin/http/index.ts': "import type { T } from '../../wechat.js';",
        'src/vendors/wechat.ts': '',
        'src/http/app.ts': "import '../engine/wechat/b.js';\nimport './wechatpay/index.js';",
      }),
    ).toEqual([
      'src/engine/wechat/a.ts → src/engine/wechatpay/model.ts [vendors-are-isolated]',
      'src/http/wechatpay/index.ts → src/engine/wechat/b.ts [vendors-are-isolated]',
      'src/vendors/waiqin/http/index.ts → src/vendors/wechat.ts [vendors-are-isolated]',
    ]);
  });

  it('contracts-are-black-box: src/engine, src/http, src/vendors refused; public modules allowed', () => {
    expect(
      check({
        'contracts/config.ts': "import type { Vendor } from '../src/engine/vendor-error.js';\nimport type { Vendor as V } from '../src/index.js';",
        'contracts/vendors/wechatpay.ts':
          "import { v3Authorization } from '../../src/http/wechatpay/signer.js';\nimport { operation } from '../../src/operations.js';",
        'contracts/target.ts': "const m = () => import('../src/vendors/waiqin/engine.js');\nconst n = () => import('../src/node.js');",
        'src/engine/vendor-error.ts': '',
        'src/index.ts': '',
        'src/http/wechatpay/signer.ts': '',
        'src/operations.ts': '',
        'src/node.ts': '',
      }),
    ).toEqual([
      'contracts/config.ts → src/engine/vendor-error.ts [contracts-are-black-box]',
      'contracts/vendors/wechatpay.ts → src/http/wechatpay/signer.ts [contracts-are-black-box]',
      'contracts/target.ts → src/vendors/waiqin/engine.ts [contracts-are-black-box]',
    ]);
  });

  it('cycles: value loops found (dynamic imports included), type-only loops only when asked', () => {
    const graph = importGraph(
      files({
        'src/a.ts': "import { b } from './b.js';",
        'src/b.ts': "import { c } from './c.js';",
        'src/c.ts': "export const load = () => import('./a.js');",
        'src/d.ts': "import type { E } from './e.js';",
        'src/e.ts': "import { type D } from './d.js';",
        'src/f.ts': "import { a } from './a.js';",
        'src/g.ts': "import { g } from './g.js';",
      }),
    );
    const value = findCycles(graph, { includeTypeOnly: false });
    expect(value.map((c) => c.files)).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts'], ['src/g.ts']]);
    expect(value.map(formatCycle)).toEqual(['src/a.ts → src/b.ts → src/c.ts → src/a.ts', 'src/g.ts → src/g.ts']);
    expect(findCycles(graph, { includeTypeOnly: true }).map((c) => c.files)).toContainEqual(['src/d.ts', 'src/e.ts']);
  });

  it('a known cycle silences exactly the listed component, not a larger one through the same files', () => {
    const known = [['src/http/app.ts', 'src/sandbox.ts']];
    const pair = findCycles(importGraph(files({ 'src/sandbox.ts': "import './http/app.js';", 'src/http/app.ts': "import '../sandbox.js';" })), {
      includeTypeOnly: false,
    });
    expect(pair.map((c) => isKnown(c, known))).toEqual([true]);
    const wider = findCycles(
      importGraph(
        files({
          'src/sandbox.ts': "import './http/app.js';",
          'src/http/app.ts': "import './wechat/index.js';",
          'src/http/wechat/index.ts': "import '../../sandbox.js';",
        }),
      ),
      { includeTypeOnly: false },
    );
    expect(wider.map((c) => isKnown(c, known))).toEqual([false]);
  });
});
