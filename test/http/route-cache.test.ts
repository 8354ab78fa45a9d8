import { describe, expect, it } from 'vitest';
import { TrieRouter } from 'hono/router/trie-router';
import { RouteCache } from '../../src/http/route-cache.js';
import { createSandbox } from '../../src/index.js';

/** Every route of a sandbox app (catalogue, controls, middleware), in the order Hono got them. */
function sandboxRoutes(): { method: string; path: string }[] {
  return (createSandbox().app as unknown as { routes: { method: string; path: string }[] }).routes;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND'];

describe('the route cache', () => {
  it('matches every path of the sandbox, for every method, exactly as the trie does, the second time too', () => {
    const routes = sandboxRoutes();
    const cache = new RouteCache<number>();
    const trie = new TrieRouter<number>();
    routes.forEach((r, i) => (cache.add(r.method, r.path, i), trie.add(r.method, r.path, i)));
    const paths = [...routes.map((r) => r.path.replace(/:(\w+)/g, 'x-$1').replace(/\*$/, 'any/thing')), '/card/code/get/', '/nope', '/'];
    expect(paths).toContain('/card/code/get');
    for (const path of paths) {
      for (const method of METHODS) {
        const expected = trie.match(method, path);
        expect(cache.match(method, path), `${method} ${path}`).toEqual(expected);
        expect(cache.match(method, path), `${method} ${path} again`).toEqual(expected);
      }
    }
  });

  it('forgets what it matched when a route is added', () => {
    const cache = new RouteCache<string>();
    cache.add('ALL', '/card/code/get', 'catalogue');
    expect(cache.match('POST', '/card/code/get')[0].map(([handler]) => handler)).toEqual(['catalogue']);
    cache.add('POST', '/card/*', 'later');
    expect(cache.match('POST', '/card/code/get')[0].map(([handler]) => handler)).toEqual(['catalogue', 'later']);
  });
});
