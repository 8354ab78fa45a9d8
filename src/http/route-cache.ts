import type { Result, Router } from 'hono/router';
import { TrieRouter } from 'hono/router/trie-router';

/** Methods whose matches are kept (a client may send any token as a method: those are not). */
const CACHED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Hono's TrieRouter, with what it matched for a request to a path some route names without
 * parameters remembered per method. Hono's RegExpRouter cannot hold the control routes (a static
 * segment beside `:id`), so the app falls back to the trie, which splits the path and walks its
 * nodes on every request (about 1 KB of garbage each): vendor catalogue paths are static, so their
 * match is the same every time. Matches are read, never written, by Hono; any route added empties
 * the cache.
 */
export class RouteCache<T> implements Router<T> {
  readonly name = 'RouteCache(TrieRouter)';
  private readonly trie = new TrieRouter<T>();
  /** Each path a route names without parameters, with its matches so far by method. */
  private readonly statics = new Map<string, Map<string, Result<T>>>();

  add(method: string, path: string, handler: T): void {
    this.trie.add(method, path, handler);
    for (const matches of this.statics.values()) matches.clear();
    if (!/[:*]/.test(path) && !this.statics.has(path)) this.statics.set(path, new Map());
  }

  match(method: string, path: string): Result<T> {
    const matches = this.statics.get(path);
    if (!matches || !CACHED_METHODS.has(method)) return this.trie.match(method, path);
    let found = matches.get(method);
    if (!found) matches.set(method, (found = this.trie.match(method, path)));
    return found;
  }
}
