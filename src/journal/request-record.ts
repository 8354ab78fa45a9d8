import type { Vendor } from '../engine/vendor-error.js';
import type { RequestSummary } from '../pipeline/request-summary.js';
import type { World } from '../pipeline/world.js';
import { wireCode } from './record.js';

const decoder = new TextDecoder('utf-8');

/** The outcome a request shows: `ok`, or the vendor's code as sent on the wire (the summary has the catalogue key). */
function wireOutcome(vendor: string | undefined, outcome: string): string {
  return outcome === 'ok' || vendor === undefined || vendor === 'sandbox' ? outcome : wireCode(vendor as Vendor, outcome);
}

/** What the app's handlers tell the ring about a request besides its summary. */
export interface ServedDetail {
  vendor?: string;
  caller?: string;
  body?: Uint8Array | string;
}

/**
 * Puts one answered request into its world's ring: the summary, both bodies (read from a clone of
 * the answer, so the transport still streams the original) and the caller.
 */
export async function recordRequest(world: World, summary: RequestSummary, served: ServedDetail, response: Response, at: number): Promise<void> {
  let responseBody = '';
  if (response.body) {
    try {
      responseBody = await response.clone().text();
    } catch {
      // a body already taken (a fault that damaged the answer) is shown empty
    }
  }
  const body = served.body;
  world.requests.add({
    at,
    method: summary.method,
    path: summary.target,
    vendor: served.vendor ?? (summary.target.startsWith('/_sandbox/') ? 'sandbox' : 'unknown'),
    operation: summary.operation,
    outcome: wireOutcome(served.vendor, summary.outcome),
    status: summary.status,
    ms: summary.ms,
    requestBody: body === undefined ? '' : typeof body === 'string' ? body : decoder.decode(body),
    responseBody,
    caller: served.caller,
  });
}
