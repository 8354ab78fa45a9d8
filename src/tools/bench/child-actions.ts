/**
 * Set-up steps the benchmark runs inside the server process (through IPC), using the sandbox's
 * typed control actions: each returns the one request the load generator will repeat.
 */
import type { Sandbox } from '../../sandbox.js';
import type { LoadRequest } from './load.js';
import type { WechatState } from '../../engine/wechat/model.js';
import { issueToken } from '../../engine/wechat/tokens.js';
import { v3Authorization, type V3MerchantCredentials } from '../../http/wechatpay/signer.js';
import { signWaiqinRequest } from '../../http/waiqin/signer.js';

const json = { 'content-type': 'application/json' };

/** A token for the default app, issued by the engine rule itself (set-up must stay synchronous). */
function wechatToken(sandbox: Sandbox): string {
  const { appid, secret } = sandbox.wechat.credentials();
  const now = sandbox.clock.nowSeconds();
  return sandbox.world.store<WechatState>('wechat').transact((s) => issueToken(s, { grant_type: 'client_credential', appid, secret }, now)).access_token;
}

/** Loads `count` received codes (the scale rows) and returns the code/get request for one of them. */
export function loadCodes(sandbox: Sandbox, count: number): LoadRequest & { totalCodes: number } {
  const result = sandbox.wechat.bulkCodes({ count });
  const middle = result.last_code; // any code: lookups must not depend on where it sits
  return {
    method: 'POST',
    path: `/card/code/get?access_token=${wechatToken(sandbox)}`,
    headers: json,
    body: JSON.stringify({ code: middle, check_consume: false }),
    totalCodes: result.total_codes,
  };
}

/** POST /card/code/get with a valid token, for a seeded user's code. */
export function codeGet(sandbox: Sandbox): LoadRequest {
  return loadCodes(sandbox, 1);
}

/** POST /card/batchget with a valid token. */
export function batchGet(sandbox: Sandbox): LoadRequest {
  return {
    method: 'POST',
    path: `/card/batchget?access_token=${wechatToken(sandbox)}`,
    headers: json,
    body: JSON.stringify({ offset: 0, count: 50 }),
  };
}

/** code/get with a body that fails validation (check_consume of the wrong type -> 47001), to compare with the success path. */
export function invalidCodeGet(sandbox: Sandbox): LoadRequest {
  const request = codeGet(sandbox);
  return { ...request, body: JSON.stringify({ ...JSON.parse(request.body!), check_consume: 'yes' }) };
}

/** A signed busifavor list call (the signature stays valid for the 300 s window the bench fits in). */
export async function busifavorList(sandbox: Sandbox): Promise<LoadRequest> {
  const creds = sandbox.wechatpay.credentials() as Record<string, unknown> & { appids: string[]; openids: string[] };
  const merchant: V3MerchantCredentials = {
    mchid: String(creds.mchid),
    serial: String(creds.merchant_serial_no),
    privateKeyPem: String(creds.merchant_private_key),
  };
  const path = `/v3/marketing/busifavor/users/${creds.openids[0]}/coupons?appid=${creds.appids[0]}&belong_merchant=${merchant.mchid}&offset=0&limit=20`;
  const timestamp = Math.floor(sandbox.clock.now() / 1000);
  return {
    method: 'GET',
    path,
    headers: { Authorization: await v3Authorization(merchant, 'GET', path, '', { timestamp }), Accept: 'application/json' },
  };
}

/** A signed waiqin365 getVoucherInfos call (one msg_id reused: the sandbox does not reject repeats). */
export function waiqinList(sandbox: Sandbox): LoadRequest {
  const creds = sandbox.waiqin.credentials() as { openid: string; appkey: string };
  const body = JSON.stringify({ page_number: 1, page_length: 100 });
  const signed = signWaiqinRequest({ method: 'getVoucherInfos', body, openid: creds.openid, appkey: creds.appkey, now: sandbox.clock.now() });
  return { method: 'POST', path: signed.path, headers: json, body };
}
