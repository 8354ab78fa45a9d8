import type { Vendor } from '../engine/vendor-error.js';
import { bodyTextOf } from './body-text.js';
import type { World } from '../pipeline/world.js';
import { wireCode } from './record.js';

const decoder = new TextDecoder('utf-8');

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
  body?: Uint8Array | string;
}

/**
 * Puts one answered request into its world's ring: what was asked, both bodies (the answer's as
 * its vendor built it) and the caller. Nothing is decoded or masked here: the ring does that when
 * a record is shown, so the hot path pays for a few assignments.
 */
export function recordRequest(world: World, request: RawRequest, served: ServedDetail, response: Response, at: number): void | Promise<void> {
  // A ring of 0 (`--requests-limit 0`) is off: keeping the last requests costs CPU on every one.
  if (world.requests.limit === 0) return;
  const text = bodyTextOf(response);
  if (typeof text !== 'string') return text.then((body) => add(world, request, served, response, at, body));
  add(world, request, served, response, at, text);
}

function add(world: World, request: RawRequest, served: ServedDetail, response: Response, at: number, responseBody: string): void {
  const vendor = served.vendor ?? (request.target.startsWith('/_sandbox/') ? 'sandbox' : 'unknown');
  world.requests.add({
    at,
    method: request.method,
    path: request.target,
    vendor,
    operation: served.operation,
    outcome: wireOutcome(served.vendor, served.outcome ?? (response.status < 400 ? 'ok' : String(response.status))),
    status: response.status,
    ms: request.ms,
    // Kept as text: thousands of retained byte arrays (each its own ArrayBuffer) cost the garbage
    // collector far more than one decode (code/get: 94 -> 66 µs of CPU per request with a full ring).
    requestBody: served.body === undefined ? '' : typeof served.body === 'string' ? served.body : decoder.decode(served.body),
    responseBody,
    caller: served.caller,
  });
}

/** The request as the middleware saw it: method, raw target (unmasked), time taken. */
export interface RawRequest {
  method: string;
  target: string;
  ms: number;
}
