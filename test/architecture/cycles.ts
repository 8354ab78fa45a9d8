/**
 * Import cycles as strongly connected components (Tarjan), each shown as one concrete loop
 * `a → b → a`. A component, not just one loop, is what must be broken: two loops through the same
 * files are one tangle.
 */
import type { ImportEdge } from './import-graph.js';

export interface Cycle {
  /** The files of the component, sorted: the identity of the cycle. */
  files: string[];
  /** One loop through the component, starting and ending at files[0]. */
  loop: string[];
}

/** Edges between source files in the set; `typeOnly: false` leaves out imports erased at compile time. */
function adjacency(edges: readonly ImportEdge[], includeTypeOnly: boolean): Map<string, Set<string>> {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (!next.has(e.importer)) next.set(e.importer, new Set());
    if (e.target.kind !== 'file' || !e.target.exists || (e.typeOnly && !includeTypeOnly)) continue;
    next.get(e.importer)!.add(e.target.path);
  }
  return next;
}

function components(next: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || next.get(v)?.has(v)) out.push(scc.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  return out;
}

/** Shortest loop from the component's first file back to itself (BFS inside the component). */
function loopThrough(files: string[], next: Map<string, Set<string>>): string[] {
  const inside = new Set(files);
  const start = files[0];
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of [...(next.get(v) ?? [])].sort()) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(parent.get(path[0])!);
        return [...path, start];
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start]; // unreachable for a real component; a self-import is its own loop
}

export function findCycles(edges: readonly ImportEdge[], options: { includeTypeOnly: boolean }): Cycle[] {
  const next = adjacency(edges, options.includeTypeOnly);
  return components(next).map((files) => ({ files, loop: loopThrough(files, next) }));
}

export function formatCycle(cycle: Cycle): string {
  return cycle.loop.join(' → ') + (cycle.files.length > cycle.loop.length - 1 ? `  (component of ${cycle.files.length} files)` : '');
}
