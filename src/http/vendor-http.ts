import type { Context, Hono } from 'hono';
import type { Vendor, VendorError } from '../engine/vendor-error.js';
import type { ErrorKey } from '../types/error-key.js';

/**
 * What each vendor's HTTP module gives the one app: its routes, its envelope for errors, and the
 * path prefixes it owns (vendor paths never overlap, so the prefix tells whose envelope an unknown
 * path or a crash is answered in).
 */
export interface VendorHttp {
  vendor: Vendor;
  /** Path prefixes this vendor owns, e.g. ['/cgi-bin/', '/card/', '/datacube/']. */
  prefixes: readonly string[];
  /** Registers the vendor's operation routes and its `/_sandbox/<vendor>/...` control routes. */
  mount(app: Hono): void;
  /** Renders a catalogued error of this vendor in its envelope. */
  renderError(c: Context, error: VendorError): Response | Promise<Response>;
  /** Answers a path under one of `prefixes` that no route matched (or a wrong method). */
  notFound(c: Context): Response | Promise<Response>;
  /** Catalogue key of the vendor's system error (answer to a bug). */
  systemErrorKey: ErrorKey;
}
