import type { Vendor } from '../engine/vendor-error.js';
import { bodyTextOf } from './body-text.js';
import type { World } from '../pipeline/world.js';
import { wireCode } from './record.js';

/** The outcome a request shows: `ok`, or the vendor's code as sent on the wire (the summary has the catalogue key). */
function wireOutcome(vendor: string | undefined, outcome: string): string {
  return outcome === 'ok' || vendor === undefined || vendor === 'sandbox' ? outcome : wireCode(vendor as Vendor, outcome);
}

/** What the app's handlers tell the ring about a request besides its summary. */
export interface ServedDetail {
  operation?: string;
  outcome?: string;
  vendor?: string;
  caller?: string;
  /** The request body as text ('' or absent: none). */
  body?: string;
}

/**
 * Puts one answered request into its world's ring: what was asked, both bodies (the answer's as
 * its vendor built it) and the caller. Nothing is masked here: the ring does that when a record
 * is shown, so the hot path pays for a few stores.
 */
export function recordRequest(
  world: World,
  method: string,
  target: string,
  ms: number,
  served: ServedDetail,
  response: Response,
  at: number,
): void | Promise<void> {
  // A ring of 0 (`--requests-limit 0`) is off: keeping the last requests costs CPU on every one.
  if (world.requests.limit === 0) return;
  const text = bodyTextOf(response);
  if (typeof text !== 'string') return text.then((body) => add(world, method, target, ms, served, response, at, body));
  add(world, method, target, ms, served, response, at, text);
}

function add(world: World, method: string, target: string, ms: number, served: ServedDetail, response: Response, at: number, responseBody: string): void {
  const status = response.status;
  world.requests.add(
    at,
    method,
    target,
    served.vendor ?? (target.startsWith('/_sandbox/') ? 'sandbox' : 'unknown'),
    served.operation,
    wireOutcome(served.vendor, served.outcome ?? (status < 400 ? 'ok' : String(status))),
    status,
    ms,
    // Kept as text: thousands of retained byte arrays (each its own ArrayBuffer) cost the garbage
    // collector far more than one decode (code/get: 94 -> 66 µs of CPU per request with a full ring).
    served.body ?? '',
    responseBody,
    served.caller,
  );
}
