import type { Env, Hono } from 'hono';
import { formatRfc3339 } from '../engine/shanghai-time.js';
import type { Vendor } from '../engine/vendor-error.js';
import type { WaiqinState } from '../engine/waiqin/model.js';
import type { WechatState } from '../engine/wechat/model.js';
import type { WechatPayState } from '../engine/wechatpay/model.js';
import { operation as catalogueOperation, operations } from '../operations.js';
import { ControlError, controlInput } from '../pipeline/control-error.js';
import { readRawBody } from '../pipeline/read-body.js';
import { callOperation } from '../pipeline/runner.js';
import type { VendorModule } from '../pipeline/vendor-module.js';
import type { World } from '../pipeline/world.js';
import { waiqinCustomer, waiqinCustomers, waiqinOverview, waiqinVoucher, waiqinVouchers } from './waiqin-reads.js';
import { wechatCard, wechatCards, wechatCode, wechatCodes, wechatOverview } from './wechat-reads.js';
import { wechatpayCoupon, wechatpayCoupons, wechatpayOverview, wechatpayStock, wechatpayStocks } from './wechatpay-reads.js';
import { windowOf, type EntityPage, type ListPage } from './view-model.js';

/** Where the dashboard's JSON lives (under /_sandbox/, so the control guard covers it). */
export const DASHBOARD_API = '/_sandbox/ui/api';

export interface DashboardApiSetup {
  readonly vendors: readonly VendorModule[];
  world(request: Request): World;
  /** The default world carries a shared store's replica (src/redis/), if any. */
  readonly worlds?: { readonly defaultWorld: World };
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const wechat = <R>(world: World, read: (s: Readonly<WechatState>) => R) => world.store<WechatState>('wechat').read(read);
const pay = <R>(world: World, read: (s: Readonly<WechatPayState>) => R) => world.store<WechatPayState>('wechatpay').read(read);
const waiqin = <R>(world: World, read: (s: Readonly<WaiqinState>) => R) => world.store<WaiqinState>('waiqin').read(read);

/** One list, read inside its vendor's store through the engine's indexes. */
function listOf(world: World, kind: string, query: Record<string, string | undefined>): ListPage | undefined {
  const window = windowOf(query);
  const now = world.clock.now();
  const { q, by } = query;
  switch (kind) {
    case 'cards':
      return wechat(world, (s) => wechatCards(s, q, window));
    case 'codes':
      return wechat(world, (s) => wechatCodes(s, q, by, window, seconds(now)));
    case 'stocks':
      return pay(world, (s) => wechatpayStocks(s, q, window));
    case 'coupons':
      return pay(world, (s) => wechatpayCoupons(s, q, by, window, now));
    case 'vouchers':
      return waiqin(world, (s) => waiqinVouchers(s, q, window, now));
    case 'customers':
      return waiqin(world, (s) => waiqinCustomers(s, q, window));
    default:
      return undefined;
  }
}

function entityOf(world: World, kind: string, id: string, query: Record<string, string | undefined>): EntityPage | undefined {
  const now = world.clock.now();
  switch (kind) {
    case 'card':
      return wechat(world, (s) => wechatCard(s, id, seconds(now)));
    case 'code':
      return wechat(world, (s) => wechatCode(s, id, query.card_id || undefined, seconds(now)));
    case 'stock':
      return pay(world, (s) => wechatpayStock(s, id, now));
    case 'coupon':
      return pay(world, (s) => wechatpayCoupon(s, id, query.stock_id || undefined, now));
    case 'voucher':
      return waiqin(world, (s) => waiqinVoucher(s, id, now));
    case 'customer':
      return waiqin(world, (s) => waiqinCustomer(s, id, now));
    default:
      return undefined;
  }
}

let requestNumbers = 0;

/** `$request_no` and `$now` in an action's input become a fresh merchant request number and the sandbox time. */
function filled(value: unknown, world: World): unknown {
  if (value === '$request_no') return `DASH${world.clock.now().toString(36)}${(++requestNumbers).toString(36)}`.toUpperCase();
  if (value === '$now') return formatRfc3339(world.clock.now());
  if (Array.isArray(value)) return value.map((v) => filled(v, world));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, filled(v, world)]));
  return value;
}

const OPERATION_IDS = new Set<string>(operations.map((op) => op.id));

/**
 * The dashboard's read API: the overview, lists with search and server-side paging, entity pages,
 * and one write, `POST .../call`, which runs a catalogue operation exactly as `sandbox.call` does
 * (a vendor's refusal answers 409 VENDOR_RULE with the vendor's code and message, like a control
 * action). Every read runs inside the vendor's store of the request's world.
 */
export function mountDashboardApi<E extends Env>(app: Hono<E>, setup: DashboardApiSetup): void {
  const moduleOf = (vendor: Vendor) => setup.vendors.find((v) => v.vendor === vendor)!;
  // A shared store: every page reads after catching up with what other instances answered.
  app.use(`${DASHBOARD_API}/*`, async (_c, next) => {
    await setup.worlds?.defaultWorld.replica?.sync();
    await next();
  });
  app.get(`${DASHBOARD_API}/overview`, (c) => {
    const world = setup.world(c.req.raw);
    const now = world.clock.now();
    const credentials = Object.fromEntries(setup.vendors.map((v) => [v.vendor, world.store(v.vendor).read((state) => v.credentials(state, world))]));
    return c.json({
      clock: world.clock.toJSON(),
      seed: world.options.seed,
      empty: world.options.empty,
      vendors: [
        wechat(world, (s) => wechatOverview(s, seconds(now))),
        pay(world, (s) => wechatpayOverview(s, now)),
        waiqin(world, (s) => waiqinOverview(s, now)),
      ],
      credentials,
    });
  });
  app.get(`${DASHBOARD_API}/lists/:kind`, (c) => {
    const page = listOf(setup.world(c.req.raw), c.req.param('kind'), c.req.query());
    if (!page) throw new ControlError(404, 'NOT_FOUND', `no list ${c.req.param('kind')}`);
    return c.json(page);
  });
  app.get(`${DASHBOARD_API}/entities/:kind/:id`, (c) => {
    const { kind, id } = c.req.param();
    const page = entityOf(setup.world(c.req.raw), kind, id, c.req.query());
    if (!page) throw new ControlError(404, 'NOT_FOUND', `no ${kind} ${id} in this world`);
    return c.json(page);
  });
  app.post(`${DASHBOARD_API}/call`, async (c) => {
    const body = controlInput(new TextDecoder().decode(await readRawBody(c.req.raw)), undefined);
    const id = body.operation;
    if (typeof id !== 'string' || !OPERATION_IDS.has(id))
      throw new ControlError(400, 'BAD_REQUEST', `operation must name a catalogue operation, got ${JSON.stringify(id)}`);
    const op = catalogueOperation(id as never);
    const world = setup.world(c.req.raw);
    const vendor = moduleOf(op.vendor);
    const caller = typeof body.as === 'string' ? body.as : world.store(op.vendor).read((state) => vendor.defaultCaller(state));
    const input = filled(body.input ?? {}, world);
    const answer = await callOperation(vendor, { world, target: '', params: {}, caller, meta: vendor.meta() }, op, input);
    return c.json({ ok: true, operation: id, input, answer: answer ?? null });
  });
}
