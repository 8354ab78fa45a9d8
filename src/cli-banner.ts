import type { RunningSandbox } from './node.js';

/** The first string among `names` of a credentials section (the document's keys, read defensively). */
function field(section: unknown, ...names: string[]): string | undefined {
  if (!section || typeof section !== 'object') return undefined;
  for (const name of names) {
    const value = (section as Record<string, unknown>)[name];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

/**
 * The start-up banner: where the sandbox listens and the identifiers a client is configured with.
 * Secrets and PEM keys stay out of the terminal (and out of CI logs); the banner says where they are.
 */
export function startupBanner(running: RunningSandbox): string[] {
  const credentials = running.sandbox.credentials();
  const wechat = credentials.wechat;
  const pay = credentials.wechatpay;
  const waiqin = credentials.waiqin;
  const join = (parts: (string | false | undefined)[]) => parts.filter(Boolean).join(', ');
  const appid = field(wechat, 'appid');
  const mchid = field(pay, 'mchid');
  const serial = field(pay, 'merchant_serial_no', 'serial_no', 'serial');
  const platform = field(pay, 'platform_serial_no', 'platform_serial');
  const openid = field(waiqin, 'openid');
  const { seed, empty } = running.sandbox.options;
  const store = running.sandbox.world.replica?.describe();
  return [
    `coupon-sandbox listening on ${running.url} (seed ${seed}${empty ? ', empty' : ''})`,
    ...(store ? [`  shared store ${String(store.url)} (instance ${String(store.instance)}, log applied up to ${String(store.applied)})`] : []),
    `  WeChat Cards & Offers  ${join([appid && `appid ${appid}`])}`,
    `  WeChat Pay v3          ${join([mchid && `mchid ${mchid}`, serial && `merchant serial ${serial}`, platform && `platform serial ${platform}`])}`,
    `  waiqin365              ${join([openid && `openid ${openid}`])}`,
    `  secrets, keys and test users: curl ${running.url}/_sandbox/credentials`,
    `  dashboard: ${running.url}/_sandbox/ui`,
    'Ctrl-C stops it.',
  ];
}
