import type { Vendor } from '../engine/vendor-error.js';
import { errorEntry } from '../errors/catalogue.js';
import type { ControlAction } from '../pipeline/control-action.js';
import type { Exchange } from '../pipeline/exchange.js';
import type { World } from '../pipeline/world.js';
import type { ErrorKey } from '../types/error-key.js';
import { refsOf } from './refs.js';

/** Calls already journaled (the rule's own refusal, so answerFailure does not journal it twice). */
const journaled = new WeakSet<object>();

/** The code a vendor sends on the wire for a catalogue key (WeChat Pay's SIGN_ERROR_* variants all say SIGN_ERROR). */
export function wireCode(vendor: Vendor, key: string): string {
  try {
    return String(errorEntry(vendor, key as ErrorKey<Vendor>).code);
  } catch {
    return key;
  }
}

/**
 * Journals one vendor call that writes, after its rule: `key` undefined when it succeeded (with
 * the answer's body for the refs), else the catalogue key it was refused with. A refusal before
 * the rule (token, signature, schema) is journaled too: it changed nothing, but it is history.
 */
export function journalCall(vendor: Vendor, exchange: Exchange, key: string | undefined, body?: unknown, at?: number): void {
  if (journaled.has(exchange)) return;
  journaled.add(exchange);
  const world = exchange.world;
  world.journal.record({
    at: at ?? world.clock.now(),
    vendor,
    operation: exchange.op!.id,
    input: exchange.input ?? null,
    outcome: key === undefined ? 'ok' : wireCode(vendor, key),
    refs: refsOf(exchange.input, body),
    ...(exchange.caller !== undefined && { caller: exchange.caller }),
  });
}

/** Journals a control action that writes, after it ran at `at` (refused ones changed nothing and are not kept). */
export function journalControl(
  world: World,
  vendor: Vendor | undefined,
  act: ControlAction,
  input: Record<string, unknown>,
  params: Record<string, string>,
  result: unknown,
  at: number,
  /** Run by a shared log's apply (src/redis/): recorded here, never shared again. */
  applied = false,
): void {
  if (!act.writes) return;
  world.journal.record(
    {
      at,
      vendor: 'sandbox',
      operation: `control:${act.path}`,
      input,
      outcome: 'ok',
      refs: refsOf(params, input, result),
      control: { table: vendor ?? 'world', method: act.method, path: act.path, params },
      ...(!vendor && { world: { clock: world.clock.state(), nonce: world.ctx.idNonce, builtAt: world.builtAt } }),
    },
    applied,
  );
}
