import { bypass, http, type HttpHandler } from 'msw';

/** A world of a running sandbox: what `createWorld(baseUrl)` gives (only `baseUrl` and `id` are read). */
export interface RemoteWorldTarget {
  readonly baseUrl: string;
  readonly id: string;
}

/**
 * Handlers that answer the vendor origins from a world of a remote sandbox (one shared `npm
 * start`) instead of an in-process one: each request goes to `baseUrl` with its path, query,
 * method, headers and body unchanged. Vendor calls reach the world by the credentials they carry
 * (use the world's); `/_sandbox/` requests get the world's `X-Sandbox-World`, so code that drives
 * the control surface acts on this world and no other.
 */
export function remoteHandlers(world: RemoteWorldTarget, origins: readonly string[]): HttpHandler[] {
  const base = world.baseUrl.replace(/\/+$/, '');
  return origins.map((origin) =>
    http.all(`${origin}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const headers = new Headers(request.headers);
      headers.delete('host');
      if (url.pathname.startsWith('/_sandbox/')) headers.set('x-sandbox-world', world.id);
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
      // bypass(): msw must not intercept the forwarded request again (nor report it unhandled). Its
      // headers carry the mark; the body goes as plain init (a Request object would be rebuilt by
      // the interceptor with the method's body rules of whatever Request class is global).
      const target = `${base}${url.pathname}${url.search}`;
      const marked = bypass(target, { method: request.method, headers });
      const forwarded = await fetch(target, { method: request.method, headers: marked.headers, body });
      return new Response(request.method === 'HEAD' ? null : await forwarded.arrayBuffer(), { status: forwarded.status, headers: forwarded.headers });
    }),
  );
}
