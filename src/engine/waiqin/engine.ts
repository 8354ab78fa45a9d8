import type { WaiqinAddVoucherInfoData } from '../../types/waiqin/add-voucher-info.data.js';
import type { WaiqinAddVoucherInfoRequest } from '../../types/waiqin/add-voucher-info.request.js';
import type { WaiqinFinishVoucherRequest } from '../../types/waiqin/finish-voucher.request.js';
import type { WaiqinGetCmInfosRequest } from '../../types/waiqin/get-cm-infos.request.js';
import type { WaiqinGetVoucherInfosRequest } from '../../types/waiqin/get-voucher-infos.request.js';
import type { WaiqinModifyVoucherEndDateRequest } from '../../types/waiqin/modify-voucher-end-date.request.js';
import type { WaiqinQueryVoucherUsedInfoRequest } from '../../types/waiqin/query-voucher-used-info.request.js';
import type { WaiqinReceiveVoucherInfoData } from '../../types/waiqin/receive-voucher-info.data.js';
import type { WaiqinReceiveVoucherInfoRequest } from '../../types/waiqin/receive-voucher-info.request.js';
import type { EngineContext } from '../context.js';
import { MemoryStore } from '../store.js';
import { autoDistribute, findCustomer, findVoucher, holdingsOf, placeOrder, receive, type OrderInput } from './holdings.js';
import { idText, page, validated } from './input.js';
import type { WaiqinState } from './model.js';
import { seedWorld } from './seed.js';
import { formatDate, formatDateTime } from './time.js';
import { useStatus, voucherInfo, voucherUsedInfo, type CmInfo, type VoucherInfo, type VoucherUsedInfo } from './views.js';
import { buildVoucher, changeEndDate, finish, voucherById } from './vouchers.js';

/** The sandbox tenant's openid: 19 characters, like the ones waiqin365 issues. */
export const WAIQIN_OPENID = '8817201409164280001';
/** The tenant's signing secret: 18 characters, never sent on the wire. */
export const WAIQIN_APPKEY = 'SBX0waiqin365Key01';
/** How far a request's path timestamp may be from the sandbox clock, either way. */
export const WAIQIN_TIMESTAMP_WINDOW_SECONDS = 600;
/** The vendor's default host; the tenant host shown in a real console differs, and any host reaches the sandbox. */
export const WAIQIN_DEFAULT_HOST = 'https://openapi.waiqin365.com';

/** A customer as the world listing shows it, with its attribute names resolved. */
export interface WaiqinCustomerView {
  id: string;
  code: string;
  name: string;
  sourceCode: string;
  level: string;
  type: string;
  dept: string;
  labels: string[];
  district: string;
  districtCode: string;
}

/** Everything seeded, for `GET /_sandbox/waiqin/world` and `sandbox.waiqin.world()`. */
export interface WaiqinWorld {
  levels: Array<{ id: string; name: string }>;
  types: Array<{ id: string; name: string }>;
  depts: Array<{ id: string; name: string }>;
  labels: Array<{ id: string; name: string }>;
  districts: Array<{ id: string; code: string; name: string }>;
  brands: Array<{ id: string; name: string }>;
  productTypes: Array<{ id: string; name: string }>;
  customers: WaiqinCustomerView[];
  products: Array<{ id: string; code: string; name: string; brand: string; type: string }>;
  vouchers: Array<{
    id: string;
    name: string;
    startDate: string;
    endDate: string;
    isFinish: string;
    num: number;
    received: number;
    used: number;
    /** Who holds it, one entry per holding: the customer, 0 unused / 1 used / 2 expired (sandbox clock), the order that used it. */
    holders: Array<{ cmId: string; cmCode: string; cmName: string; useStatus: '0' | '1' | '2'; orderNo?: string }>;
  }>;
}

/**
 * The waiqin365 voucher engine: one tenant, its customers and products (seeded master data), and
 * its vouchers, holdings and orders. No HTTP here: each public method is one vendor operation (it
 * validates its body against the operation's schema and throws a `VendorError('waiqin', key)`) or
 * one control action, so msw users and tests can call them directly.
 *
 * @example
 * const sandbox = createSandbox({ seed: 7 });
 * const { voucherId } = sandbox.waiqin.addVoucherInfo({ name: '满100减10', startDate: '2030-01-01', endDate: '2030-12-31',
 *   money: '10', doorsillType: 'Y', doorsillAmount: 100, payType: 'UNLIMITED', grantType: 'HDFF',
 *   eachCmNum: 1, num: 10, tradeRange: '2', cmCode: 'CUS010043', prodMode: 'ALL' });
 */
export class WaiqinEngine {
  private readonly store: MemoryStore<WaiqinState>;

  constructor(readonly ctx: EngineContext) {
    this.store = new MemoryStore(() => seedWorld(ctx.seed, ctx.empty, ctx.clock.now()));
  }

  /** Restores the seeded world (for the context's current seed and empty flag, dated from the clock now). */
  reset(): void {
    this.store.reset();
  }

  /** Credentials and test identities a client needs, for GET /_sandbox/credentials. */
  credentials(): Record<string, unknown> {
    return this.store.read((s) => ({
      host: WAIQIN_DEFAULT_HOST,
      basePath: '/api/voucher/v1',
      openid: WAIQIN_OPENID,
      appkey: WAIQIN_APPKEY,
      digest: 'lowercase hex md5(<raw body>|<appkey>|<timestamp>)',
      timestampFormat: 'yyyyMMddHHmmss (Asia/Shanghai)',
      timestampWindowSeconds: WAIQIN_TIMESTAMP_WINDOW_SECONDS,
      sampleCustomer: s.customers[0] ? { id: s.customers[0].id, code: s.customers[0].code, name: s.customers[0].name } : null,
      sampleProductCode: s.products[1]?.code ?? null,
    }));
  }

  /** The appkey of a tenant openid, or undefined for an unknown openid. */
  appkeyOf(openid: string): string | undefined {
    return openid === WAIQIN_OPENID ? WAIQIN_APPKEY : undefined;
  }

  /** getVoucherInfos: vouchers in creation order, filtered by inclusive Shanghai create/modify days, one page. */
  getVoucherInfos(input: WaiqinGetVoucherInfosRequest = {}): VoucherInfo[] {
    const q = validated<WaiqinGetVoucherInfosRequest>('get-voucher-infos.request', input);
    return this.store.read((s) => {
      const within = (ms: number, from?: string | null, to?: string | null) => {
        if (!from && !to) return true; // no filter: skip formatting the day of every voucher
        const day = formatDate(ms);
        return (!from || day >= from) && (!to || day <= to);
      };
      // Creation order (a stable sort keeps insertion order for vouchers created the same millisecond).
      const list = [...s.vouchers.values()].sort((a, b) => a.createdAt - b.createdAt).filter(
        (v) => within(v.createdAt, q.start_create_date, q.end_create_date) && within(v.modifiedAt, q.start_modify_date, q.end_modify_date),
      );
      return page(list, q.page_number ?? undefined, q.page_length ?? undefined).map((v) => voucherInfo(s, v));
    });
  }

  /** addVoucherInfo: validates every field and rule, stores the voucher, returns its id (autoReceive Y distributes it). */
  addVoucherInfo(input: WaiqinAddVoucherInfoRequest): WaiqinAddVoucherInfoData {
    const body = validated<WaiqinAddVoucherInfoRequest>('add-voucher-info.request', input);
    const now = this.ctx.clock.now();
    return this.store.transact((s) => {
      const voucher = buildVoucher(s, body, now);
      s.vouchers.set(voucher.id, voucher);
      if (voucher.autoReceive === 'Y') autoDistribute(s, voucher, now);
      return { voucherId: voucher.id };
    });
  }

  /** finishVoucher: isFinish Y; the voucher can no longer be received (held ones stay usable until endDate). */
  finishVoucher(input: WaiqinFinishVoucherRequest): null {
    const body = validated<WaiqinFinishVoucherRequest>('finish-voucher.request', input);
    const now = this.ctx.clock.now();
    return this.store.transact((s) => {
      finish(voucherById(s, idText(body.voucherId)!), now);
      return null;
    });
  }

  /** modifyVoucherEndDate: any day from today (and from startDate) on; not on a finished voucher. */
  modifyVoucherEndDate(input: WaiqinModifyVoucherEndDateRequest): null {
    const body = validated<WaiqinModifyVoucherEndDateRequest>('modify-voucher-end-date.request', input);
    const now = this.ctx.clock.now();
    return this.store.transact((s) => {
      changeEndDate(voucherById(s, idText(body.voucherId)!), body.endDate, now);
      return null;
    });
  }

  /** receiveVoucherInfo: one holding for one customer, honouring num, eachCmNum, the range, dates and isFinish. */
  receiveVoucherInfo(input: WaiqinReceiveVoucherInfoRequest): WaiqinReceiveVoucherInfoData {
    const body = validated<WaiqinReceiveVoucherInfoRequest>('receive-voucher-info.request', input);
    const now = this.ctx.clock.now();
    return this.store.transact((s) => {
      const voucher = findVoucher(s, idText(body.voucherId ?? undefined) || undefined, body.voucherName ?? undefined);
      const customer = findCustomer(s, { cmId: idText(body.cmId ?? undefined), cmCode: body.cmCode ?? undefined, cmSourceCode: body.cmSourceCode ?? undefined });
      const holding = receive(s, voucher, customer, now, body.receiveTime ?? undefined);
      return { id: holding.id, voucherId: voucher.id, cmId: customer.id, receiveTime: formatDateTime(holding.receivedAt) };
    });
  }

  /** getCmInfos: each customer holding the voucher once, in order of first receipt, one page. */
  getCmInfos(input: WaiqinGetCmInfosRequest): CmInfo[] {
    const body = validated<WaiqinGetCmInfosRequest>('get-cm-infos.request', input);
    return this.store.read((s) => {
      const voucher = voucherById(s, idText(body.voucher_id)!);
      const ids = [...new Set(holdingsOf(s, voucher.id).map((h) => h.customerId))];
      const customers = ids.map((id) => s.customers.find((c) => c.id === id)!).map((c) => ({ id: c.id, code: c.code, name: c.name }));
      return page(customers, body.page_number ?? undefined, body.page_length ?? undefined);
    });
  }

  /** queryVoucherUsedInfo: the voucher's holdings, optionally only one use status (2 = expired by the sandbox clock). */
  queryVoucherUsedInfo(input: WaiqinQueryVoucherUsedInfoRequest): VoucherUsedInfo[] {
    const body = validated<WaiqinQueryVoucherUsedInfoRequest>('query-voucher-used-info.request', input);
    const now = this.ctx.clock.now();
    const status = body.voucherStatus === undefined || body.voucherStatus === null ? undefined : String(body.voucherStatus);
    return this.store.read((s) => {
      const voucher = voucherById(s, idText(body.voucherId)!);
      return holdingsOf(s, voucher.id)
        .map((h) => voucherUsedInfo(h, voucher, s.customers.find((c) => c.id === h.customerId)!, now))
        .filter((row) => status === undefined || row.use_status === status);
    });
  }

  /**
   * Control action: the customer places an order that uses their oldest unused holding of the
   * voucher (the voucher API has no order operation). Returns the holding as queryVoucherUsedInfo shows it.
   *
   * @example
   * sandbox.waiqin.placeOrder({ voucherId, cmCode: 'CUS010043', amount: '150.00' });
   */
  placeOrder(input: OrderInput): VoucherUsedInfo {
    const now = this.ctx.clock.now();
    return this.store.transact((s) => {
      const holding = placeOrder(s, input, now);
      return voucherUsedInfo(holding, s.vouchers.get(holding.voucherId)!, s.customers.find((c) => c.id === holding.customerId)!, now);
    });
  }

  /** Control action: the seeded master data and a summary of every voucher. */
  world(): WaiqinWorld {
    const now = this.ctx.clock.now();
    return this.store.read((s) => {
      const nameOf = (list: ReadonlyArray<{ id: string; name: string }>, id: string) => list.find((x) => x.id === id)?.name ?? '';
      const copy = <T extends object>(list: readonly T[]) => list.map((x) => ({ ...x }));
      return {
        levels: copy(s.levels),
        types: copy(s.types),
        depts: copy(s.depts),
        labels: copy(s.labels),
        districts: copy(s.districts),
        brands: copy(s.brands),
        productTypes: copy(s.productTypes),
        customers: s.customers.map((c) => {
          const district = s.districts.find((d) => d.id === c.districtId);
          return {
            id: c.id,
            code: c.code,
            name: c.name,
            sourceCode: c.sourceCode,
            level: nameOf(s.levels, c.levelId),
            type: nameOf(s.types, c.typeId),
            dept: nameOf(s.depts, c.deptId),
            labels: c.labelIds.map((id) => nameOf(s.labels, id)),
            district: district?.name ?? '',
            districtCode: district?.code ?? '',
          };
        }),
        products: s.products.map((p) => ({ id: p.id, code: p.code, name: p.name, brand: nameOf(s.brands, p.brandId), type: nameOf(s.productTypes, p.typeId) })),
        vouchers: [...s.vouchers.values()].map((v) => {
          const held = holdingsOf(s, v.id);
          // Who holds what, so a user can pick a voucher and customer for POST /_sandbox/waiqin/orders.
          const holders = held.map((h) => {
            const c = s.customers.find((x) => x.id === h.customerId);
            return { cmId: h.customerId, cmCode: c?.code ?? '', cmName: c?.name ?? '', useStatus: useStatus(h, v, now), ...(h.order ? { orderNo: h.order.no } : {}) };
          });
          return { id: v.id, name: v.name, startDate: v.startDate, endDate: v.endDate, isFinish: v.isFinish, num: v.num, received: held.length, used: held.filter((h) => h.order).length, holders };
        }),
      };
    });
  }
}
