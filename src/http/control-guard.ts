import type { MiddlewareHandler } from 'hono';
import type { ResolvedOptions } from '../options.js';
import { ControlError } from '../pipeline/control-error.js';

/** What a network listener tells the app about itself (the Node server sets it; msw and app.request do not). */
export interface ListenerInfo {
  /** The address or name the server was bound to (`127.0.0.1`, `0.0.0.0`, `sandbox.local`...). */
  readonly boundHost: string;
}

/** Header names and the query parameter that may carry the control token. */
export const CONTROL_TOKEN_HEADER = 'x-sandbox-token';
export const CONTROL_TOKEN_QUERY = 'sandbox_token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The guard of the sandbox's own surface (`/_sandbox/`, which hands out private keys and resets
 * worlds). Vendor paths never pass through it: they stay as open as the vendors'.
 *
 * - With a control token configured, every request must carry it (`Authorization: Bearer`,
 *   `X-Sandbox-Token`, or `?sandbox_token=` for a browser opening a page): 401 otherwise.
 * - Over a network listener, and unless the token was presented, the Host must name this sandbox:
 *   a loopback name (`localhost`, `*.localhost`), an IP literal, the name the server was bound to,
 *   or one of `allowedHosts`. A DNS-rebinding page reaches 127.0.0.1 under its own name: 403.
 * - Over a network listener, a browser's write (any method but GET/HEAD/OPTIONS) must come from
 *   the sandbox's own origin (`Origin`, `Sec-Fetch-Site`): 403 otherwise; and a browser's write
 *   must declare a JSON body (415 otherwise), which a foreign page cannot send without a CORS
 *   preflight the sandbox never grants. Non-browser clients (curl, SDKs, tests) send neither
 *   header and are not asked for a content type.
 *
 * - Created worlds are open to pages (`opensToPages`): creating one, and any request naming a
 *   created world by its id, may come from another origin: the random id is the capability, and
 *   such a request cannot reach the default world. Their CORS preflight is answered and their
 *   answers carry `Access-Control-Allow-Origin` echoing the page's origin. The default world stays
 *   as protected as above.
 *
 * In-process transports (msw, `app.request()`) only meet the token rule: no other page or host can
 * reach them.
 */
export function controlGuard(
  optionsOf: (request: Request) => Pick<ResolvedOptions, 'controlToken' | 'allowedHosts'>,
  opensToPages: (request: Request) => boolean = () => false,
): MiddlewareHandler<{ Bindings: { listener?: ListenerInfo } | undefined }> {
  return async (c, next) => {
    const request = c.req.raw;
    const listener = c.env?.listener;
    const origin = request.headers.get('origin');
    const open = listener !== undefined && origin !== null && opensToPages(request);
    // A preflight carries no token and no custom header values: it only asks whether it may send them.
    if (listener && origin !== null && request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
      const asked = (request.headers.get('access-control-request-headers') ?? '').toLowerCase();
      if (open || /(^|[\s,])x-sandbox-world([\s,]|$)/.test(asked)) return preflight(origin);
    }
    const options = optionsOf(request);
    const tokenPresented =
      options.controlToken !== undefined &&
      presentedToken(c.req.header('authorization'), c.req.header(CONTROL_TOKEN_HEADER), c.req.query(CONTROL_TOKEN_QUERY), options.controlToken);
    if (options.controlToken !== undefined && !tokenPresented) {
      c.header('WWW-Authenticate', 'Bearer realm="coupon-sandbox control surface"');
      throw new ControlError(
        401,
        'UNAUTHORIZED',
        `the control surface requires the control token (Authorization: Bearer <token>, ${CONTROL_TOKEN_HEADER}, or ?${CONTROL_TOKEN_QUERY}=)`,
      );
    }
    if (listener) {
      const host = c.req.header('host');
      if (!tokenPresented && host !== undefined && !isOwnHost(hostnameOf(host), listener, options.allowedHosts)) {
        throw new ControlError(
          403,
          'FORBIDDEN',
          `Host ${JSON.stringify(host)} does not name this sandbox: /_sandbox/ answers loopback names, IP addresses, the bound name and the allowedHosts option (or any host with the control token)`,
        );
      }
      if (!SAFE_METHODS.has(request.method) && !open) refuseForeignBrowserWrite(request, host);
    }
    await next();
    if (open) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.append('Vary', 'Origin');
    }
  };
}

/** Headers a page may send to a created world (CORS). */
export const WORLD_CORS_HEADERS = 'content-type, x-sandbox-world, x-sandbox-token';

function preflight(origin: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, POST, DELETE',
      'Access-Control-Allow-Headers': WORLD_CORS_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    },
  });
}

/** 403 for a cross-origin browser write; 415 for a browser write whose body is not declared JSON. */
function refuseForeignBrowserWrite(request: Request, host: string | undefined): void {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    throw new ControlError(403, 'FORBIDDEN', `a ${site} browser request may not change the sandbox (Sec-Fetch-Site)`);
  }
  if (origin !== null && (host === undefined || originHost(origin) !== host.toLowerCase())) {
    throw new ControlError(403, 'FORBIDDEN', `a page of ${origin} may not change the sandbox (Origin)`);
  }
  // Browsers send Sec-Fetch-Site with every request and Origin with every write; Node's fetch sends
  // Sec-Fetch-Mode alone, so that one does not mark a browser.
  const fromBrowser = origin !== null || site !== null;
  if (fromBrowser && hasBody(request) && !isJson(request.headers.get('content-type'))) {
    throw new ControlError(415, 'UNSUPPORTED_MEDIA_TYPE', 'a browser must send control requests as Content-Type: application/json');
  }
}

function presentedToken(authorization: string | undefined, header: string | undefined, query: string | undefined, expected: string): boolean {
  const bearer = authorization?.match(/^\s*Bearer\s+(\S+)\s*$/i)?.[1];
  return [bearer, header, query].some((given) => given !== undefined && sameToken(given, expected));
}

/** Compares in time that depends only on the expected token's length. */
function sameToken(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (i < given.length ? given.charCodeAt(i) : 0) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** `example.com:4010` -> `example.com`; `[::1]:4010` -> `[::1]`. Lower case. */
function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

function isOwnHost(hostname: string, listener: ListenerInfo, allowed: readonly string[]): boolean {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  // An IP literal cannot be rebound: only a DNS name can point somewhere else tomorrow.
  if (IPV4.test(hostname) || (hostname.startsWith('[') && hostname.endsWith(']'))) return true;
  if (hostname === listener.boundHost.toLowerCase()) return true;
  return allowed.some((name) => name.toLowerCase() === hostname);
}

/** The `host[:port]` of an Origin, lower case ('' for `null` or an unreadable one). */
function originHost(origin: string): string {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return '';
  }
}

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  return (length !== null && length !== '0') || request.headers.has('transfer-encoding');
}

function isJson(contentType: string | null): boolean {
  const type = contentType?.split(';', 1)[0]!.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}
