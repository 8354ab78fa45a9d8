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
export const TOKEN_MEMORY = 7 * 86400;
/**
 * Most tokens a world remembers. A CI farm asking for a token per test must not grow the sandbox
 * without end: past this, the oldest are forgotten first (an app's current token never is), and a
 * forgotten token answers 40001 like any unknown one. 100 000 tokens are about 25 MB.
 */
export const MAX_REMEMBERED_TOKENS = 100_000;

export interface TokenRequest {
  grant_type?: string;
  appid?: string;
  secret?: string;
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
}

/** An access_token. Superseded tokens keep working for a grace period, then answer 40001. */
export interface TokenRecord {
  app: number;
  expiresAt: number;
  /** Set when a newer token was issued for the same app: valid until then, 40001 after. */
  graceUntil?: number;
}

/**
 * The tokens of a world, issued and checked in O(1) whatever their number: a lookup table, each
 * app's newest token, and a queue in issue order from which tokens are forgotten once nothing
 * could tell them from an unknown one any more (or once MAX_REMEMBERED_TOKENS is reached).
 */
export class TokenBook {
  private records = new Map<string, TokenRecord>();
  /** App serial -> its newest token, the only one without a grace period. */
  private latest = new Map<number, string>();
  /** Tokens in issue order; entries before `head` are gone. */
  private queue: string[] = [];
  private head = 0;

  /** Tokens remembered. */
  get size(): number {
    return this.records.size;
  }

  get(token: string): TokenRecord | undefined {
    return this.records.get(token);
  }

  /** Stores a new token of an app; the app's previous token enters its grace period. */
  issue(token: string, app: number, now: Seconds): void {
    const previous = this.latest.get(app);
    const record = previous === undefined ? undefined : this.records.get(previous);
    if (record && record.graceUntil === undefined) record.graceUntil = Math.min(record.expiresAt, now + TOKEN_GRACE);
    this.records.set(token, { app, expiresAt: now + TOKEN_TTL });
    this.latest.set(app, token);
    this.queue.push(token);
    this.forget(now);
  }

  /**
   * Forgets from the front of the queue: tokens past their memory, and the oldest while over the
   * cap. An app's newest token at the front goes to the back instead (at most one move per app
   * per call), so it neither blocks forgetting behind it nor gets forgotten itself. Each token is
   * dropped once, so the work is O(1) per issued token on average.
   */
  private forget(now: Seconds): void {
    let moves = this.latest.size;
    while (this.head < this.queue.length) {
      const token = this.queue[this.head]!;
      const record = this.records.get(token);
      const newest = record !== undefined && this.latest.get(record.app) === token;
      if (record && now < forgetAt(record)) {
        const over = this.records.size > MAX_REMEMBERED_TOKENS;
        if (newest && moves > 0) {
          moves--;
          this.head++;
          this.queue.push(token);
          continue;
        }
        if (!over || newest) break;
      }
      this.head++;
      this.records.delete(token);
    }
    // Drop the consumed part of the queue now and then (amortised O(1)).
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}

/** When remembering a token stops mattering: a superseded one after its grace, any other a week after expiry. */
function forgetAt(record: TokenRecord): Seconds {
  return record.graceUntil !== undefined && record.graceUntil < record.expiresAt ? record.graceUntil : record.expiresAt + TOKEN_MEMORY;
}

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);

/**
 * Whether a presented AppSecret is the app's, in time that depends only on the app's secret: a
 * client timing the comparison learns nothing about how many leading characters it got right.
 */
export function sameSecret(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (i < given.length ? given.charCodeAt(i) : 0) ^ expected.charCodeAt(i);
  return diff === 0;
}

/**
 * The app a /cgi-bin/token request names, checked in WeChat's observed order: appid (41002 /
 * 40013), then secret (41004 / 40125), then grant_type (40002). Reads only.
 */
export function tokenRequestApp(state: Readonly<WechatState>, request: TokenRequest): App {
  if (!request.appid) throw wx('41002');
  const app = state.appsById.get(request.appid);
  if (!app) throw wx('40013');
  if (!request.secret) throw wx('41004');
  if (!sameSecret(request.secret, app.secret)) throw wx('40125');
  if (request.grant_type !== 'client_credential') throw wx('40002');
  return app;
}

/**
 * GET /cgi-bin/token: checks the request (tokenRequestApp), then issues a token valid TOKEN_TTL
 * seconds; the app's older tokens keep working TOKEN_GRACE seconds more. O(1).
 */
export function issueToken(state: WechatState, request: TokenRequest, now: Seconds): TokenResponse {
  const app = tokenRequestApp(state, request);
  let token = newAccessToken(state.random);
  while (state.tokens.get(token)) token = newAccessToken(state.random);
  state.tokens.issue(token, app.serial, now);
  return { access_token: token, expires_in: TOKEN_TTL };
}

/** The app an access_token belongs to: 41001 missing, 40001 unknown or superseded, 42001 expired. O(1). */
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
