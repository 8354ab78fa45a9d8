/**
 * The architecture's import boundaries as data and one checker. eslint.config.js enforces the same
 * rules on import specifiers (fast editor feedback); this checker works on resolved paths, so a
 * `../../http/x.js` cannot slip past a pattern.
 */
import type { ImportEdge } from './import-graph.js';

export const VENDORS = ['wechat', 'wechatpay', 'waiqin'] as const;
export type VendorName = (typeof VENDORS)[number];

/** Where vendor code may live: today src/engine/<v>/ and src/http/<v>/; after the move src/vendors/<v>/. */
const VENDOR_ROOTS = ['engine', 'http', 'vendors'];

/**
 * The vendor a source file belongs to, or undefined for shared code. Matches whole path segments
 * (`wechat` is a prefix of `wechatpay`), and a file named after the vendor (`src/vendors/wechat.ts`)
 * belongs to it too.
 */
export function vendorOf(path: string): VendorName | undefined {
  const [top, root, name] = path.split('/');
  if (top !== 'src' || !VENDOR_ROOTS.includes(root) || name === undefined) return undefined;
  const segment = name.replace(/\.[cm]?[jt]sx?$/, '');
  return (VENDORS as readonly string[]).includes(segment) ? (segment as VendorName) : undefined;
}

/** Engine code: src/engine/** and, after the move, src/vendors/<v>/engine/**. */
export function isEngine(path: string): boolean {
  return path.startsWith('src/engine/') || /^src\/vendors\/[^/]+\/engine\//.test(path);
}

/** HTTP code: src/http/** and, after the move, src/vendors/<v>/http/**. */
export function isHttp(path: string): boolean {
  return path.startsWith('src/http/') || /^src\/vendors\/[^/]+\/http\//.test(path);
}

/** The only src/ files that may touch Node: the Node transport, the CLI, the dev tools and the data dir's file I/O. */
export function isNodeEntry(path: string): boolean {
  return (
    path === 'src/node.ts' ||
    /^src\/cli(-[\w-]+)?\.ts$/.test(path) ||
    path.startsWith('src/tools/') ||
    /^src\/journal\/(file-[\w-]+|open-data-dir)\.ts$/.test(path)
  );
}

/** HTTP framework packages the engine must not know about. */
const TRANSPORT_PACKAGES = new Set(['hono', '@hono/node-server', 'msw']);

export type RuleName = 'engine-is-transport-free' | 'node-only-in-entry-points' | 'vendors-are-isolated' | 'contracts-are-black-box';

export interface Violation {
  rule: RuleName;
  importer: string;
  line: number;
  /** The resolved file, builtin or package imported. */
  imported: string;
  specifier: string;
}

function importedName(edge: ImportEdge): string {
  const t = edge.target;
  return t.kind === 'file' ? t.path : t.kind === 'builtin' ? `node:${t.name}` : t.name;
}

/** Which rules one edge breaks. Type-only imports count too: they still couple the layers. */
function broken(edge: ImportEdge): RuleName[] {
  const { importer, target } = edge;
  const out: RuleName[] = [];
  if (isEngine(importer)) {
    const transport =
      target.kind === 'builtin' ||
      (target.kind === 'package' && (TRANSPORT_PACKAGES.has(target.name) || target.name.startsWith('@hono/'))) ||
      (target.kind === 'file' && isHttp(target.path));
    if (transport) out.push('engine-is-transport-free');
  }
  if (importer.startsWith('src/') && !isNodeEntry(importer) && target.kind === 'builtin') out.push('node-only-in-entry-points');
  if (target.kind === 'file') {
    const from = vendorOf(importer);
    const to = vendorOf(target.path);
    if (from && to && from !== to) out.push('vendors-are-isolated');
    const internal = isEngine(target.path) || isHttp(target.path) || target.path.startsWith('src/vendors/');
    if (importer.startsWith('contracts/') && internal) out.push('contracts-are-black-box');
  }
  return out;
}

export function checkBoundaries(edges: readonly ImportEdge[]): Violation[] {
  return edges.flatMap((edge) =>
    broken(edge).map((rule) => ({ rule, importer: edge.importer, line: edge.line, imported: importedName(edge), specifier: edge.specifier })),
  );
}

/** `src/engine/x.ts:3 → node:fs  [engine-is-transport-free]` — one line per violation, for the failure message. */
export function formatViolation(v: Violation): string {
  return `${v.importer}:${v.line} → ${v.imported} ('${v.specifier}')  [${v.rule}]`;
}
