import type { Vendor } from '../src/index.js';

/** WeChat Official Account (api.weixin.qq.com): either appid+secret (the kit fetches a token) or a token. */
export interface WechatTargetConfig {
  baseUrl: string;
  appid?: string;
  secret?: string;
  /** A ready access_token; used instead of calling /cgi-bin/token. */
  accessToken?: string;
}

/** WeChat Pay API v3 (api.mch.weixin.qq.com): merchant signing material and the platform certificate. */
export interface WechatPayTargetConfig {
  baseUrl: string;
  mchid: string;
  /** Serial number of the merchant API certificate (`serial_no` of the Authorization header). */
  serialNo: string;
  /** Merchant API private key, PEM (apiclient_key.pem). */
  privateKey: string;
  /** Platform certificate or public key, PEM: verifies `Wechatpay-Signature` of every 2xx response. */
  platformCertificate?: string;
  /** Expected `Wechatpay-Serial` of responses (the platform certificate's serial or the public key id). */
  platformSerial?: string;
  /** The appid bound to the merchant (query-coupon, list, send, use). */
  appid?: string;
}

/** waiqin365 OpenAPI: tenant host, openid (sent in the path) and appkey (only hashed, never sent). */
export interface WaiqinTargetConfig {
  /** Tenant "OpenAPI地址", e.g. https://openapi.waiqin365.com (the kit appends /api/voucher/v1/...). */
  baseUrl: string;
  openid: string;
  appkey: string;
  /** Minutes east of UTC for the `yyyyMMddHHmmss` path timestamp. Default 480 (China Standard Time). */
  utcOffsetMinutes?: number;
}

/**
 * Ids the kit may read (and, in {@link WritePolicy.fixtures}, write). Against a sandbox they are
 * discovered; against a real API, give the ones the account owns.
 */
export interface Fixtures {
  wechat?: { card_id?: string; code?: string; openid?: string; member_card_id?: string };
  wechatpay?: { openid?: string; stock_id?: string; coupon_code?: string };
  waiqin?: { voucherId?: string; cmId?: string; cmCode?: string };
}

/** Lists of ids a writing request may touch, per vendor and field name. */
export type WriteFixtures = {
  [V in keyof Fixtures]?: { [K in keyof NonNullable<Fixtures[V]>]?: string[] };
};

/**
 * What the kit may change on a target. On a sandbox everything is allowed; on a real target
 * nothing unless `allow` is true, and then a writing request may only touch the ids listed in
 * `fixtures` (or ids the run itself created, e.g. the card_id of a card it just made).
 */
export interface WritePolicy {
  allow: boolean;
  fixtures: WriteFixtures;
}

/** Everything one contract run needs. Build it with {@link contractConfig} or {@link contractConfigFromEnv}. */
export interface ContractConfig {
  /** 'sandbox': the kit starts a sandbox on 127.0.0.1 port 0 (or uses `sandboxUrl`); 'real': vendor endpoints below. */
  target: 'sandbox' | 'real';
  /** An already running sandbox to test (its /_sandbox/ control surface is used). */
  sandboxUrl?: string;
  /** Options of the sandbox the kit starts (seed, ...); ignored with `sandboxUrl` or a real target. */
  sandboxOptions?: { seed?: number; waiqinReturnCode?: 'string' | 'number' };
  wechat?: WechatTargetConfig;
  wechatpay?: WechatPayTargetConfig;
  waiqin?: WaiqinTargetConfig;
  /** Vendors to test. Default: every vendor on a sandbox, the configured ones on a real target. */
  vendors: Vendor[];
  fixtures: Fixtures;
  writes: WritePolicy;
  /** Pause between two requests, in ms (requests are always sequential). */
  paceMs: number;
  /** Per-request timeout in ms. */
  timeoutMs: number;
  /** Where drift, coverage and summary files go; false writes nothing. */
  reportsDir: string | false;
  /** Run only cases whose id or operation id starts with one of these. */
  only?: string[];
  /**
   * With `sandboxUrl` (a sandbox the kit did not start): let write cases run and reset that sandbox
   * to its seeded world afterwards (POST /_sandbox/reset {}), which also wipes its owner's changes.
   * Off by default: the run only reads there. The clock is put back either way.
   */
  resetSandbox: boolean;
  /**
   * Progress on stderr: one line per case that takes longer than this many ms (0: every case;
   * false: none). On a real target every case gets a line. Default 2000.
   */
  progressMs: number | false;
}

export type ContractConfigInput = Partial<Omit<ContractConfig, 'writes'>> & { writes?: Partial<WritePolicy> };

/** Default of {@link ContractConfig.progressMs}: a case this slow gets a progress line. */
export const DEFAULT_PROGRESS_MS = 2000;

export const DEFAULT_BASE_URLS: Record<Vendor, string> = {
  wechat: 'https://api.weixin.qq.com',
  wechatpay: 'https://api.mch.weixin.qq.com',
  waiqin: 'https://openapi.waiqin365.com',
};

/**
 * Completes a partial configuration with defaults: a sandbox target, every vendor, no pacing on a
 * sandbox and 1 s between requests on a real target, reports under `reports/`.
 *
 * @example
 * const config = contractConfig({ target: 'real', wechat: { baseUrl: 'https://api.weixin.qq.com', accessToken: token } });
 */
export function contractConfig(input: ContractConfigInput = {}): ContractConfig {
  // A sandbox URL names a sandbox even when vendor settings are given too (WECHAT_ACCESS_TOKEN on a sandbox).
  const target = input.target ?? (!input.sandboxUrl && (input.wechat || input.wechatpay || input.waiqin) ? 'real' : 'sandbox');
  const configured = (['wechat', 'wechatpay', 'waiqin'] as const).filter((v) => input[v] !== undefined);
  return {
    ...input,
    target,
    vendors: input.vendors ?? (target === 'sandbox' ? ['wechat', 'wechatpay', 'waiqin'] : configured),
    fixtures: input.fixtures ?? {},
    writes: { allow: input.writes?.allow ?? false, fixtures: input.writes?.fixtures ?? {} },
    paceMs: input.paceMs ?? (target === 'sandbox' ? 0 : 1000),
    timeoutMs: input.timeoutMs ?? 15_000,
    reportsDir: input.reportsDir ?? 'reports',
    resetSandbox: input.resetSandbox ?? false,
    progressMs: input.progressMs ?? DEFAULT_PROGRESS_MS,
  };
}
