/* eslint-disable @typescript-eslint/no-explicit-any -- one table holds rules and actions of different input types: `any` in these type parameters is what lets it (with `unknown`, parameter contravariance rejects every entry). */
import type { EngineContext } from '../engine/context.js';
import type { Vendor, VendorError } from '../engine/vendor-error.js';
import type { ErrorKey } from '../types/error-key.js';
import type { Operation } from '../operations.js';
import type { ValidationIssue } from '../schema/registry.js';
import type { ControlTable } from './control-action.js';
import type { Exchange, Step } from './exchange.js';
import type { World } from './world.js';

/** What a rule sees besides its state and input. */
export interface RuleContext {
  /** The authenticated caller (appid, mchid or tenant openid). */
  readonly caller: string;
  /** Sandbox time, milliseconds since the epoch, read once per call. */
  readonly now: number;
  readonly world: World;
}

/**
 * The engine rule behind one catalogue operation. It runs synchronously inside one store
 * transaction (a write, per the catalogue's `writes`) or against a read-only view.
 */
export interface OperationRule<S, I = never, R = unknown> {
  run: (state: S, input: I, ctx: RuleContext) => R;
  /** What a HEAD request runs instead: the same checks, no change. */
  probe?: (state: Readonly<S>, input: I, ctx: RuleContext) => void;
}

/** Builds a typed rule (the type parameters are inferred from `run`). */
export function rule<S, I, R>(
  run: (state: S, input: I, ctx: RuleContext) => R,
  probe?: (state: Readonly<S>, input: I, ctx: RuleContext) => void,
): OperationRule<S, I, R> {
  return probe ? { run, probe } : { run };
}

/** Where an input failed its schema, for the vendors that say so. */
export type InputLocation = 'body' | 'query';

/** How one vendor reads and checks an operation's input. */
export interface InputPolicy {
  /** Normalises a parsed value before validation (waiqin365: blank values count as absent). */
  prepare?(value: unknown): unknown;
  /** The vendor error for a failed schema check. */
  reject(issues: readonly ValidationIssue[], location: InputLocation): VendorError;
  /** The parsed JSON body of an exchange; throws the vendor's error for an empty or unreadable one. */
  parseBody(exchange: Exchange<any>): unknown;
}

/** A vendor's answer before it goes on the wire. */
export interface Answer {
  status: number;
  /** Undefined: no body (HEAD, 204). */
  body: unknown;
}

/**
 * Everything the one runner and the one app need of a vendor. Each vendor module exports one of
 * these; no other code knows a vendor's envelope, auth or error style.
 */
export interface VendorModule<S = any, M = any> {
  readonly vendor: Vendor;
  /** Path prefixes this vendor owns (they never overlap): unknown paths and crashes under them get its envelope. */
  readonly prefixes: readonly string[];
  /** Catalogue key of the vendor's system error (the answer to a bug). */
  readonly systemErrorKey: ErrorKey;
  /** Catalogue key for a path under `prefixes` that is no operation. */
  readonly notFoundKey: ErrorKey;
  /** Schema every error body of this vendor is checked against (validateResponses). */
  readonly errorSchema: string;
  /** Seeds the vendor's state of a world. */
  createState(ctx: EngineContext): S;
  /** The rule of every catalogue operation of this vendor, by operation id. */
  readonly rules: Readonly<Record<string, OperationRule<S, any, any>>>;
  /**
   * Routes: `catalogue` mounts each operation at its path (for its method only, or for any method
   * when a step answers wrong methods in the vendor's words); `pattern` mounts one catch-all
   * route whose steps find the operation.
   */
  readonly routes: { readonly catalogue: true; readonly anyMethod: boolean } | { readonly catalogue: false; readonly pattern: string };
  /** Admission steps, in the vendor's check order (method, auth, body, validation...). */
  readonly steps: readonly Step<M>[];
  /** A fresh vendor-specific `meta` for an exchange. */
  meta(): M;
  readonly input: InputPolicy;
  /** The success body for a rule's result. */
  success(op: Operation, result: unknown, exchange: Exchange<M>): unknown;
  /** A catalogued error as the vendor answers it. */
  failure(error: VendorError, exchange: Exchange<M>): Answer;
  /** Puts an answer on the wire: headers, content type, signature. */
  send(exchange: Exchange<M>, answer: Answer): Response | Promise<Response>;
  /** Who a direct call acts as when it names nobody (the default app, merchant or tenant). */
  defaultCaller(state: Readonly<S>): string;
  /** The vendor's control actions under `/_sandbox/<vendor>/`. */
  readonly controls: ControlTable<S>;
  /** What a client needs to call this vendor in a world (GET /_sandbox/credentials). */
  credentials(state: Readonly<S>, world: World): unknown;
}
