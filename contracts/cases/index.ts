import type { ContractConfig } from '../config.js';
import type { ContractCase } from './types.js';
import { wechatCases } from './wechat.js';
import { wechatpayCases } from './wechatpay.js';
import { stockToolCases } from './wechatpay-stock-tools.js';
import { waiqinCases } from './waiqin.js';

/**
 * Every contract case for the configured vendors, in run order (per vendor: operations that
 * discover fixtures first, then writes, error probes, scenarios), narrowed by `config.only`.
 *
 * @example
 * contractCases(contractConfig({ vendors: ['wechat'] })).map((c) => c.id)
 */
export function contractCases(config: Pick<ContractConfig, 'vendors' | 'only'>): ContractCase[] {
  const all = [...wechatCases(), ...wechatpayCases(), ...stockToolCases(), ...waiqinCases()].filter((c) => config.vendors.includes(c.vendor));
  if (!config.only?.length) return all;
  return all.filter((c) => config.only!.some((prefix) => c.id.startsWith(prefix) || c.operations.some((op) => op.startsWith(prefix))));
}

export type { ContractCase, CaseKind } from './types.js';
export { CaseSkipped } from './types.js';
