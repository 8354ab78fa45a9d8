/* eslint-disable @typescript-eslint/no-explicit-any -- one table holds rules and actions of different input types: `any` in these type parameters is what lets it (with `unknown`, parameter contravariance rejects every entry). */
import type { Vendor } from '../engine/vendor-error.js';
import type { ControlAction, ControlContext } from './control-action.js';
import { controlInput, ControlError } from './control-error.js';
import { schemas } from '../schema/registry.js';
import type { World } from './world.js';
import { journalControl } from '../journal/record.js';

/** Names of a route pattern's `:params`. */
export function paramNames(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

/**
 * Runs one control action against a world: a vendor's action inside that vendor's store (one
 * transaction when it writes), a world action on the world itself. Path parameters are part of
 * the input the action sees.
 */
export function runControl<R>(
  world: World,
  vendor: Vendor | undefined,
  act: ControlAction<any, any, R>,
  target: unknown,
  input: Record<string, unknown>,
  params: Record<string, string>,
): R | Promise<R> {
  const replica = world.replica;
  // Shared by several instances: a change is ordered through the log and applied there (by this
  // same function); an action that only sends (`runsHere`) runs here and shares what it records.
  if (replica && act.writes && !replica.applying && !act.runsHere) return replica.proposeControl(world, vendor, act, input, params) as Promise<R>;
  // Journaled here even when the action finishes after the apply that ran it.
  const applied = replica?.applying === true;
  const ctx: ControlContext = { now: world.clock.now(), world, params };
  const merged = { ...input, ...params };
  const store = vendor && world.store<unknown>(vendor);
  const result = !store
    ? act.run(target, merged, ctx)
    : act.writes
      ? store.transact((state) => act.run(state, merged, ctx))
      : store.read((state) => act.run(state, merged, ctx));
  // Journaled once it ran (a world action may finish asynchronously).
  if (!act.writes) return result;
  if (result instanceof Promise) return result.then((r) => (journalControl(world, vendor, act, input, params, r, ctx.now, applied), r));
  journalControl(world, vendor, act, input, params, result, ctx.now, applied);
  return result;
}

/**
 * A control action called directly (`sandbox.wechat.giveCode(input)`): the input is checked
 * against the action's schema exactly as over HTTP, path parameters included in it.
 */
export function checkedControlInput(act: ControlAction, input: Record<string, unknown>): { body: Record<string, unknown>; params: Record<string, string> } {
  const names = paramNames(act.path);
  const params: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (names.includes(key)) params[key] = String(value);
    else body[key] = value;
  }
  for (const name of names) if (params[name] === undefined) throw new ControlError(400, 'BAD_REQUEST', `${name} is required`);
  if (act.request) {
    const result = schemas().validate(act.request, body);
    if (!result.ok) throw new ControlError(400, 'BAD_REQUEST', result.issues.map((i) => i.message).join('; '));
  }
  return { body, params };
}

export { controlInput };
