import type { WechatErrorKey } from '../../types/error-key.js';
import { VendorError } from '../vendor-error.js';
import { newAccessToken } from './ids.js';
import type { App, Seconds, WechatState } from './model.js';

/** Lifetime of an access_token, in seconds of sandbox time (WeChat: 7200). */
export const TOKEN_TTL = 7200;
/**
 * When a new token is issued for an app, older ones keep working this long (WeChat documents a
 * five-minute overlap so running requests do not fail), then answer 40001 "not latest".
 */
export const TOKEN_GRACE = 300;
/** Expired tokens are remembered this long so they answer 42001 rather than 40001. */
const TOKEN_MEMORY = 7 * 86400;

export interface TokenRequest {
  grant_type?: string;
  appid?: string;
  secret?: string;
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
}

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);

/**
 * The app a /cgi-bin/token request names, checked in WeChat's observed order: appid (41002 /
 * 40013), then secret (41004 / 40125), then grant_type (40002). Reads only.
 */
export function tokenRequestApp(state: Readonly<WechatState>, request: TokenRequest): App {
  if (!request.appid) throw wx('41002');
  const app = state.appsById.get(request.appid);
  if (!app) throw wx('40013');
  if (!request.secret) throw wx('41004');
  if (request.secret !== app.secret) throw wx('40125');
  if (request.grant_type !== 'client_credential') throw wx('40002');
  return app;
}

/**
 * GET /cgi-bin/token: checks the request (tokenRequestApp), then issues a token valid TOKEN_TTL
 * seconds; the app's older tokens keep working TOKEN_GRACE seconds more.
 */
export function issueToken(state: WechatState, request: TokenRequest, now: Seconds): TokenResponse {
  const app = tokenRequestApp(state, request);

  for (const [token, record] of state.tokens) {
    if (now > record.expiresAt + TOKEN_MEMORY) state.tokens.delete(token);
    else if (record.app === app.serial && record.graceUntil === undefined) {
      record.graceUntil = Math.min(record.expiresAt, now + TOKEN_GRACE);
    }
  }
  const token = newAccessToken(state.random);
  state.tokens.set(token, { app: app.serial, expiresAt: now + TOKEN_TTL });
  return { access_token: token, expires_in: TOKEN_TTL };
}

/** The app an access_token belongs to: 41001 missing, 40001 unknown or superseded, 42001 expired. */
export function appForToken(state: Readonly<WechatState>, token: string | undefined, now: Seconds): App {
  if (!token) throw wx('41001');
  const record = state.tokens.get(token);
  if (!record) throw wx('40001');
  if (record.graceUntil !== undefined && record.graceUntil < record.expiresAt && now >= record.graceUntil) {
    throw wx('40001');
  }
  if (now >= record.expiresAt) throw wx('42001');
  return state.apps[record.app]!;
}
