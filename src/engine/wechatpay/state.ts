import type { EngineContext } from '../context.js';
import { seededStream } from '../random.js';
import { TEST_MCHID, TEST_MERCHANT_PUBLIC_KEY, TEST_MERCHANT_SERIAL } from './test-keys.js';
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
  };
  if (!ctx.empty) seedStocks(state, ctx.clock.now(), ctx.seed, seededStream(ctx.seed, 'wechatpayWorld'));
  return state;
}

/** A merchant that may sign v3 requests: its certificate serial and public key. */
export interface SigningMerchant {
  mchid: string;
  serial: string;
  publicKeyPem: string;
}

/** The merchant allowed to sign v3 requests with this mchid (only the sandbox merchant has keys). */
export function signingMerchant(mchid: string): SigningMerchant | undefined {
  if (mchid !== TEST_MCHID) return undefined;
  return { mchid, serial: TEST_MERCHANT_SERIAL, publicKeyPem: TEST_MERCHANT_PUBLIC_KEY };
}
