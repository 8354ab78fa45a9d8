import { VendorError } from '../engine/vendor-error.js';
import type { Exchange } from '../pipeline/exchange.js';
import type { VendorModule } from '../pipeline/vendor-module.js';
import type { ErrorKey } from '../types/error-key.js';
import type { FaultLogEntry } from './fault-book.js';
import { FAULT_HEADER, FaultHeaderError, headerEffect } from './fault-header.js';
import type { FaultEffect } from './fault-kind.js';
import { SandboxFaultError } from './fault-error.js';
import { markSocketFault, truncatedBody } from './socket-fault.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The effect of a call no fault applies to (shared: effects are only read). */
const NO_FAULT: FaultEffect = Object.freeze({ delayMs: 0 });

/** Kinds the operation is applied for before the answer is damaged or withheld. */
const AFTER_COMMIT = new Set(['timeout_after_commit', 'empty_response', 'malformed_body']);

/**
 * The effect for one admitted call: the X-Sandbox-Fault header when the request carries one
 * (then the world's rules are not drawn for it), else the world's rules. Each applied fault is
 * logged on the world.
 */
function effectOf(vendor: VendorModule, exchange: Exchange): FaultEffect {
  const world = exchange.world;
  const header = exchange.request?.headers.get(FAULT_HEADER);
  // Nearly every call: no header and no rules, so nothing to draw or log.
  if (!header && world.faults.empty) return NO_FAULT;
  const operation = exchange.op!.id;
  const log = (entry: Omit<FaultLogEntry, 'at' | 'vendor' | 'operation'>) =>
    world.faults.record({ at: new Date(world.clock.now()).toISOString(), vendor: vendor.vendor, operation, ...entry });
  if (header) {
    const effect = headerEffect(header, vendor.vendor);
    if (effect.delayMs > 0) log({ source: 'header', kind: 'latency', delay_ms: effect.delayMs });
    if (effect.kind)
      log({
        source: 'header',
        kind: effect.kind,
        ...(effect.error && { error: effect.error }),
        ...(effect.holdMs !== undefined && { hold_ms: effect.holdMs }),
      });
    return effect;
  }
  return world.faults.effectFor({ vendor: vendor.vendor, operation, input: exchange.input }, log);
}

/**
 * What comes before the rule in every call, for every vendor: latency, an injected vendor error
 * (thrown, so it is answered exactly like a real one and nothing changes), an opt-in rate limit,
 * then the rule. Returns the effect still to apply after the rule (socket kinds) — synchronously
 * unless there is latency to wait for, so a call without faults pays for no promise here.
 */
function beforeRule(vendor: VendorModule, exchange: Exchange): FaultEffect | Promise<FaultEffect> {
  const effect = effectOf(vendor, exchange);
  if (effect.delayMs > 0) return sleep(effect.delayMs).then(() => admitted(vendor, exchange, effect));
  return admitted(vendor, exchange, effect);
}

/** After any latency: the injected vendor error, then the rate limit. */
function admitted(vendor: VendorModule, exchange: Exchange, effect: FaultEffect): FaultEffect {
  if (effect.kind === 'vendor_error') throw new VendorError(vendor.vendor, effect.error as ErrorKey);
  const world = exchange.world;
  const operation = exchange.op!.id;
  const verdict = world.faults.limits.check(vendor.vendor, operation, exchange.caller ?? '', world.clock.now());
  if (verdict.over) {
    world.faults.record({
      at: new Date(world.clock.now()).toISOString(),
      vendor: vendor.vendor,
      operation,
      source: 'limits',
      kind: 'rate_limit',
      error: verdict.key,
    });
    throw new VendorError(vendor.vendor, verdict.key);
  }
  return effect;
}

/**
 * The one fault step of an HTTP call, around the rule and the vendor's answer. Socket kinds mark
 * the Response for the transport (src/node.ts, mocks/handlers.ts); without one, in-process
 * `app.fetch` sees a 504 (timeout_after_commit) or 502 with no body and `X-Sandbox-Fault-Applied`,
 * and malformed_body as the truncated body itself.
 */
export function faultStep<M>(
  vendor: VendorModule<unknown, M>,
  exchange: Exchange<M>,
  answer: (vendor: VendorModule<unknown, M>, exchange: Exchange<M>) => Response | Promise<Response>,
): Response | Promise<Response> {
  let effect: FaultEffect | Promise<FaultEffect>;
  try {
    effect = beforeRule(vendor, exchange as Exchange);
  } catch (error) {
    return badHeader(error);
  }
  // The common case — no latency, no fault kind — answers without another promise layer (and
  // `answer` takes its arguments, so there is no closure to make for it either).
  if (!(effect instanceof Promise)) return effect.kind ? withFault(effect, () => answer(vendor, exchange)) : answer(vendor, exchange);
  return effect.then((ready) => withFault(ready, () => answer(vendor, exchange)), badHeader);
}

/** A malformed X-Sandbox-Fault header is the sandbox's own 400; anything else goes on up. */
function badHeader(error: unknown): Response {
  if (!(error instanceof FaultHeaderError)) throw error;
  return Response.json({ error: { code: 'BAD_FAULT_HEADER', message: error.message } }, { status: 400 });
}

/** Applies a fault kind around the answer (or the bare answer when the effect was latency only). */
async function withFault(effect: FaultEffect, answer: () => Response | Promise<Response>): Promise<Response> {
  const kind = effect.kind;
  if (kind === 'connection_reset') return markSocketFault(appliedFault(kind, 502), effect);
  const response = await answer();
  if (!kind) return response;
  if (kind === 'malformed_body') {
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.set('x-sandbox-fault-applied', kind);
    return markSocketFault(new Response(truncatedBody(await response.text()), { status: response.status, headers }), effect);
  }
  await response.body?.cancel();
  return markSocketFault(appliedFault(kind, kind === 'timeout_after_commit' ? 504 : 502), effect);
}

/** The in-process stand-in for a connection that failed: no body, the kind in a header. */
function appliedFault(kind: string, status: number): Response {
  return new Response(null, { status, headers: { 'x-sandbox-fault-applied': kind } });
}

/**
 * The fault step of a direct call (`sandbox.call`): the same latency, vendor errors and limits;
 * a socket kind rejects with a SandboxFaultError (after applying the operation where the kind does).
 */
export async function directFaultStep<T>(vendor: VendorModule, exchange: Exchange, run: () => T | Promise<T>): Promise<T> {
  const effect = await beforeRule(vendor, exchange);
  if (effect.kind === 'connection_reset') throw new SandboxFaultError(effect.kind, false);
  const result = await run();
  if (effect.kind && AFTER_COMMIT.has(effect.kind)) throw new SandboxFaultError(effect.kind, true);
  return result;
}
