import type { WaiqinState } from './model.js';

/** The sandbox tenant's openid: 19 characters, like the ones waiqin365 issues. */
export const WAIQIN_OPENID = '8817201409164280001';
/** The tenant's signing secret: 18 characters, never sent on the wire. */
export const WAIQIN_APPKEY = 'SBX0waiqin365Key01';
/** The vendor's default host; the tenant host shown in a real console differs, and any host reaches the sandbox. */
export const WAIQIN_DEFAULT_HOST = 'https://openapi.waiqin365.com';

/** The appkey of a tenant openid, or undefined for an unknown openid. */
export function appkeyOf(openid: string): string | undefined {
  return openid === WAIQIN_OPENID ? WAIQIN_APPKEY : undefined;
}

/** The tenant's identities and a sample customer and product, for GET /_sandbox/credentials. */
export function tenantIdentities(s: Readonly<WaiqinState>) {
  return {
    host: WAIQIN_DEFAULT_HOST,
    basePath: '/api/voucher/v1',
    openid: WAIQIN_OPENID,
    appkey: WAIQIN_APPKEY,
    sampleCustomer: s.customers[0] ? { id: s.customers[0].id, code: s.customers[0].code, name: s.customers[0].name } : null,
    sampleProductCode: s.products[1]?.code ?? null,
  };
}
