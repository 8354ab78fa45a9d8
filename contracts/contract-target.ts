import { contractConfig, type ContractConfig, type ContractConfigInput } from './config.js';
import { contractConfigFromEnv } from './env.js';

/**
 * Shorthand for the three usual configurations: a sandbox the kit starts (or one already running
 * at `sandboxUrl`), a real target described in code, or whatever the environment says.
 *
 * @example
 * defineContractSuites(contractTarget('sandbox'));
 * defineContractSuites(contractTarget('sandbox', { sandboxUrl: 'http://127.0.0.1:4010' }));
 * defineContractSuites(contractTarget('real', { wechat: { baseUrl: 'https://api.weixin.qq.com', appid, secret } }));
 * defineContractSuites(contractTarget('env')); // CONTRACT_TARGET, WECHAT_APPID, ... (see CONTRACT_ENV)
 */
export function contractTarget(kind: 'sandbox' | 'real' | 'env', options: ContractConfigInput = {}): ContractConfig {
  if (kind === 'env') return contractConfigFromEnv(process.env);
  return contractConfig({ ...options, target: kind });
}
