/**
 * Synchronous reads of a sandbox's state through the engine's own rules, for assertions that
 * must not go through the transport under test (snapshots before and after a bad request).
 */
import type { Sandbox } from '../../src/sandbox.js';
import { MERCHANTS } from '../../src/engine/wechatpay/identities.js';
import type { WechatPayState } from '../../src/engine/wechatpay/model.js';
import { listUserCoupons } from '../../src/engine/wechatpay/queries.js';
import { requireStock } from '../../src/engine/wechatpay/access.js';
import { stockView } from '../../src/engine/wechatpay/stocks.js';
import type { WaiqinState } from '../../src/engine/waiqin/model.js';
import { queryVoucherUsedInfo } from '../../src/engine/waiqin/operations.js';
import type { WaiqinQueryVoucherUsedInfoRequest } from '../../src/types/waiqin/query-voucher-used-info.request.js';
import type { BusifavorListUserCouponsQuery } from '../../src/types/wechatpay/list-user-coupons.query.js';

/** A user's coupons as the sandbox merchant lists them. */
export function payList(sandbox: Sandbox, query: BusifavorListUserCouponsQuery) {
  return sandbox.world.store<WechatPayState>('wechatpay').read((s) => listUserCoupons(s, MERCHANTS.main, query, sandbox.clock.now()));
}

/** One stock as the sandbox merchant queries it (NO_AUTH for a stock it may not see). */
export function payStock(sandbox: Sandbox, stockId: string) {
  return sandbox.world.store<WechatPayState>('wechatpay').read((s) => stockView(requireStock(s, stockId, MERCHANTS.main), sandbox.clock.now()));
}

/** One stock as WeChat Pay stores it, whoever owns it. */
export function anyStock(sandbox: Sandbox, stockId: string) {
  return sandbox.world.store<WechatPayState>('wechatpay').read((s) => stockView(s.stocks.get(stockId)!, sandbox.clock.now()));
}

/** A voucher's holdings as queryVoucherUsedInfo lists them. */
export function waiqinUsed(sandbox: Sandbox, body: WaiqinQueryVoucherUsedInfoRequest) {
  return sandbox.world.store<WaiqinState>('waiqin').read((s) => queryVoucherUsedInfo(s, body, sandbox.clock.now()));
}
