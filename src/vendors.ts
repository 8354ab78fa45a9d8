/* eslint-disable @typescript-eslint/no-explicit-any -- one table holds rules and actions of different input types: `any` in these type parameters is what lets it (with `unknown`, parameter contravariance rejects every entry). */
import { waiqinVendor } from './http/waiqin/index.js';
import type { waiqinRules } from './http/waiqin/rules.js';
import type { WaiqinEnvelope } from './http/waiqin/envelope.js';
import { wechatVendor } from './http/wechat/index.js';
import type { wechatRules } from './http/wechat/rules.js';
import { wechatpayVendor } from './http/wechatpay/index.js';
import type { wechatpayRules } from './http/wechatpay/rules.js';
import type { OperationRule, VendorModule } from './pipeline/vendor-module.js';
import type { Vendor } from './engine/vendor-error.js';

/** The vendors a sandbox serves, in the order their routes are mounted. */
export const VENDORS: readonly VendorModule[] = [wechatVendor, wechatpayVendor, waiqinVendor];

/** The vendor module of a vendor name. */
export const VENDOR_MODULES: Readonly<Record<Vendor, VendorModule>> = { wechat: wechatVendor, wechatpay: wechatpayVendor, waiqin: waiqinVendor };

type Rules = typeof wechatRules & typeof wechatpayRules & typeof waiqinRules;

/** Every operation id of the catalogue. */
export type OperationId = keyof Rules & string;

/** What `sandbox.call(id, input)` takes for an operation. */
export type OperationInput<K extends OperationId> = Rules[K] extends OperationRule<any, infer I, any> ? I : never;

type Result<K extends OperationId> = Rules[K] extends OperationRule<any, any, infer R> ? Awaited<R> : never;

/** What `sandbox.call(id, input)` resolves to: the vendor's success body. */
export type OperationBody<K extends OperationId> = K extends `waiqin.${string}`
  ? WaiqinEnvelope
  : K extends `wechat.${string}`
    ? Result<K> & { errcode?: number; errmsg?: string }
    : Result<K>;
