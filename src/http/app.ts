/* eslint-disable @typescript-eslint/no-explicit-any -- one table holds rules and actions of different input types: `any` in these type parameters is what lets it (with `unknown`, parameter contravariance rejects every entry). */
import { Hono, type Context } from 'hono';
import { VendorError } from '../engine/vendor-error.js';
import { operationsOf, type Operation } from '../operations.js';
import type { ControlTable } from '../pipeline/control-action.js';
import { ControlError, controlFailure, controlInput } from '../pipeline/control-error.js';
import type { Exchange } from '../pipeline/exchange.js';
import { HttpExchange } from './http-exchange.js';
import { RouteCache } from './route-cache.js';
import { bodyText, BodyTooLarge, readRawBody } from '../pipeline/read-body.js';
import { runControl } from '../pipeline/run-control.js';
import { answerFailure, runExchange, type ReportUnexpected } from '../pipeline/runner.js';
import { pathAndQueryOf } from '../pipeline/target.js';
import type { VendorModule } from '../pipeline/vendor-module.js';
import { worldControls, type WorldTarget } from '../pipeline/world-controls.js';
import { controlGuard, type ListenerInfo } from './control-guard.js';
import type { World } from '../pipeline/world.js';
import { maskTarget, type RequestSummary } from '../pipeline/request-summary.js';
import { worldsControls, type WorldsTarget } from '../worlds/controls.js';
import { opensToPages, type WorldRegistry } from '../worlds/registry.js';
import { recordRequest } from '../journal/request-record.js';

/** What a transport may hand the app next to the request (the Node server gives the raw request target). */
export interface TransportEnv {
  /** The request target exactly as on the request line, before any URL normalisation. */
  rawTarget?: string;
  /** Set by a network listener (the Node server): the control surface then checks Host and Origin. */
  listener?: ListenerInfo;
  /**
   * The transport delivers exactly the Content-Length it was told (Node's HTTP parser does): a
   * declared length within a limit then bounds the body, and a vendor that reads text can have it
   * without the bytes.
   */
  exactLength?: boolean;
}

/** What the app is built from. */
export interface AppSetup {
  readonly vendors: readonly VendorModule[];
  /** The world a request acts on. */
  world(request: Request): World;
  readonly report: ReportUnexpected;
  /** Called once per answered request (request logs); nothing is measured when absent. */
  readonly onRequest?: (summary: RequestSummary) => void;
  /** Created worlds (src/worlds/): vendor calls are routed by credential, `/_sandbox/worlds` is mounted. */
  readonly worlds?: WorldRegistry;
}

/** What a handler tells the request-summary middleware (and the world's request ring). */
interface Served {
  operation?: string;
  outcome?: string;
  vendor?: string;
  caller?: string;
  /** The request body as text. */
  body?: string;
}

type AppEnv = { Bindings: TransportEnv | undefined; Variables: { served: Served } };
type AppContext = Context<AppEnv>;

const decoder = new TextDecoder('utf-8');

/** The path parameters of a route that has none (never written to: the exchange's are read-only). */
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

/** The setup each app was built from, for routes a transport mounts later (the Node server's dashboard). */
const setups = new WeakMap<object, AppSetup>();

/** What `app` was built from (its vendors and how a request picks its world). */
export function appSetupOf(app: object): AppSetup {
  const setup = setups.get(app);
  if (!setup) throw new Error('not an app built by createApp');
  return setup;
}

/**
 * The one Hono app every transport feeds (the Node server, the msw handlers, `app.request()` in
 * tests), built from the vendor descriptions: each vendor's catalogue routes go through the one
 * runner, each control table through the one control route. Vendor paths do not overlap, so one
 * app serves all three vendors plus `/_sandbox/`.
 *
 * @example
 * const app = createApp({ vendors: VENDORS, world: () => world, report: console.error });
 * await app.request('/_sandbox/clock');
 */
export function createApp(setup: AppSetup): Hono<AppEnv> {
  // The trie Hono falls back to anyway, with the vendors' static paths' matches kept (route-cache.ts).
  const app = new Hono<AppEnv>({ router: new RouteCache() });
  const onRequest = setup.onRequest;
  /**
   * Every request, reads included, goes to its world's request ring (and its summary to onRequest),
   * recorded by the handler that answered it: a middleware around every route would cost the hot
   * path more than the recording itself.
   */
  const finish = (c: AppContext, world: World, served: Served, response: Response, started: number, target?: string): Response | Promise<Response> => {
    const ms = performance.now() - started;
    const path = target ?? pathAndQueryOf(c.req.url);
    const recorded = recordRequest(world, c.req.method, path, ms, served, response, world.clock.now());
    onRequest?.({
      method: c.req.method,
      target: maskTarget(path),
      operation: served.operation,
      outcome: served.outcome ?? (response.status < 400 ? 'ok' : String(response.status)),
      status: response.status,
      ms,
    });
    return recorded ? recorded.then(() => response) : response;
  };
  const vendorOf = (path: string) => setup.vendors.find((v) => v.prefixes.some((p) => path.startsWith(p)));

  const exchangeOf = (vendor: VendorModule, c: AppContext, op: Operation | undefined): Exchange =>
    new HttpExchange(
      c,
      // Vendor calls start in the default world; the vendor's identity step routes them by credential.
      setup.worlds?.defaultWorld ?? setup.world(c.req.raw),
      setup.worlds,
      c.req.raw,
      // The raw request line when the transport has it: WHATWG URL parsing percent-encodes `"`, `{`...
      // and resolves `.` segments, which would break a WeChat Pay signature over what was sent.
      c.env?.rawTarget || pathAndQueryOf(c.req.url),
      // An operation path without `{name}` has no parameters to collect.
      op && !op.path.includes('{') ? NO_PARAMS : (c.req.param() as Record<string, string>),
      op,
      vendor.meta(),
      c.env?.exactLength === true,
    );

  app.use(
    '/_sandbox/*',
    controlGuard(
      (request) => (setup.worlds?.defaultWorld ?? setup.world(request)).options,
      (request) => setup.worlds !== undefined && opensToPages(request),
    ),
  );
  const registry = setup.worlds;
  if (registry) mountControls(app, setup, finish, undefined, worldsControls, () => ({ registry, vendors: setup.vendors }) satisfies WorldsTarget);
  mountControls(app, setup, finish, undefined, worldControls, (world) => ({ world, vendors: setup.vendors }) satisfies WorldTarget);
  setups.set(app, setup);
  for (const vendor of setup.vendors) {
    mountControls(app, setup, finish, vendor, vendor.controls, () => undefined);
    const handle = (op: Operation | undefined) => (c: AppContext) => {
      const started = performance.now();
      const exchange = exchangeOf(vendor, c, op);
      const answered = (response: Response) => {
        const served = { operation: exchange.op?.id, outcome: exchange.outcome, vendor: vendor.vendor, caller: exchange.caller, body: bodyText(exchange) };
        return finish(c, exchange.world, served, response, started, exchange.target);
      };
      // No `async`: the runner's own promise (the body read) is the only one a call waits for.
      const response = runExchange(vendor, exchange, setup.report);
      return response instanceof Promise ? response.then(answered) : answered(response);
    };
    if (!vendor.routes.catalogue) {
      app.all(vendor.routes.pattern, handle(undefined));
      continue;
    }
    for (const op of operationsOf(vendor.vendor)) {
      if (!vendor.rules[op.id]) throw new Error(`no ${vendor.vendor} rule for ${op.id}`);
      const path = op.path.replace(/\{(\w+)\}/g, ':$1');
      if (vendor.routes.anyMethod) app.all(path, handle(op));
      else app.on(op.method, path, handle(op));
    }
  }

  app.notFound(async (c) => {
    const started = performance.now();
    const vendor = vendorOf(c.req.path);
    const world = setup.world(c.req.raw);
    if (vendor) {
      const response = await answerFailure(vendor, exchangeOf(vendor, c, undefined), new VendorError(vendor.vendor, vendor.notFoundKey), setup.report);
      return finish(c, world, { outcome: vendor.notFoundKey, vendor: vendor.vendor }, response, started);
    }
    const response = c.json({ error: { code: 'NOT_FOUND', message: `no sandbox route for ${c.req.method} ${c.req.path}` } }, 404);
    return finish(c, world, { vendor: 'sandbox' }, response, started);
  });

  app.onError(async (error, c) => {
    const started = performance.now();
    // The error may be that the request names no world (404): it is then the default world's request.
    let world: World;
    try {
      world = setup.world(c.req.raw);
    } catch (unknownWorld) {
      if (!setup.worlds) throw unknownWorld;
      world = setup.worlds.defaultWorld;
    }
    const served = c.get('served') ?? {};
    if (c.req.path.startsWith('/_sandbox/')) {
      const answer = controlFailure(error);
      if (answer) return finish(c, world, served, c.json(answer.body, answer.status as 400), started);
    }
    const vendor = vendorOf(c.req.path);
    // Vendor calls answer their own failures; what reaches here is a bug outside the runner.
    if (vendor) return finish(c, world, { vendor: vendor.vendor }, await answerFailure(vendor, exchangeOf(vendor, c, undefined), error, setup.report), started);
    setup.report(error, c.req.raw);
    return finish(c, world, served, c.json({ error: { code: 'INTERNAL', message: 'sandbox internal error' } }, 500), started);
  });

  return app;
}

/** Mounts one control table: JSON in (checked against the action's schema), JSON out. */
function mountControls(
  app: Hono<AppEnv>,
  setup: AppSetup,
  finishControl: (c: AppContext, world: World, served: Served, response: Response, started: number) => Response | Promise<Response>,
  vendor: VendorModule | undefined,
  table: ControlTable<any>,
  targetOf: (world: World) => unknown,
): void {
  for (const act of Object.values(table)) {
    app.on(act.method, act.path, async (c) => {
      const started = performance.now();
      // A shared store: catch up first (the world named may have been created on another instance).
      const replica = (setup.worlds?.defaultWorld ?? setup.world(c.req.raw)).replica;
      if (replica) await replica.sync();
      let text = '';
      if (act.method !== 'GET') {
        try {
          text = decoder.decode(await readRawBody(c.req.raw));
        } catch (error) {
          if (error instanceof BodyTooLarge) throw new ControlError(400, 'BAD_REQUEST', 'request body too large');
          throw error;
        }
      }
      // A GET action reads its query (journal, request and delivery filters); a body action its JSON.
      const input = act.method === 'GET' ? { ...c.req.query() } : controlInput(text, act.request);
      const world = setup.world(c.req.raw);
      const served = { operation: `control:${act.path}`, vendor: 'sandbox', body: text };
      // A refusal is answered (and recorded) by onError, which reads what was served.
      c.set('served', served);
      const result = await runControl(world, vendor?.vendor, act, targetOf(world), input, c.req.param() as Record<string, string>);
      // A created world's answers name its own merchants and tenant (src/worlds/translation.ts).
      const answer = vendor ? world.outward(vendor.vendor, result) : result;
      // With a data dir, the action is on disk before it is answered.
      if (act.writes) await world.journal.durable();
      return finishControl(c, world, served, c.json(answer as object), started);
    });
  }
}
