import type { FaultEffect } from './fault-kind.js';

/** What a transport must do to the connection instead of (or after) sending a Response. */
export interface SocketFault {
  readonly kind: 'timeout_after_commit' | 'connection_reset' | 'empty_response' | 'malformed_body';
  /** timeout_after_commit: withhold the answer this long, then drop the connection. */
  readonly holdMs: number;
}

// A WeakMap rather than a header: the mark never reaches the client, and an unmarked transport
// (in-process `app.fetch`) just sees an ordinary Response (see README "Faults, latency and rate limits").
const marks = new WeakMap<Response, SocketFault>();

/** Marks a Response so the transport misbehaves as the fault says. */
export function markSocketFault(response: Response, effect: FaultEffect): Response {
  if (effect.kind && effect.kind !== 'vendor_error') marks.set(response, { kind: effect.kind, holdMs: effect.holdMs ?? 0 });
  return response;
}

/** The socket fault a Response carries, if any (src/node.ts and mocks/handlers.ts read it). */
export function socketFaultOf(response: Response): SocketFault | undefined {
  return marks.get(response);
}

/** Truncates a body mid-JSON: at most half of it, never the closing brace. */
export function truncatedBody(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}
