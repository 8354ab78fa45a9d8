import type { Vendor } from '../src/index.js';
import type { ContractConfig, Fixtures, WaiqinTargetConfig, WechatPayTargetConfig, WechatTargetConfig } from './config.js';

/** A target ready to test: where each vendor lives, credentials, and whether /_sandbox/ exists. */
export interface OpenTarget {
  kind: 'sandbox' | 'real';
  /** Whether the kit started this sandbox itself (it stops with the run, nothing to undo). */
  owned: boolean;
  /** Base URL of the sandbox's control surface; undefined on a real target. */
  controlUrl?: string;
  wechat?: WechatTargetConfig;
  wechatpay?: WechatPayTargetConfig;
  waiqin?: WaiqinTargetConfig;
  /** Ids to start from: configured ones, plus the seeded identities a sandbox publishes. */
  fixtures: Fixtures;
  /** The raw GET /_sandbox/credentials answer (sandbox only). */
  credentials?: Record<string, unknown>;
  /** The world of the sandbox this run leased (isolation.ts); control calls name it. */
  world?: string;
  close(): Promise<void>;
}

/**
 * Opens the configured target. A sandbox target starts `serveSandbox({ port: 0 })` (or uses
 * `sandboxUrl`) and reads every credential from GET /_sandbox/credentials, so the same cases run
 * unchanged against it and against the real hosts.
 *
 * @example
 * const target = await openTarget(contractConfig());
 * try { console.log(target.wechat?.baseUrl); } finally { await target.close(); }
 */
export async function openTarget(config: ContractConfig, fetchImpl: typeof fetch = fetch): Promise<OpenTarget> {
  if (config.target === 'real') {
    return {
      kind: 'real',
      owned: false,
      wechat: config.wechat,
      wechatpay: config.wechatpay,
      waiqin: config.waiqin,
      fixtures: structuredClone(config.fixtures),
      close: async () => {},
    };
  }
  let url = config.sandboxUrl;
  let close = async () => {};
  if (!url) {
    // Imported lazily: a real-target run never loads the emulator.
    const { serveSandbox } = await import('../src/node.js');
    const running = await serveSandbox({ port: 0, host: '127.0.0.1', ...config.sandboxOptions });
    url = running.url;
    close = () => running.close();
  }
  url = url.replace(/\/$/, '');
  try {
    const res = await fetchImpl(`${url}/_sandbox/credentials`);
    if (!res.ok) throw new Error(`GET ${url}/_sandbox/credentials answered HTTP ${res.status}`);
    const credentials = (await res.json()) as Record<string, unknown>;
    const mapped = fromCredentials(url, credentials, config.fixtures);
    // A token of your own (WECHAT_ACCESS_TOKEN) instead of the sandbox secret: the kit then issues
    // no token, so the one your app holds is not superseded (WeChat keeps a replaced one 300 s).
    if (config.wechat?.accessToken) mapped.wechat = { ...mapped.wechat, secret: undefined, accessToken: config.wechat.accessToken };
    return { kind: 'sandbox', owned: config.sandboxUrl === undefined, controlUrl: url, ...mapped, credentials, close };
  } catch (error) {
    await close();
    throw error;
  }
}

type Json = Record<string, unknown>;

/** The first string (or first string of an array) under any of `names`, searched depth-first. */
export function pick(value: unknown, names: readonly string[]): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  for (const name of names) {
    const v = (value as Json)[name];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    if (Array.isArray(v) && (typeof v[0] === 'string' || typeof v[0] === 'number')) return String(v[0]);
  }
  for (const v of Object.values(value as Json)) {
    const found = Array.isArray(v) ? v.map((x) => pick(x, names)).find(Boolean) : pick(v, names);
    if (found) return found;
  }
  return undefined;
}

/** Points an open sandbox target at a leased world: its credentials, fixtures and control header. */
export function retarget(target: OpenTarget, credentials: Record<string, unknown>, configured: Fixtures, world: string): void {
  Object.assign(target, fromCredentials(target.controlUrl!, credentials, configured), { credentials, world });
}

/** Maps the sandbox's credentials document onto target configurations and starting fixtures. */
function fromCredentials(url: string, credentials: Json, configured: Fixtures) {
  const of = (v: Vendor) => (credentials[v] ?? {}) as Json;
  const wx = of('wechat');
  const pay = of('wechatpay');
  const wq = of('waiqin');
  const wechat: WechatTargetConfig = { baseUrl: url, appid: pick(wx, ['appid', 'app_id']), secret: pick(wx, ['secret', 'appsecret', 'app_secret']) };
  const wechatpay: WechatPayTargetConfig = {
    baseUrl: url,
    mchid: pick(pay, ['mchid', 'mch_id']) ?? '',
    serialNo: pick(pay, ['serial_no', 'merchant_serial', 'merchant_serial_no', 'serialNo']) ?? '',
    privateKey: pick(pay, ['private_key', 'merchant_private_key', 'privateKey']) ?? '',
    platformCertificate: pick(pay, ['platform_certificate', 'platformCertificate', 'platform_cert', 'platform_public_key']),
    platformSerial: pick(pay, ['platform_serial', 'platform_serial_no', 'platformSerial']),
    appid: pick(pay, ['appid', 'app_id', 'appids']),
  };
  const waiqin: WaiqinTargetConfig = { baseUrl: url, openid: pick(wq, ['openid']) ?? '', appkey: pick(wq, ['appkey', 'app_key']) ?? '' };
  // The documented shapes of the credentials document first (one test user per app, a sample customer), generic names after.
  const wxUser = (wx.test_users as { appid?: string; openid?: string }[] | undefined)?.find((u) => u.appid === wechat.appid)?.openid;
  const customer = wq.sampleCustomer as { id?: string; code?: string } | null | undefined;
  const drop = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const fixtures: Fixtures = {
    wechat: drop({ openid: wxUser ?? pick(wx, ['openid', 'openids', 'users']), ...configured.wechat }),
    wechatpay: drop({ openid: pick(pay, ['openid', 'openids', 'users']), stock_id: pick(pay, ['stock_id', 'stock_ids', 'stocks']), ...configured.wechatpay }),
    waiqin: drop({ cmId: customer?.id ?? pick(wq, ['cmId', 'cm_id']), cmCode: customer?.code ?? pick(wq, ['cmCode', 'cm_code']), ...configured.waiqin }),
  };
  return { wechat, wechatpay, waiqin, fixtures };
}
