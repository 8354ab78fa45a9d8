/**
 * Set-up steps the benchmark runs inside the server process (through IPC), using only the
 * sandbox's public surface (src/index.ts: the engines' typed methods, the client-side signers):
 * each returns the one request the load generator will repeat, or how much state it built.
 */
import { signWaiqinRequest, v3Authorization, type Sandbox, type V3MerchantCredentials } from '../../index.js';
import type { LoadRequest } from './load-request.js';
import type { WechatState } from '../../engine/wechat/model.js';
import { issueToken } from '../../engine/wechat/tokens.js';
import type { WaiqinState } from '../../engine/waiqin/model.js';
import type { WaiqinAddVoucherInfoRequest } from '../../types/waiqin/add-voucher-info.request.js';
import { addVoucherInfo, receiveVoucherInfo } from '../../engine/waiqin/operations.js';

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

function waiqinSigned(sandbox: Sandbox, method: string, payload: unknown): LoadRequest {
  const creds = sandbox.waiqin.credentials() as { openid: string; appkey: string };
  const body = JSON.stringify(payload);
  const signed = signWaiqinRequest({ method, body, openid: creds.openid, appkey: creds.appkey, now: sandbox.clock.now() });
  return { method: 'POST', path: signed.path, headers: json, body };
}

/** A signed waiqin365 getVoucherInfos call (one msg_id reused: the sandbox does not reject repeats). */
export function waiqinList(sandbox: Sandbox): LoadRequest {
  return waiqinSigned(sandbox, 'getVoucherInfos', { page_number: 1, page_length: 100 });
}

// ---- growth rows: state that every request adds to ----

/** Restores the seeded world (the growth rows start from it after their warm-up). */
export function resetWorld(sandbox: Sandbox): void {
  sandbox.reset();
}

/** GET /cgi-bin/token for the main app: every answer issues (and stores) one more token. */
export function tokenRequest(sandbox: Sandbox): LoadRequest {
  return { method: 'GET', path: sandbox.wechat.credentials().token_url };
}

/**
 * Issues up to `count` tokens through the engine, stopping at `budgetMs`: building N tokens is
 * itself quadratic today (every issue walks every stored token), so a time cap keeps the bench
 * bounded. Returns how many were issued.
 */
export function issueTokens(sandbox: Sandbox, count: number, budgetMs: number): number {
  const { appid, secret } = sandbox.wechat.credentials();
  const deadline = performance.now() + budgetMs;
  let issued = 0;
  while (issued < count && (issued % 64 !== 0 || performance.now() < deadline)) {
    const now = sandbox.clock.nowSeconds();
    sandbox.world.store<WechatState>('wechat').transact((state) => issueToken(state, { grant_type: 'client_credential', appid, secret }, now));
    issued++;
  }
  return issued;
}

/** A seeded customer in every world (the vendor page's example customer). */
const CUSTOMER = 'CUS010043';
/** Holdings per set-up voucher: the fewer a voucher holds, the cheaper each receive's scan of its own holdings. */
const PER_VOUCHER = 1000;

/** Today in Asia/Shanghai by the sandbox clock (waiqin365 dates are Shanghai days). */
function shanghaiToday(sandbox: Sandbox): string {
  return new Date(sandbox.clock.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function addVoucher(sandbox: Sandbox, name: string, num: number): string {
  // Set-up runs the engine rule directly (synchronously, inside the store), not through HTTP.
  const body: WaiqinAddVoucherInfoRequest = {
    name,
    startDate: shanghaiToday(sandbox),
    endDate: '2099-12-31',
    money: '10',
    doorsillType: 'N',
    payType: 'UNLIMITED',
    grantType: 'HDFF',
    eachCmNum: num,
    num,
    tradeRange: '2',
    cmCode: CUSTOMER,
    prodMode: 'ALL',
  };
  return sandbox.world.store<WaiqinState>('waiqin').transact((state) => addVoucherInfo(state, body, sandbox.clock.now())).voucherId;
}

let voucherSerial = 0;

/**
 * A voucher that can be received 99,999 times by one customer, and the signed receiveVoucherInfo
 * request for it (fresh signature: the timestamp window is 600 s).
 */
export function receiveRequest(sandbox: Sandbox): LoadRequest {
  const voucherId = addVoucher(sandbox, `bench-measured-${voucherSerial++}`, 99999);
  return waiqinSigned(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: CUSTOMER });
}

/**
 * Adds up to `count` holdings through receiveVoucherInfo (PER_VOUCHER per voucher), stopping at
 * `budgetMs` (like tokens, building them is quadratic today). Returns how many were added.
 */
export function addHoldings(sandbox: Sandbox, count: number, budgetMs: number): number {
  const deadline = performance.now() + budgetMs;
  let added = 0;
  let voucherId = '';
  while (added < count && (added % 64 !== 0 || performance.now() < deadline)) {
    if (added % PER_VOUCHER === 0) voucherId = addVoucher(sandbox, `bench-setup-${voucherSerial++}`, PER_VOUCHER);
    const id = voucherId;
    sandbox.world.store<WaiqinState>('waiqin').transact((state) => receiveVoucherInfo(state, { voucherId: id, cmCode: CUSTOMER }, sandbox.clock.now()));
    added++;
  }
  return added;
}

/** How many holdings the tenant has (every voucher's received count, from the world listing). */
export function holdingCount(sandbox: Sandbox): number {
  return sandbox.waiqin.world().vouchers.reduce((n, v) => n + v.received, 0);
}
