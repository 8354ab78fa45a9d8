import type { Operation } from '../operations.js';
import type { World, WorldDirectory } from './world.js';

/**
 * One vendor call on its way through the runner: what the transport handed in, and what each
 * admission step has learnt so far. Direct calls (`sandbox.call`) build one with no request.
 * `M` holds what only one vendor's steps read (waiqin365's path parts, for instance).
 */
export interface Exchange<M = unknown> {
  /** The default world until the vendor's identity routes the call by its credential (src/worlds/). */
  world: World;
  /** The created worlds a credential may name (absent: only the default world). */
  readonly worlds?: WorldDirectory;
  /** The Fetch request; absent for a direct call. */
  readonly request?: Request;
  /**
   * The request target (path and query) exactly as the client sent it, which is what WeChat Pay
   * clients sign. A transport that sees the raw request line supplies it; otherwise the URL's.
   */
  readonly target: string;
  /** The decoded query parameters (absent for a direct call). Call it on the exchange (over HTTP it is a method: bind it to pass it on). */
  readonly query?: () => Record<string, string>;
  /** One decoded query parameter; cheaper than `query()` on the hot path. */
  readonly queryParam?: (name: string) => string | undefined;
  /** Path parameters of the matched route. */
  readonly params: Readonly<Record<string, string>>;
  /** The operation, once known (from the route, or from a step for waiqin365's method path). */
  op?: Operation;
  /** Who is calling, once authenticated: a WeChat appid, a WeChat Pay mchid, a waiqin365 tenant. */
  caller?: string;
  /** A HEAD request: the rule's probe runs and the answer has no body. */
  head?: boolean;
  /** The transport delivers exactly the declared Content-Length (src/http/app.ts `TransportEnv`). */
  readonly exactLength?: boolean;
  /** The raw body bytes, once read (absent when a vendor that reads text only had the text read). */
  raw?: Uint8Array;
  /** The body as text (bodyText), with the bytes it was decoded from (none: read as text). */
  rawText?: { readonly of: Uint8Array | undefined; readonly text: string };
  /** The validated input of the rule. */
  input?: unknown;
  /** `ok`, or the catalogue key of the error answered (set by the runner). */
  outcome?: string;
  /** Vendor-specific findings of the admission steps. */
  meta: M;
}

/** One admission step: throws a VendorError to answer with it, or fills in the exchange. */
export type Step<M = unknown> = (exchange: Exchange<M>) => void | Promise<void>;
