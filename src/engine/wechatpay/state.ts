import type { EngineContext } from '../context.js';
import { runtimeStream, seededStream } from '../random.js';
import { seedMerchantKeys } from './key-modes.js';
import { merchantAccount } from './merchants.js';
import type { WechatPayState } from './model.js';
import { seedStocks } from './seed.js';

/** The seeded WeChat Pay state of a world (the empty one: no stocks, same identities). */
export function createWechatPayState(ctx: EngineContext): WechatPayState {
  const state: WechatPayState = {
    stocks: new Map(),
    coupons: new Map(),
    byCode: new Map(),
    byUser: new Map(),
    ledger: new Map(),
    nextStockNo: 1,
    nextSeq: 1,
    random: seededStream(ctx.seed, 'wechatpayCodes'),
    // Keys exist in an empty world too: they are the merchants' credentials, not seeded data.
    keys: seedMerchantKeys(),
    notifyUrls: new Map(),
  };
  if (!ctx.empty) seedStocks(state, ctx.clock.now(), ctx.seed, seededStream(ctx.seed, 'wechatpayWorld'));
  if (ctx.idNonce !== undefined) {
    // Run-time codes and stock ids differ from one build of the world to the next (seeded ones do not).
    state.random = runtimeStream(state.random, ctx.seed, 'wechatpayCodes', ctx.idNonce);
    state.nextStockNo += 1_000_000 + (ctx.idNonce % 1_000_000_000);
  }
  return state;
}

/** A merchant that may sign v3 requests: its certificate serial and public key. */
export interface SigningMerchant {
  mchid: string;
  serial: string;
  publicKeyPem: string;
}

/** The merchant allowed to sign v3 requests with this mchid (one per key mode; sub-merchants have no keys). */
export function signingMerchant(mchid: string): SigningMerchant | undefined {
  const account = merchantAccount(mchid);
  return account && { mchid, serial: account.serial, publicKeyPem: account.publicKeyPem };
}
