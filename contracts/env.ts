import { readFileSync } from 'node:fs';
import { contractConfig, DEFAULT_BASE_URLS, type ContractConfig, type ContractConfigInput } from './config.js';
import type { Vendor } from '../src/index.js';

type Env = Record<string, string | undefined>;

/** One environment variable the kit reads: its name, what it sets, and whether it is a secret. */
export interface EnvVariable {
  name: string;
  doc: string;
  secret?: boolean;
}

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A PEM given inline (`-----BEGIN`), or a path to a PEM file. */
function pem(inline: string | undefined, file: string | undefined): string | undefined {
  if (inline?.includes('-----BEGIN')) return inline.replace(/\\n/g, '\n');
  const path = file ?? inline;
  return path ? readFileSync(path, 'utf8') : undefined;
}

/**
 * Every variable the kit reads, for the README and `--help` style listings. Read fixtures are ids
 * the kit may query; WRITE_ variables are comma-separated ids a writing request may touch.
 */
export const CONTRACT_ENV: readonly EnvVariable[] = [
  { name: 'CONTRACT_TARGET', doc: '`sandbox` (default: start one on 127.0.0.1 port 0) or `real`' },
  { name: 'CONTRACT_SANDBOX_URL', doc: 'test an already running sandbox (e.g. http://127.0.0.1:4010) instead of starting one' },
  { name: 'CONTRACT_CONFIG', doc: 'path of a JSON file with the same shape as `ContractConfig` (environment variables win)' },
  { name: 'CONTRACT_VENDORS', doc: 'comma list of vendors to test (default: all on a sandbox, the configured ones on a real target)' },
  { name: 'CONTRACT_ONLY', doc: 'comma list of case or operation id prefixes to run (e.g. `wechat.card-get,waiqin.`)' },
  { name: 'CONTRACT_PACE_MS', doc: 'pause between two requests (default 0 on a sandbox, 1000 on a real target)' },
  { name: 'CONTRACT_TIMEOUT_MS', doc: 'per-request timeout (default 15000)' },
  { name: 'CONTRACT_REPORTS_DIR', doc: 'where every report goes, JUnit included (default `reports`; `off` writes none)' },
  {
    name: 'CONTRACT_PROGRESS_MS',
    doc: 'a case slower than this prints a progress line on stderr (default 2000; `0` every case; `off` none; every case on a real target)',
  },
  { name: 'CONTRACT_ALLOW_WRITES', doc: '`1` to let writing operations run against a real target (default off: read-only)' },
  {
    name: 'CONTRACT_RESET_SANDBOX',
    doc: '`1` to run write cases against the sandbox at CONTRACT_SANDBOX_URL and reset it to its seeded world afterwards, wiping your own changes to it (default off: read-only there)',
  },
  { name: 'WECHAT_BASE_URL', doc: `default ${DEFAULT_BASE_URLS.wechat}` },
  { name: 'WECHAT_APPID', doc: 'official account appid (with WECHAT_SECRET the kit calls /cgi-bin/token)' },
  { name: 'WECHAT_SECRET', doc: 'official account AppSecret', secret: true },
  { name: 'WECHAT_ACCESS_TOKEN', doc: 'a ready access_token (instead of appid/secret: the token-error checks are then skipped)', secret: true },
  { name: 'WECHAT_CARD_ID', doc: 'read fixture: a card of the account' },
  { name: 'WECHAT_CODE', doc: 'read fixture: a code of that card held by WECHAT_OPENID' },
  { name: 'WECHAT_OPENID', doc: 'read fixture: a user of the account' },
  { name: 'WECHAT_MEMBER_CARD_ID', doc: 'read fixture: a member card (getcardmembercarddetail)' },
  { name: 'WECHAT_WRITE_CARD_ID', doc: "write fixtures: existing cards writes may touch (the kit's own cases only change cards they created)" },
  { name: 'WECHAT_WRITE_CODE', doc: 'write fixtures: codes the kit may consume / rename / make unavailable, one per case (each is used up)' },
  { name: 'WECHATPAY_BASE_URL', doc: `default ${DEFAULT_BASE_URLS.wechatpay}` },
  { name: 'WECHATPAY_MCHID', doc: 'merchant id' },
  { name: 'WECHATPAY_SERIAL_NO', doc: 'merchant API certificate serial (serial_no)' },
  { name: 'WECHATPAY_PRIVATE_KEY', doc: 'merchant API private key: inline PEM or a file path', secret: true },
  { name: 'WECHATPAY_PLATFORM_CERT', doc: 'platform certificate or public key: inline PEM or a file path (verifies response signatures)' },
  { name: 'WECHATPAY_PLATFORM_SERIAL', doc: 'expected Wechatpay-Serial of responses' },
  { name: 'WECHATPAY_APPID', doc: 'appid bound to the merchant' },
  { name: 'WECHATPAY_OPENID', doc: 'read fixture: a user holding coupons of the merchant' },
  { name: 'WECHATPAY_STOCK_ID', doc: 'read fixture: a stock of the merchant' },
  { name: 'WECHATPAY_COUPON_CODE', doc: 'read fixture: a coupon of WECHATPAY_OPENID' },
  { name: 'WECHATPAY_WRITE_STOCK_ID', doc: 'write fixtures: existing stocks writes may touch (the kit sends from a stock it created)' },
  { name: 'WECHATPAY_WRITE_COUPON_CODE', doc: 'write fixtures: existing coupons writes may touch (the kit uses coupons it sent)' },
  { name: 'WECHATPAY_WRITE_OPENID', doc: 'write fixtures: users the kit may send coupons to (include WECHATPAY_OPENID)' },
  { name: 'WAIQIN_BASE_URL', doc: `tenant OpenAPI host (default ${DEFAULT_BASE_URLS.waiqin})` },
  { name: 'WAIQIN_OPENID', doc: 'tenant openid (19 characters)' },
  { name: 'WAIQIN_APPKEY', doc: 'tenant appkey (18 characters; only hashed into the digest, never sent)', secret: true },
  { name: 'WAIQIN_UTC_OFFSET_MINUTES', doc: 'time zone of the path timestamp (default 480, China Standard Time)' },
  { name: 'WAIQIN_VOUCHER_ID', doc: 'read fixture: a voucher of the tenant' },
  { name: 'WAIQIN_CM_ID', doc: 'read fixture: a customer id (cmId)' },
  { name: 'WAIQIN_CM_CODE', doc: 'read fixture: a customer code (cmCode)' },
  { name: 'WAIQIN_WRITE_VOUCHER_ID', doc: 'write fixtures: existing vouchers writes may touch (the kit changes vouchers it created)' },
  { name: 'WAIQIN_WRITE_CM_ID', doc: 'write fixtures: customers the kit may give vouchers to (include WAIQIN_CM_ID)' },
];

const yes = (raw: string | undefined) => raw === '1' || raw === 'true';

function readConfigFile(env: Env): ContractConfigInput {
  return env.CONTRACT_CONFIG ? JSON.parse(readFileSync(env.CONTRACT_CONFIG, 'utf8')) : {};
}

/**
 * Where the reports go (CONTRACT_REPORTS_DIR, else the config file's `reportsDir`, else `reports`;
 * `off` or false: nowhere). contracts/vitest.config.ts puts the JUnit file there too.
 */
export function reportsDirFromEnv(env: Env = process.env): string | false {
  return reportsDirOf(env, env.CONTRACT_REPORTS_DIR ? {} : readConfigFile(env));
}

function reportsDirOf(env: Env, file: ContractConfigInput): string | false {
  if (env.CONTRACT_REPORTS_DIR) return env.CONTRACT_REPORTS_DIR === 'off' ? false : env.CONTRACT_REPORTS_DIR;
  return file.reportsDir ?? 'reports';
}

function prune<T extends object>(obj: T): T | undefined {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

/**
 * Builds a configuration from environment variables (see {@link CONTRACT_ENV}) on top of an
 * optional JSON file named by CONTRACT_CONFIG. A vendor counts as configured when its credentials
 * are present; without any, the target is the sandbox.
 *
 * @example
 * // WECHAT_APPID=wx... WECHAT_SECRET=... CONTRACT_TARGET=real npx vitest run
 * defineContractSuites(contractConfigFromEnv(process.env));
 */
export function contractConfigFromEnv(env: Env = process.env): ContractConfig {
  const file = readConfigFile(env);
  const input: ContractConfigInput = { ...file };
  if (env.CONTRACT_TARGET) {
    if (env.CONTRACT_TARGET !== 'sandbox' && env.CONTRACT_TARGET !== 'real') {
      throw new Error(`CONTRACT_TARGET must be "sandbox" or "real", got "${env.CONTRACT_TARGET}"`);
    }
    input.target = env.CONTRACT_TARGET;
  }
  if (env.CONTRACT_SANDBOX_URL) input.sandboxUrl = env.CONTRACT_SANDBOX_URL;
  if (env.CONTRACT_VENDORS) input.vendors = list(env.CONTRACT_VENDORS) as Vendor[];
  if (env.CONTRACT_ONLY) input.only = list(env.CONTRACT_ONLY);
  if (env.CONTRACT_PACE_MS) input.paceMs = Number(env.CONTRACT_PACE_MS);
  if (env.CONTRACT_TIMEOUT_MS) input.timeoutMs = Number(env.CONTRACT_TIMEOUT_MS);
  input.reportsDir = reportsDirOf(env, file);
  if (env.CONTRACT_PROGRESS_MS) {
    const ms = Number(env.CONTRACT_PROGRESS_MS);
    if (env.CONTRACT_PROGRESS_MS !== 'off' && !(Number.isInteger(ms) && ms >= 0)) {
      throw new Error(`CONTRACT_PROGRESS_MS must be a number of milliseconds or "off", got "${env.CONTRACT_PROGRESS_MS}"`);
    }
    input.progressMs = env.CONTRACT_PROGRESS_MS === 'off' ? false : ms;
  }
  if (env.CONTRACT_RESET_SANDBOX) input.resetSandbox = yes(env.CONTRACT_RESET_SANDBOX);

  if (env.WECHAT_APPID || env.WECHAT_ACCESS_TOKEN) {
    input.wechat = {
      ...file.wechat,
      baseUrl: env.WECHAT_BASE_URL ?? file.wechat?.baseUrl ?? DEFAULT_BASE_URLS.wechat,
      appid: env.WECHAT_APPID ?? file.wechat?.appid,
      secret: env.WECHAT_SECRET ?? file.wechat?.secret,
      accessToken: env.WECHAT_ACCESS_TOKEN ?? file.wechat?.accessToken,
    };
  }
  if (env.WECHATPAY_MCHID) {
    input.wechatpay = {
      ...file.wechatpay,
      baseUrl: env.WECHATPAY_BASE_URL ?? file.wechatpay?.baseUrl ?? DEFAULT_BASE_URLS.wechatpay,
      mchid: env.WECHATPAY_MCHID,
      serialNo: env.WECHATPAY_SERIAL_NO ?? file.wechatpay?.serialNo ?? '',
      privateKey: pem(env.WECHATPAY_PRIVATE_KEY, undefined) ?? file.wechatpay?.privateKey ?? '',
      platformCertificate: pem(env.WECHATPAY_PLATFORM_CERT, undefined) ?? file.wechatpay?.platformCertificate,
      platformSerial: env.WECHATPAY_PLATFORM_SERIAL ?? file.wechatpay?.platformSerial,
      appid: env.WECHATPAY_APPID ?? file.wechatpay?.appid,
    };
  }
  if (env.WAIQIN_OPENID) {
    input.waiqin = {
      ...file.waiqin,
      baseUrl: env.WAIQIN_BASE_URL ?? file.waiqin?.baseUrl ?? DEFAULT_BASE_URLS.waiqin,
      openid: env.WAIQIN_OPENID,
      appkey: env.WAIQIN_APPKEY ?? file.waiqin?.appkey ?? '',
      utcOffsetMinutes: env.WAIQIN_UTC_OFFSET_MINUTES ? Number(env.WAIQIN_UTC_OFFSET_MINUTES) : file.waiqin?.utcOffsetMinutes,
    };
  }

  // Environment values win over the file, field by field; unset variables leave the file's value.
  const merge = <T extends object>(fromFile: T | undefined, fromEnv: T) => prune({ ...fromFile, ...prune(fromEnv) } as T);
  const fileFixtures = file.fixtures ?? {};
  input.fixtures = {
    wechat: merge(fileFixtures.wechat, {
      card_id: env.WECHAT_CARD_ID,
      code: env.WECHAT_CODE,
      openid: env.WECHAT_OPENID,
      member_card_id: env.WECHAT_MEMBER_CARD_ID,
    }),
    wechatpay: merge(fileFixtures.wechatpay, { openid: env.WECHATPAY_OPENID, stock_id: env.WECHATPAY_STOCK_ID, coupon_code: env.WECHATPAY_COUPON_CODE }),
    waiqin: merge(fileFixtures.waiqin, { voucherId: env.WAIQIN_VOUCHER_ID, cmId: env.WAIQIN_CM_ID, cmCode: env.WAIQIN_CM_CODE }),
  };
  const fileWrites = file.writes?.fixtures ?? {};
  input.writes = {
    allow: env.CONTRACT_ALLOW_WRITES ? yes(env.CONTRACT_ALLOW_WRITES) : (file.writes?.allow ?? false),
    fixtures: {
      wechat: merge(fileWrites.wechat, { card_id: list(env.WECHAT_WRITE_CARD_ID), code: list(env.WECHAT_WRITE_CODE) }),
      wechatpay: merge(fileWrites.wechatpay, {
        stock_id: list(env.WECHATPAY_WRITE_STOCK_ID),
        coupon_code: list(env.WECHATPAY_WRITE_COUPON_CODE),
        openid: list(env.WECHATPAY_WRITE_OPENID),
      }),
      waiqin: merge(fileWrites.waiqin, { voucherId: list(env.WAIQIN_WRITE_VOUCHER_ID), cmId: list(env.WAIQIN_WRITE_CM_ID) }),
    },
  };
  return contractConfig(input);
}
