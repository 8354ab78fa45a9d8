/**
 * Reads a V8 CPU profile of a benchmark server and says where the time goes, per request:
 * - by owner: each sample is charged to the deepest frame that is the project's own code
 *   (src/, mocks/: `file:line function`), so JSON.parse called from parseJson counts as parseJson;
 *   samples with no project frame are charged to the library or runtime part they run in (Node's
 *   HTTP server, hono, @hono/node-server, GC...);
 * - by self time: the leaf functions, wherever they are.
 * Frames are already mapped to .ts lines by profiler.ts.
 */
import type { CpuProfile, ProfileNode } from './profiler.js';
import { markdownTable, pct } from './table.js';

const ROOT = new URL('../../../', import.meta.url).href;

export interface Attribution {
  key: string;
  micros: number;
}

export interface Summary {
  /** Sampled time the process was not idle (µs). */
  busyMicros: number;
  idleMicros: number;
  byOwner: Attribution[];
  bySelf: Attribution[];
  /** Project functions with everything they call (a sample counts once per function on its stack). */
  inclusive: Attribution[];
}

function shortUrl(url: string): string {
  if (url.startsWith(ROOT)) return url.slice(ROOT.length);
  return url.replace(/^file:\/\/.*\/node_modules\//, '');
}

function isProject(url: string): boolean {
  if (!url.startsWith(ROOT)) return false;
  // The bench serves the built dist/ (no source maps): its frames are the project's too.
  const rel = url.slice(ROOT.length).replace(/^dist\//, '');
  return (rel.startsWith('src/') || rel.startsWith('mocks/')) && !rel.startsWith('src/tools/');
}

function frameKey(node: ProfileNode): string {
  const f = node.callFrame;
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  return `${name} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
}

/** The library or runtime bucket of a frame with no project frame above it. */
function bucket(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)') return '(program: V8/native outside JS frames)';
  if (url.includes('/node_modules/@hono/node-server/')) return '@hono/node-server';
  if (url.includes('/node_modules/hono/')) return 'hono';
  if (url.includes('/node_modules/tsx/')) return 'tsx';
  if (url.startsWith('node:')) {
    const mod = url.slice(5).split('/')[0]!;
    if (/^_http|http/.test(mod)) return 'node:http (parser, server, outgoing)';
    if (/^(net|stream|_stream|internal\/stream|buffer|events)/.test(url.slice(5))) return 'node: net/streams/events';
    return `node:${url.slice(5)}`;
  }
  if (!url) return functionName ? `native: ${functionName}` : 'native';
  return shortUrl(url);
}

export function summarize(profile: CpuProfile): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Owner per node, memoised: the deepest project frame on its stack, else the leaf's bucket.
  const owner = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const known = owner.get(id);
    if (known) return known;
    let cursor: number | undefined = id;
    let found: string | undefined;
    while (cursor !== undefined) {
      const node = byId.get(cursor)!;
      if (isProject(node.callFrame.url)) {
        found = frameKey(node);
        break;
      }
      cursor = parent.get(cursor);
    }
    const result = found ?? bucket(byId.get(id)!);
    owner.set(id, result);
    return result;
  };
  // Project frames on a node's stack, memoised like the owner.
  const projectStack = new Map<number, string[]>();
  const projectFrames = (id: number): string[] => {
    const known = projectStack.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const up = parent.get(id);
    const above = up === undefined ? [] : projectFrames(up);
    const result = isProject(node.callFrame.url) && !above.includes(frameKey(node)) ? [...above, frameKey(node)] : above;
    projectStack.set(id, result);
    return result;
  };
  const inclusiveTotals = new Map<string, number>();
  const ownerTotals = new Map<string, number>();
  const selfTotals = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    // timeDeltas[i] is the time before sample i; the next delta is closer to what sample i stands for.
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    busy += dt;
    const o = ownerOf(id);
    ownerTotals.set(o, (ownerTotals.get(o) ?? 0) + dt);
    for (const key of projectFrames(id)) inclusiveTotals.set(key, (inclusiveTotals.get(key) ?? 0) + dt);
    const s = node.callFrame.url ? frameKey(node) : bucket(node);
    selfTotals.set(s, (selfTotals.get(s) ?? 0) + dt);
  }
  const sorted = (m: Map<string, number>) => [...m].map(([key, micros]) => ({ key, micros })).sort((a, b) => b.micros - a.micros);
  return { busyMicros: busy, idleMicros: idle, byOwner: sorted(ownerTotals), bySelf: sorted(selfTotals), inclusive: sorted(inclusiveTotals) };
}

/** A table of the top entries, in µs per request and share of busy CPU. */
export function attributionTable(title: string, entries: Attribution[], busyMicros: number, requests: number, top: number): string {
  const shown = entries.slice(0, top);
  const rest = entries.slice(top).reduce((n, e) => n + e.micros, 0);
  const rows = shown.map((e) => [`\`${e.key}\``, (e.micros / requests).toFixed(2), pct(e.micros / busyMicros)]);
  if (rest > 0) rows.push([`(${entries.length - top} more)`, (rest / requests).toFixed(2), pct(rest / busyMicros)]);
  return markdownTable([title, 'µs / request', 'share of busy CPU'], rows);
}
