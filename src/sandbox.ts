/* eslint-disable @typescript-eslint/no-explicit-any -- one table holds rules and actions of different input types: `any` in these type parameters is what lets it (with `unknown`, parameter contravariance rejects every entry). */
import type { SandboxClock } from './engine/clock.js';
import type { Vendor } from './engine/vendor-error.js';
import { createApp } from './http/app.js';
import type { V3MerchantCredentialsFromSandbox } from './http/wechatpay/signer.js';
import type { waiqinControls } from './http/waiqin/controls.js';
import type { wechatControls } from './http/wechat/controls.js';
import type { wechatpayControls } from './http/wechatpay/controls.js';
import type { WechatCredentials } from './engine/wechat/identities.js';
import { maskSecrets, requestSecrets } from './pipeline/log-mask.js';
import { operation } from './operations.js';
import { resolveOptions, type ResolvedOptions, type SandboxOptions } from './options.js';
import type { BoundControls, ControlTable } from './pipeline/control-action.js';
import { checkedControlInput, runControl } from './pipeline/run-control.js';
import { callOperation } from './pipeline/runner.js';
import { worldControls, worldCredentials } from './pipeline/world-controls.js';
import { World } from './pipeline/world.js';
import { DEFAULT_WORLD_ID, WorldRegistry } from './worlds/registry.js';
import type { Genesis } from './journal/journal-entry.js';
import { VENDOR_MODULES, VENDORS, type OperationBody, type OperationId, type OperationInput } from './vendors.js';

/**
 * WeChat Pay credentials as `GET /_sandbox/credentials` serves them (TEST-ONLY keys): the sandbox
 * merchant at the top level — accepted as-is by `signedV3Request` / `v3Authorization` — and every
 * merchant of every key mode under `merchants`.
 */
export interface WechatpayCredentials extends V3MerchantCredentialsFromSandbox {
  merchant_public_key: string;
  merchant_certificate: string;
  platform_serial_no: string;
  platform_certificate: string;
  platform_public_key: string;
  apiv3_key: string;
  apiv2_key: string;
  appids: string[];
  openids: string[];
  sub_merchants: string[];
  foreign_merchant: string;
  merchants: (V3MerchantCredentialsFromSandbox & { mode: 'certificate' | 'public_key' | 'migrating'; [field: string]: unknown })[];
  [field: string]: unknown;
}

/** waiqin365 credentials as served: spread them into `signWaiqinRequest({ ...creds, method, body })`. */
export interface WaiqinCredentials {
  host: string;
  basePath: string;
  openid: string;
  appkey: string;
  digest: string;
  timestampFormat: string;
  timestampWindowSeconds: number;
  sampleCustomer: { id: string; code: string; name: string } | null;
  sampleProductCode: string | null;
}

/** A vendor's control actions as methods, plus its credentials. */
type VendorHandle<C, Creds = Record<string, unknown>> = BoundControls<C> & { credentials(): Creds };

/**
 * One sandbox: a world (clock and every vendor's state) and the Hono app that serves it. Every
 * transport (Node server, msw, `app.request()`) wraps `sandbox.app.fetch`; `call` runs an
 * operation directly, with the same validation and errors; `sandbox.<vendor>.<action>()` runs a
 * control action.
 *
 * @example
 * const sandbox = createSandbox({ seed: 42 });
 * const { appid } = sandbox.wechat.credentials();
 * const card_id = sandbox.wechat.identities().apps[0]!.cards[0]!.card_id;
 * const given = sandbox.wechat.giveCode({ card_id, openid: 'o-test-user' });
 * await sandbox.call('wechat.code-consume', { code: given.code }, { as: appid });
 */
export interface Sandbox {
  readonly app: ReturnType<typeof createApp>;
  readonly world: World;
  readonly clock: SandboxClock;
  readonly options: ResolvedOptions;
  readonly wechat: VendorHandle<typeof wechatControls, WechatCredentials & { token_url: string }>;
  readonly wechatpay: VendorHandle<typeof wechatpayControls, WechatpayCredentials>;
  readonly waiqin: VendorHandle<typeof waiqinControls, WaiqinCredentials>;
  /**
   * Runs a catalogue operation without a transport: the vendor's input check, rule and success
   * body. Resolves to the body; rejects with the `VendorError` HTTP would have answered.
   * `as` names the caller (appid, mchid or tenant openid; default: the world's main one).
   */
  call<K extends OperationId>(id: K, input?: OperationInput<K>, options?: { as?: string; world?: string }): Promise<OperationBody<K>>;
  /** Restores the seeded world (optionally with another seed or empty) and the start-up clock. */
  reset(change?: { seed?: number; empty?: boolean }): void;
  /** Every default credential and seeded test identity, per vendor. */
  credentials(): Record<string, unknown>;
  /** Reports an unexpected error (a bug); the HTTP layer still answers in the vendor's envelope. */
  reportUnexpected(error: unknown, request: Request | undefined): void;
  /** The worlds of this sandbox: the default one and those created by `POST /_sandbox/worlds` or `createWorld()`. */
  readonly worlds: WorldRegistry;
  /**
   * The same handle for another world (`sandbox.world` is the default World itself) (`default` or a created world's id): its controls, `call`,
   * reset and credentials. Throws a 404 ControlError for an unknown id.
   */
  inWorld(id: string): WorldHandle;
}

/** What `sandbox.inWorld(id)` gives: one world's controls, direct calls, reset and credentials. */
export type WorldHandle = Pick<Sandbox, 'wechat' | 'wechatpay' | 'waiqin' | 'call' | 'reset' | 'credentials' | 'clock'> & {
  readonly id: string;
  readonly world: World;
};

/** Binds a control table to a world: one method per action, input checked as over HTTP. */
function bind<C extends ControlTable<any>>(world: World, vendor: Vendor, table: C): VendorHandle<C, any> {
  const module = VENDOR_MODULES[vendor];
  const handle: Record<string, unknown> = {
    credentials: () =>
      world.outward(
        vendor,
        world.store(vendor).read((state) => module.credentials(state, world)),
      ),
  };
  for (const [name, act] of Object.entries(table)) {
    handle[name] = (input: Record<string, unknown> = {}) => {
      const { body, params } = checkedControlInput(act, input);
      const result = runControl(world, vendor, act, undefined, body, params);
      return result instanceof Promise ? result.then((r) => world.outward(vendor, r)) : world.outward(vendor, result);
    };
  }
  return handle as VendorHandle<C, any>;
}

/** Every secret value of a world's credentials (the strings under secret-like keys), for masking. */
function worldSecrets(world: World, registry: WorldRegistry): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (/secret|key|token|password/i.test(key) && !/serial|_id$|^id$/i.test(key)) found.push(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  try {
    walk(worldCredentials({ world, vendors: VENDORS }), '');
  } catch {
    // a broken world (the bug being reported) must not stop the report
  }
  // Every created world's AppSecrets and appkeys too: an error in one world may print another's.
  found.push(...registry.secrets());
  return found;
}

/** An error as one log text: its stack (which starts with the message), else its text. */
function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/** `genesis`: build the world a journal started from (src/node.ts `openSandbox` replays the rest). */
export function createSandbox(input: SandboxOptions = {}, genesis?: Genesis): Sandbox {
  const options = resolveOptions(input);
  const world = new World(options, VENDORS, { genesis });
  const worlds = new WorldRegistry(world, VENDORS, { ttlSeconds: options.worldTtlSeconds, maxWorlds: options.maxWorlds });
  const reportUnexpected = (error: unknown, request: Request | undefined) => {
    if (options.onUnexpectedError) options.onUnexpectedError(error, request);
    // Masked: the URL may carry an access_token, the error a body with secrets.
    else {
      const known = [...(request ? requestSecrets(request) : []), ...worldSecrets(world, worlds)];
      console.error(
        maskSecrets(`[coupon-sandbox] unexpected error on ${request ? `${request.method} ${request.url}` : 'a direct call'}: ${describeError(error)}`, known),
      );
    }
  };
  const app = createApp({ vendors: VENDORS, world: (request) => worlds.fromRequest(request), worlds, report: reportUnexpected, onRequest: options.onRequest });
  const worldById = (id: string) => worlds.get(id) ?? worlds.fromRequest(new Request(`http://sandbox/?world=${encodeURIComponent(id)}`));

  return {
    app,
    options,
    reportUnexpected,
    worlds,
    inWorld: (id) => handleOf(worldById(id), id, worldById),
    ...handleOf(world, DEFAULT_WORLD_ID, worldById),
  };
}

/** One world's controls, direct calls, reset and credentials (`world` in a call names another world). */
function handleOf(world: World, id: string, worldById: (id: string) => World): WorldHandle {
  return {
    id,
    world,
    clock: world.clock,
    wechat: bind(world, 'wechat', VENDOR_MODULES.wechat.controls as typeof wechatControls),
    wechatpay: bind(world, 'wechatpay', VENDOR_MODULES.wechatpay.controls as typeof wechatpayControls),
    waiqin: bind(world, 'waiqin', VENDOR_MODULES.waiqin.controls as typeof waiqinControls),
    async call(opId, input, callOptions) {
      const target = callOptions?.world === undefined ? world : worldById(callOptions.world);
      const op = operation(opId);
      const vendor = VENDOR_MODULES[op.vendor];
      // A created world's caller is named as its client knows it (its own mchid); the engine knows the sandbox's.
      const named = callOptions?.as === undefined ? undefined : (target.translation?.inward(op.vendor, callOptions.as) ?? callOptions.as);
      const caller = named ?? target.store(op.vendor).read((state) => vendor.defaultCaller(state));
      const exchange = { world: target, target: '', params: {}, caller, meta: vendor.meta() };
      return target.outward(op.vendor, await callOperation(vendor, exchange, op, input)) as never;
    },
    // Through the control action, so a reset is journaled like POST /_sandbox/reset.
    reset: (change) => {
      const done = runControl(world, undefined, worldControls.reset, { world, vendors: VENDORS }, change ?? {}, {});
      // With a shared store the reset goes through the log (a promise): a failure is said, never an unhandled rejection.
      if (done instanceof Promise)
        done.catch((error: unknown) => console.error(`[coupon-sandbox] reset failed: ${error instanceof Error ? error.message : String(error)}`));
    },
    credentials: () => worldCredentials({ world, vendors: VENDORS }),
  };
}
