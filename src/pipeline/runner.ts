import { VendorError } from '../engine/vendor-error.js';
import type { Operation } from '../operations.js';
import { directFaultStep, faultStep } from '../faults/fault-step.js';
import { checkResponse } from './check-response.js';
import type { Exchange } from './exchange.js';
import { checkedInput, withPathParameters } from './input.js';
import type { RuleContext, VendorModule } from './vendor-module.js';
import { journalCall } from '../journal/record.js';
import { StoreUnavailable } from './replica.js';

/** Reports an unexpected error (a bug); the caller still answers in the vendor's envelope. */
export type ReportUnexpected = (error: unknown, request: Request | undefined) => void;

/**
 * Serves one vendor call, the same for every vendor: the vendor's admission steps in order
 * (method, auth, body, validation), the operation's rule, the vendor's success body, then the
 * vendor's wire format. Any VendorError on the way is answered in the vendor's envelope; anything
 * else is a bug, reported and answered as the vendor's system error.
 *
 * Synchronous as far as it can be: a promise only where a step, the fault step or the rule has
 * one to wait for (the body read, mostly), so a call pays for one promise layer per wait, not one
 * per stage.
 */
export function runExchange<M>(vendor: VendorModule<unknown, M>, exchange: Exchange<M>, report: ReportUnexpected): Response | Promise<Response> {
  return runFrom(vendor, exchange, report, 0);
}

/** The steps from `first` on, then the rule under the fault step; `synced`: caught up with a shared store already. */
function runFrom<M>(
  vendor: VendorModule<unknown, M>,
  exchange: Exchange<M>,
  report: ReportUnexpected,
  first: number,
  synced = false,
): Response | Promise<Response> {
  try {
    // A shared store: first catch up with every change other instances have answered.
    const replica = synced ? undefined : exchange.world.replica;
    if (replica)
      return replica.sync().then(
        () => runFrom(vendor, exchange, report, 0, true),
        (error: unknown) => answerFailure(vendor, exchange, error, report),
      );
    const steps = vendor.steps;
    for (let i = first; i < steps.length; i++) {
      const pending = steps[i]!(exchange);
      if (pending)
        return pending.then(
          () => runFrom(vendor, exchange, report, i + 1, true),
          (error: unknown) => answerFailure(vendor, exchange, error, report),
        );
    }
    // Faults (latency, injected errors, rate limits, socket kinds) wrap the rule and its answer.
    const response = faultStep(vendor, exchange, ruleAnswer);
    return response instanceof Promise ? response.catch((error: unknown) => answerFailure(vendor, exchange, error, report)) : response;
  } catch (error) {
    return answerFailure(vendor, exchange, error, report);
  }
}

/** The operation's rule and the vendor's answer to it (what the fault step wraps). */
function ruleAnswer<M>(vendor: VendorModule<unknown, M>, exchange: Exchange<M>): Response | Promise<Response> {
  const body = execute(vendor, exchange);
  return body instanceof Promise ? body.then((value) => answered(vendor, exchange, value)) : answered(vendor, exchange, body);
}

/** Renders the success answer of an executed operation (no body for HEAD or a 204 operation). */
function answered<M>(vendor: VendorModule<unknown, M>, exchange: Exchange<M>, body: unknown): Response | Promise<Response> {
  const noContent = exchange.op!.noContent === true;
  exchange.outcome = 'ok';
  return vendor.send(exchange, { status: noContent ? 204 : 200, body: exchange.head || noContent ? undefined : body });
}

/** Renders a failure in the vendor's envelope (a non-vendor error becomes its system error). */
export async function answerFailure<M>(vendor: VendorModule<unknown, M>, exchange: Exchange<M>, error: unknown, report: ReportUnexpected): Promise<Response> {
  let known: VendorError;
  if (error instanceof VendorError && error.vendor === vendor.vendor) known = error;
  // The shared store is down: the vendor's system error, as the vendor answers when its own storage fails.
  else if (error instanceof StoreUnavailable) known = new VendorError(vendor.vendor, vendor.systemErrorKey);
  else {
    report(error, exchange.request);
    known = new VendorError(vendor.vendor, vendor.systemErrorKey);
  }
  exchange.outcome = known.key;
  // A write refused before its rule is history too (journalCall skips a call its rule journaled).
  if (exchange.op?.writes && !exchange.head) journalCall(vendor.vendor, exchange, known.key);
  const answer = vendor.failure(known, exchange);
  try {
    checkResponse(exchange.world.options, vendor.errorSchema, answer.body);
  } catch (drift) {
    report(drift, exchange.request);
  }
  return vendor.send(exchange, answer);
}

/**
 * Runs the operation's rule against the world's state of its vendor — in one transaction when the
 * catalogue says it writes — and builds the vendor's success body (checked against its schema):
 * the body itself, or a promise of it when the rule finishes asynchronously.
 */
export function execute<M>(vendor: VendorModule<unknown, M>, exchange: Exchange<M>): unknown {
  const op = exchange.op!;
  const rule = vendor.rules[op.id];
  if (!rule) throw new Error(`no ${vendor.vendor} rule for ${op.id}`);
  const world = exchange.world;
  const ctx: RuleContext = { caller: exchange.caller!, now: world.clock.now(), world };
  const store = world.store<unknown>(vendor.vendor);
  if (exchange.head && rule.probe) {
    const probe = rule.probe;
    store.read((state) => probe(state, exchange.input as never, ctx));
    return undefined;
  }
  if (op.writes || op.changesState) {
    // Shared by several instances: the write is ordered through the log and applied there (by this
    // same function, with `applying` set), and the answer is what that apply gave.
    const replica = world.replica;
    if (replica && !replica.applying) return replica.proposeCall(vendor, exchange);
    return executeWrite(vendor, exchange, rule, ctx);
  }
  const result = store.read((state) => rule.run(state as never, exchange.input as never, ctx));
  // A read may finish asynchronously (Web Crypto for the certificate download); writes never do.
  // Only then is the answer a promise: every other operation renders without one.
  return result instanceof Promise ? result.then((value) => successBody(vendor, exchange, value)) : successBody(vendor, exchange, result);
}

/** The vendor's success body for a rule's result, checked against the operation's schema. */
function successBody<M>(vendor: VendorModule<unknown, M>, exchange: Exchange<M>, result: unknown): unknown {
  const op = exchange.op!;
  if (op.noContent) return undefined;
  const body = vendor.success(op, result, exchange);
  checkResponse(exchange.world.options, op.response, body);
  return body;
}

/**
 * A write: the rule in one transaction, journaled (refused or not), and with a data dir on disk
 * before the caller gets the body. Reads never wait for the journal.
 */
function executeWrite<M>(vendor: VendorModule<unknown, M>, exchange: Exchange<M>, rule: VendorModule['rules'][string], ctx: RuleContext): unknown {
  const op = exchange.op!;
  const world = exchange.world;
  let result: unknown;
  try {
    result = world.store<unknown>(vendor.vendor).transact((state) => rule.run(state, exchange.input as never, ctx));
  } catch (error) {
    if (error instanceof VendorError && error.vendor === vendor.vendor) journalCall(vendor.vendor, exchange, error.key, undefined, ctx.now);
    throw error;
  }
  const body = op.noContent ? undefined : vendor.success(op, result, exchange);
  journalCall(vendor.vendor, exchange, undefined, body, ctx.now);
  if (body !== undefined) checkResponse(world.options, op.response, body);
  // In memory there is nothing to wait for: the body is answered without a promise.
  const durable = world.journal.durable();
  return durable ? durable.then(() => body) : body;
}

/**
 * A direct call (`sandbox.call`): the same input check, rule and success body as over HTTP, with
 * no transport. Resolves to the vendor's body or rejects with the vendor's error.
 */
export async function callOperation<M>(vendor: VendorModule<unknown, M>, exchange: Exchange<M>, op: Operation, input: unknown): Promise<unknown> {
  exchange.op = op;
  await exchange.world.replica?.sync();
  if (op.request && op.query && op.inputCheckedBy !== 'rule') {
    // A body operation with path parameters: the `{name}`s of the path are the path, the rest the body.
    const names = new Set([...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
    const body: Record<string, unknown> = {};
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
      if (names.has(key)) params[key] = String(value);
      else body[key] = value;
    }
    exchange.input = withPathParameters(vendor.input, op.query, checkedInput(vendor.input, op.request, body, 'body'), params);
    return await execute(vendor, exchange);
  }
  const schema = op.inputCheckedBy === 'rule' ? undefined : (op.request ?? op.query);
  exchange.input = schema ? checkedInput(vendor.input, schema, input ?? {}, op.request ? 'body' : 'query') : (input ?? {});
  return directFaultStep(vendor, exchange, () => execute(vendor, exchange));
}
