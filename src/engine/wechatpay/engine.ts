import type { BusifavorCoupon } from '../../types/wechatpay/coupon.js';
import type { BusifavorCreateStockRequest } from '../../types/wechatpay/create-stock.request.js';
import type { BusifavorCreateStockResponse } from '../../types/wechatpay/create-stock.response.js';
import type { BusifavorDeactivateCouponRequest } from '../../types/wechatpay/deactivate-coupon.request.js';
import type { BusifavorDeactivateCouponResponse } from '../../types/wechatpay/deactivate-coupon.response.js';
import type { BusifavorListUserCouponsQuery } from '../../types/wechatpay/list-user-coupons.query.js';
import type { BusifavorListUserCouponsResponse } from '../../types/wechatpay/list-user-coupons.response.js';
import type { BusifavorReturnCouponRequest } from '../../types/wechatpay/return-coupon.request.js';
import type { BusifavorReturnCouponResponse } from '../../types/wechatpay/return-coupon.response.js';
import type { BusifavorSendCouponRequest } from '../../types/wechatpay/send-coupon.request.js';
import type { BusifavorSendCouponResponse } from '../../types/wechatpay/send-coupon.response.js';
import type { BusifavorStock } from '../../types/wechatpay/stock.js';
import type { BusifavorUseCouponRequest } from '../../types/wechatpay/use-coupon.request.js';
import type { BusifavorUseCouponResponse } from '../../types/wechatpay/use-coupon.response.js';
import { assertErrorKey } from '../../errors/catalogue.js';
import type { WechatpayErrorKey } from '../../types/error-key.js';
import type { EngineContext } from '../context.js';
import { Random } from '../random.js';
import { MemoryStore } from '../store.js';
import { VendorError } from '../vendor-error.js';
import { requireStock } from './access.js';
import { couponKey, deactivateCoupon, deleteCoupon, findCoupon, returnCoupon, sendCoupon, useCoupon } from './coupons.js';
import { APPIDS, MERCHANTS, TEST_OPENIDS } from './identities.js';
import type { StockState, WechatPayState } from './model.js';
import { listUserCoupons, queryCoupon } from './queries.js';
import { seedWorld } from './seed.js';
import { createStock, setStockState, stockView } from './stocks.js';
import * as keys from './test-keys.js';

export type { StockState } from './model.js';

/** A merchant that may sign v3 requests: its certificate serial and public key. */
export interface SigningMerchant {
  mchid: string;
  serial: string;
  publicKeyPem: string;
}

function emptyState(): WechatPayState {
  return { stocks: new Map(), coupons: new Map(), byCode: new Map(), byUser: new Map(), ledger: new Map(), nextStockNo: 1, nextSeq: 1 };
}

/**
 * WeChat Pay v3 merchant coupons (busifavor): stocks, coupons, idempotency ledger. No HTTP and
 * no signatures here (src/http/wechatpay/ verifies and signs); every public method is also a
 * typed control action for msw and unit-test users. `caller` is the merchant the request was
 * signed by (the sandbox merchant by default).
 *
 * @example
 * const sandbox = createSandbox({ seed: 1 });
 * const { stock_id } = sandbox.wechatpay.createStock({ ...body, out_request_no: 'r1' });
 * sandbox.wechatpay.setStockState(stock_id, 'PAUSED');
 */
export class WechatPayEngine {
  private random!: Random;
  private readonly store: MemoryStore<WechatPayState>;

  constructor(readonly ctx: EngineContext) {
    this.store = new MemoryStore(() => this.seed());
  }

  private seed(): WechatPayState {
    const state = emptyState();
    // Codes of API sends come from their own stream, so seeding more data never changes them.
    this.random = new Random(this.ctx.seed ^ 0x5eed_0003);
    if (!this.ctx.empty) seedWorld(state, this.ctx.clock.now(), this.ctx.seed, new Random(this.ctx.seed));
    return state;
  }

  private now(): number {
    return this.ctx.clock.now();
  }

  /** Restores the seeded world (or the empty one). */
  reset(): void {
    this.store.reset();
  }

  /** 创建商家券: a new RUNNING stock (replayed for a repeated out_request_no). */
  createStock(body: BusifavorCreateStockRequest, caller: string = MERCHANTS.main): BusifavorCreateStockResponse {
    return this.store.transact((s) => createStock(s, caller, body, this.now()));
  }

  /** 查询商家券详情. */
  queryStock(stockId: string, caller: string = MERCHANTS.main): BusifavorStock {
    return this.store.read((s) => stockView(requireStock(s, stockId, caller), this.now()));
  }

  /** 发放商家券 to a user. */
  sendCoupon(body: BusifavorSendCouponRequest, caller: string = MERCHANTS.main): BusifavorSendCouponResponse {
    return this.store.transact((s) => sendCoupon(s, caller, body, this.now(), this.random));
  }

  /** 核销用户券. */
  useCoupon(body: BusifavorUseCouponRequest, caller: string = MERCHANTS.main): BusifavorUseCouponResponse {
    return this.store.transact((s) => useCoupon(s, caller, body, this.now()));
  }

  /** 使券失效. */
  deactivateCoupon(body: BusifavorDeactivateCouponRequest, caller: string = MERCHANTS.main): BusifavorDeactivateCouponResponse {
    return this.store.transact((s) => deactivateCoupon(s, caller, body, this.now()));
  }

  /** 申请退券. */
  returnCoupon(body: BusifavorReturnCouponRequest, caller: string = MERCHANTS.main): BusifavorReturnCouponResponse {
    return this.store.transact((s) => returnCoupon(s, caller, body, this.now()));
  }

  /** 根据过滤条件查询用户券. */
  listUserCoupons(query: BusifavorListUserCouponsQuery, caller: string = MERCHANTS.main): BusifavorListUserCouponsResponse {
    return this.store.read((s) => listUserCoupons(s, caller, query, this.now()));
  }

  /** 查询用户单张券详情. */
  queryCoupon(query: { openid: string; coupon_code: string; appid: string }, caller: string = MERCHANTS.main): BusifavorCoupon {
    return this.store.read((s) => queryCoupon(s, caller, query, this.now()));
  }

  /**
   * Control action: moves a stock's status (review passed, paused, stopped...). STOPED is final
   * (throws StockStateError); an unknown stock is STOCK_NOT_EXISTS.
   */
  setStockState(stockId: string, state: StockState): BusifavorStock {
    return this.store.transact((s) => {
      const stock = s.stocks.get(stockId);
      if (!stock) throw new VendorError('wechatpay', 'STOCK_NOT_EXISTS');
      setStockState(stock, state);
      return stockView(stock, this.now());
    });
  }

  /** Control action: the user deletes the coupon from the wallet (SENDED or EXPIRED -> DELETED). */
  deleteCoupon(couponCode: string, stockId?: string): BusifavorCoupon {
    return this.store.transact((s) => {
      const { coupon, stock } = findCoupon(s, couponCode, stockId, MERCHANTS.main);
      deleteCoupon(s, coupon, this.now());
      return this.view(s, couponKey(stock.stock_id, coupon.coupon_code));
    });
  }

  /** Control action: uploads codes to a MERCHANT_UPLOAD stock (what /stocks/{id}/couponcodes does). */
  uploadCouponCodes(stockId: string, codes: string[]): BusifavorStock {
    return this.store.transact((s) => {
      const stock = requireStock(s, stockId, MERCHANTS.main);
      if (stock.spec.coupon_code_mode !== 'MERCHANT_UPLOAD') throw new VendorError('wechatpay', 'INVALID_REQUEST_CODE_MODE');
      const seen = new Set(stock.uploaded_codes);
      for (const code of codes) {
        if (seen.has(code) || s.coupons.has(couponKey(stockId, code))) throw new VendorError('wechatpay', 'COUPON_CODE_EXISTS');
        seen.add(code);
      }
      stock.uploaded_codes.push(...codes);
      stock.uploaded_total += codes.length;
      return stockView(stock, this.now());
    });
  }

  /**
   * Control action: answers the next WeChat Pay call (after its signature is checked) with this
   * catalogued error, e.g. FREQUENCY_LIMITED or SYSTEM_ERROR, to exercise a client's retry path.
   */
  failNext(key: string): void {
    assertErrorKey('wechatpay', key); // throws on a key that is not in the catalogue
    this.store.transact((s) => {
      s.failNext = key;
    });
  }

  /** The injected failure, if any, consumed (the HTTP layer calls this once per request). */
  takeInjectedFailure(): WechatpayErrorKey | undefined {
    return this.store.transact((s) => {
      const key = s.failNext;
      delete s.failNext;
      return key;
    });
  }

  private view(s: WechatPayState, key: string): BusifavorCoupon {
    const coupon = s.coupons.get(key)!;
    return this.queryCoupon({ openid: coupon.openid, coupon_code: coupon.coupon_code, appid: coupon.appid });
  }

  /** The merchant allowed to sign v3 requests with this mchid (only the sandbox merchant has keys). */
  signingMerchant(mchid: string): SigningMerchant | undefined {
    if (mchid !== keys.TEST_MCHID) return undefined;
    return { mchid, serial: keys.TEST_MERCHANT_SERIAL, publicKeyPem: keys.TEST_MERCHANT_PUBLIC_KEY };
  }

  /** Stock ids of the seeded world by role, for tests and docs (empty world: none). */
  seededStocks(): { stock_id: string; stock_state: StockState; coupon_code_mode: string; belong_merchant: string; creator_merchant: string }[] {
    return this.store.read((s) =>
      [...s.stocks.values()].map((st) => ({
        stock_id: st.stock_id,
        stock_state: st.state,
        coupon_code_mode: st.spec.coupon_code_mode,
        belong_merchant: st.spec.belong_merchant,
        creator_merchant: st.creator_merchant,
      })),
    );
  }

  /**
   * Everything a v3 client needs (TEST-ONLY keys, PEM): merchant id, certificate serial and
   * private key to sign requests; the platform serial, certificate and public key to verify
   * responses; the APIv3 key to decrypt GET /v3/certificates; appids and test users.
   */
  credentials(): Record<string, unknown> {
    return {
      note: 'TEST-ONLY keys of the coupon-sandbox; never use them for anything real.',
      mchid: keys.TEST_MCHID,
      merchant_serial_no: keys.TEST_MERCHANT_SERIAL,
      merchant_private_key: keys.TEST_MERCHANT_PRIVATE_KEY,
      merchant_public_key: keys.TEST_MERCHANT_PUBLIC_KEY,
      merchant_certificate: keys.TEST_MERCHANT_CERTIFICATE,
      platform_serial_no: keys.TEST_PLATFORM_SERIAL,
      platform_certificate: keys.TEST_PLATFORM_CERTIFICATE,
      platform_public_key: keys.TEST_PLATFORM_PUBLIC_KEY,
      apiv3_key: keys.TEST_APIV3_KEY,
      appids: [...APPIDS],
      openids: [...TEST_OPENIDS],
      sub_merchants: [MERCHANTS.subA, MERCHANTS.subB],
      foreign_merchant: MERCHANTS.foreign,
    };
  }
}
