import type { WechatState } from './model.js';
import { appByIdOrDefault } from './user-actions.js';

/**
 * An Official Account's message-push settings as the MP console holds them (服务器配置): the
 * server URL, the Token that signs each push, the EncodingAESKey of WeChat's message crypto, the
 * security mode and the data format (VENDOR-BEHAVIOUR.md B.9).
 */
export interface PushConfig {
  appid: string;
  url: string;
  token: string;
  /** 43 characters of Base64 (no padding): the AES-256 key. Required in compatible and safe mode. */
  encoding_aes_key?: string;
  mode: 'plain' | 'compatible' | 'safe';
  format: 'xml' | 'json';
}

/** Why the console refused the settings (answered as a 400 of the control surface). */
export class PushConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PushConfigError';
  }
}

/** Push settings with the console's defaults (plain mode, XML) for what was not chosen. */
export function pushSettings(input: Omit<PushConfig, 'mode' | 'format'> & Partial<PushConfig>): PushConfig {
  return {
    appid: input.appid,
    url: input.url,
    token: input.token,
    mode: input.mode ?? 'plain',
    format: input.format ?? 'xml',
    ...(input.encoding_aes_key !== undefined && { encoding_aes_key: input.encoding_aes_key }),
  };
}

/** Saves an account's push settings, checked as the console checks them. */
export function setPushConfig(state: WechatState, input: Omit<PushConfig, 'appid' | 'mode' | 'format'> & Partial<PushConfig>): PushConfig {
  const app = appByIdOrDefault(state, input.appid);
  const config = pushSettings({ ...input, appid: app.appid });
  if (config.mode !== 'plain' && config.encoding_aes_key === undefined) {
    throw new PushConfigError(`${config.mode} mode needs an encoding_aes_key (43 characters)`);
  }
  state.push.set(app.appid, config);
  return config;
}

/** The push settings of an account, if it has any. */
export function pushConfigOf(state: Readonly<WechatState>, appid: string): PushConfig | undefined {
  return state.push.get(appid);
}
