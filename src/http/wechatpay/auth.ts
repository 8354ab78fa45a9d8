import { VendorError } from '../../engine/vendor-error.js';
import { signingMerchant } from '../../engine/wechatpay/state.js';
import { rsaVerify } from './crypto.js';
import { requestSignMessage } from './signer.js';

/** The five items of a v3 Authorization header. */
export interface V3Authorization {
  mchid: string;
  nonce_str: string;
  timestamp: string;
  serial_no: string;
  signature: string;
}

const SCHEME = 'WECHATPAY2-SHA256-RSA2048';
const ITEMS = ['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature'] as const;
/** Allowed distance between the request's timestamp and now (VENDOR-BEHAVIOUR.md C.2 [I]). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * Parses `WECHATPAY2-SHA256-RSA2048 k="v",k="v",...`: the five items in any order (the two
 * popular Node clients order them differently, VENDOR-BEHAVIOUR.md C.2), each exactly once; anything else
 * is undefined.
 */
export function parseAuthorization(header: string | undefined | null): V3Authorization | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${SCHEME} `)) return undefined;
  const rest = trimmed.slice(SCHEME.length + 1).trim();
  const found: Partial<Record<string, string>> = {};
  const pair = /\s*([a-z_]+)="([^"]*)"\s*(?:,|$)/y;
  let index = 0;
  while (index < rest.length) {
    pair.lastIndex = index;
    const match = pair.exec(rest);
    if (!match) return undefined;
    const [, name, value] = match;
    if (found[name!] !== undefined) return undefined;
    found[name!] = value!;
    index = pair.lastIndex;
  }
  for (const item of ITEMS) if (!found[item]) return undefined;
  return found as unknown as V3Authorization;
}

/**
 * Whether a non-empty header names another authentication scheme than WECHATPAY2-SHA256-RSA2048
 * (`Bearer x`, `WECHATPAY2-SHA256-RSA4096 ...`): WeChat Pay answers that with its own message.
 */
function hasOtherScheme(header: string | null | undefined): boolean {
  const scheme = header?.trim().split(/\s/, 1)[0] ?? '';
  return scheme !== '' && scheme !== SCHEME;
}

/** What the verifier needs beyond the request itself. */
export interface VerifyContext {
  /** Sandbox clock, seconds. */
  sandboxNow: number;
  /** Host wall clock, seconds: real SDKs sign with it even when a test moved the sandbox clock. */
  wallNow: number;
}

/**
 * Verifies a v3 request signature and returns the calling merchant. Throws SIGN_ERROR (401) in
 * the flavour that fits, in WeChat Pay's order: header missing/garbled or another scheme, stale
 * timestamp, unknown mchid, wrong serial, signature mismatch (with `detail.sign_information`).
 */
export async function verifyRequest(method: string, pathAndQuery: string, body: string, header: string | null, ctx: VerifyContext): Promise<string> {
  const auth = parseAuthorization(header);
  if (!auth || !/^\d{1,12}$/.test(auth.timestamp)) {
    throw new VendorError('wechatpay', hasOtherScheme(header) ? 'SIGN_ERROR_SCHEME' : 'SIGN_ERROR_HEADER');
  }
  // WeChat Pay checks the timestamp window before it looks up the merchant or the signature: a
  // request with a stale timestamp gets the timestamp message whatever else is wrong with it.
  const ts = Number(auth.timestamp);
  if (Math.abs(ts - ctx.sandboxNow) > MAX_CLOCK_SKEW_SECONDS && Math.abs(ts - ctx.wallNow) > MAX_CLOCK_SKEW_SECONDS) {
    throw new VendorError('wechatpay', 'SIGN_ERROR_TIMESTAMP');
  }
  const merchant = signingMerchant(auth.mchid);
  if (!merchant) throw new VendorError('wechatpay', 'SIGN_ERROR_MCHID');
  if (auth.serial_no.toUpperCase() !== merchant.serial.toUpperCase()) throw new VendorError('wechatpay', 'SIGN_ERROR_SERIAL');
  const message = requestSignMessage(method, pathAndQuery, auth.timestamp, auth.nonce_str, body);
  if (!(await rsaVerify(merchant.publicKeyPem, message, auth.signature))) {
    throw new VendorError('wechatpay', 'SIGN_ERROR', {
      field: 'signature',
      location: 'authorization',
      detail: { issue: 'sign not match' },
      sign_information: {
        method,
        url: pathAndQuery,
        sign_message_length: new TextEncoder().encode(message).length,
        // WeChat Pay hides the nonce and shows the start of the body.
        truncated_sign_message: `${method}\n${pathAndQuery}\n${auth.timestamp}\n...\n${body.length > 64 ? `${body.slice(0, 64)}...` : body}\n`,
      },
    });
  }
  return auth.mchid;
}

/** Lenient mode: the merchant named in a parseable header if it is known, else the sandbox merchant. */
export function lenientCaller(header: string | null, fallback: string): string {
  const auth = parseAuthorization(header);
  return auth && signingMerchant(auth.mchid) ? auth.mchid : fallback;
}
