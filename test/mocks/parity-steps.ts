import { signedV3Request, type V3MerchantCredentials } from '../../src/http/wechatpay/signer.js';
import * as keys from '../../src/engine/wechatpay/test-keys.js';
import { APPIDS, TEST_OPENIDS } from '../../src/engine/wechatpay/identities.js';
import { signWaiqinRequest } from '../../src/http/waiqin/signer.js';
import { errorEntry } from '../../src/errors/catalogue.js';
import type { WaiqinErrorKey } from '../../src/types/error-key.js';

/**
 * Which origin a step talks to (the Node server has one origin for all; msw has the real hosts,
 * and `waiqin-tenant` is a tenant's own waiqin365 host named in `waiqinOrigins`).
 */
export type Target = 'sandbox' | 'wechat' | 'wechatpay' | 'waiqin' | 'waiqin-tenant';

/** What earlier answers taught the sequence (each transport keeps its own memo). */
export type Memo = Record<string, string>;

/**
 * One request of the parity sequence: `outcome` is the expected `status code` (code = WeChat's
 * errcode, WeChat Pay's code, the control surface's vendor_error code, or 0 for success), so the
 * sequence cannot quietly degrade into identical failures; `remember` keeps ids for later steps.
 */
export interface Step {
  name: string;
  target: Target;
  outcome: string;
  request(origin: string, memo: Memo): Request | Promise<Request>;
  remember?(json: any, memo: Memo): void;
}

/** The outcome of an answer in the form of `Step.outcome`. */
export function outcomeOf(target: Target, status: number, json: any): string {
  const code =
    target === 'sandbox'
      ? (json?.error?.vendor_error?.code ?? json?.error?.code)
      : target === 'wechat'
        ? json?.errcode
        : target === 'wechatpay'
          ? json?.code
          : json?.return_code;
  return `${status} ${code ?? 0}`;
}

/** A Monday 10:00 in Shanghai: inside every seeded validity window. */
export const START = Date.parse('2026-03-02T10:00:00+08:00');
export const SEED = 21;

const MERCHANT: V3MerchantCredentials = { mchid: keys.TEST_MCHID, serial: keys.TEST_MERCHANT_SERIAL, privateKeyPem: keys.TEST_MERCHANT_PRIVATE_KEY };
const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const get = (name: string, target: Target, outcome: string, path: (m: Memo) => string, remember?: Step['remember']): Step => ({
  name,
  target,
  outcome,
  request: (origin, memo) => new Request(origin + path(memo)),
  remember,
});
const post = (name: string, target: Target, outcome: string, path: (m: Memo) => string, body: (m: Memo) => unknown, remember?: Step['remember']): Step => ({
  name,
  target,
  outcome,
  request: (origin, memo) => new Request(origin + path(memo), json(body(memo))),
  remember,
});
/** A v3 call signed with the test merchant key; timestamp and nonce fixed so both transports send the same bytes. */
const v3 = (name: string, outcome: string, method: string, path: (m: Memo) => string, body?: (m: Memo) => unknown, remember?: Step['remember']): Step => ({
  name,
  target: 'wechatpay',
  outcome,
  request: (origin, memo) =>
    signedV3Request(MERCHANT, method, origin + path(memo), body?.(memo), {
      timestamp: Math.floor(START / 1000),
      nonce: `parity${name.replace(/\W/g, '')}`.slice(0, 32),
    }),
  remember,
});
const tok = (m: Memo) => `?access_token=${m.token}`;

const card = {
  card: {
    card_type: 'CASH',
    cash: {
      base_info: {
        logo_url: 'http://mmbiz.qpic.cn/mmbiz/logo/0',
        brand_name: '沙箱咖啡',
        code_type: 'CODE_TYPE_QRCODE',
        title: '满50减10',
        color: 'Color020',
        notice: '结账时出示',
        description: '不可与其他优惠同享',
        date_info: { type: 'DATE_TYPE_FIX_TERM', fixed_term: 30, fixed_begin_term: 0 },
        sku: { quantity: 10 },
        get_limit: 2,
      },
      least_cost: 5000,
      reduce_cost: 1000,
    },
  },
};

const stock = {
  stock_name: '沙箱满减券',
  belong_merchant: keys.TEST_MCHID,
  comment: '对账批次',
  goods_name: '全场通用',
  stock_type: 'NORMAL',
  coupon_use_rule: {
    coupon_available_time: { available_begin_time: '2026-03-01T00:00:00+08:00', available_end_time: '2026-03-31T23:59:59+08:00' },
    fixed_normal_coupon: { discount_amount: 500, transaction_minimum: 1000 },
    use_method: 'OFF_LINE',
  },
  stock_send_rule: { max_coupons: 100, max_coupons_per_user: 2, transferable: false, shareable: true },
  out_request_no: 'parity-stock-1',
  display_pattern_info: { description: '每单限用一张', merchant_name: '沙箱商户', background_color: 'Color020' },
  coupon_code_mode: 'WECHATPAY_MODE',
};

/** WeChat Cards: token, create, review and give through the control surface, consume, errors. */
export const wechatSteps: Step[] = [
  get(
    'credentials',
    'sandbox',
    '200 0',
    () => '/_sandbox/credentials',
    (j, m) => {
      m.appid = j.wechat.appid;
      m.secret = j.wechat.secret;
      m.openid = j.wechat.test_users[0].openid;
    },
  ),
  get('token with a wrong secret', 'wechat', '200 40125', (m) => `/cgi-bin/token?grant_type=client_credential&appid=${m.appid}&secret=nope`),
  get(
    'token',
    'wechat',
    '200 0',
    (m) => `/cgi-bin/token?grant_type=client_credential&appid=${m.appid}&secret=${m.secret}`,
    (j, m) => {
      m.token = j.access_token;
    },
  ),
  post(
    'card/create',
    'wechat',
    '200 0',
    (m) => `/card/create${tok(m)}`,
    () => card,
    (j, m) => {
      m.card_id = j.card_id;
    },
  ),
  post(
    'card/get under review',
    'wechat',
    '200 0',
    (m) => `/card/get${tok(m)}`,
    (m) => ({ card_id: m.card_id }),
  ),
  post(
    'give a code of a card under review (409, 40078)',
    'sandbox',
    '409 40078',
    () => '/_sandbox/wechat/give-code',
    (m) => ({ card_id: m.card_id, openid: m.openid }),
  ),
  post(
    'review the card',
    'sandbox',
    '200 0',
    () => '/_sandbox/wechat/review',
    (m) => ({ card_id: m.card_id, result: 'VERIFY_OK' }),
  ),
  post(
    'give a code',
    'sandbox',
    '200 0',
    () => '/_sandbox/wechat/give-code',
    (m) => ({ card_id: m.card_id, openid: m.openid }),
    (j, m) => {
      m.code = j.code;
    },
  ),
  post(
    'code/get',
    'wechat',
    '200 0',
    (m) => `/card/code/get${tok(m)}`,
    (m) => ({ code: m.code }),
  ),
  post(
    'code/consume',
    'wechat',
    '200 0',
    (m) => `/card/code/consume${tok(m)}`,
    (m) => ({ code: m.code }),
  ),
  post(
    'code/consume again (40099)',
    'wechat',
    '200 40099',
    (m) => `/card/code/consume${tok(m)}`,
    (m) => ({ code: m.code }),
  ),
  post(
    'code/get without check (CONSUMED)',
    'wechat',
    '200 0',
    (m) => `/card/code/get${tok(m)}`,
    (m) => ({ code: m.code, check_consume: false }),
  ),
  post(
    'user/getcardlist',
    'wechat',
    '200 0',
    (m) => `/card/user/getcardlist${tok(m)}`,
    (m) => ({ openid: m.openid }),
  ),
  post(
    'malformed JSON',
    'wechat',
    '200 47001',
    (m) => `/card/code/get${tok(m)}`,
    () => '{"code":',
  ),
  post(
    'wrong type',
    'wechat',
    '200 47001',
    (m) => `/card/get${tok(m)}`,
    () => ({ card_id: 12 }),
  ),
  get('GET on a POST API', 'wechat', '200 43002', (m) => `/card/get${tok(m)}`),
  get('unknown API', 'wechat', '200 40066', (m) => `/card/no-such-api${tok(m)}`),
  post(
    'no access_token',
    'wechat',
    '200 41001',
    () => '/card/get',
    (m) => ({ card_id: m.card_id }),
  ),
];

/** WeChat Pay v3 busifavor: signed calls, signed answers, state changes and errors. */
export const wechatpaySteps: Step[] = [
  v3('certificates', '200 0', 'GET', () => '/v3/certificates'),
  v3(
    'create stock',
    '200 0',
    'POST',
    () => '/v3/marketing/busifavor/stocks',
    () => stock,
    (j, m) => {
      m.stock_id = j.stock_id;
    },
  ),
  v3('query stock', '200 0', 'GET', (m) => `/v3/marketing/busifavor/stocks/${m.stock_id}`),
  v3(
    'send coupon',
    '200 0',
    'POST',
    () => '/v3/marketing/busifavor/coupons/send',
    (m) => ({ openid: TEST_OPENIDS[0], appid: APPIDS[0], stock_id: m.stock_id, out_request_no: 'parity-send-1' }),
    (j, m) => {
      m.coupon_code = j.coupon_code;
    },
  ),
  v3(
    'use coupon',
    '200 0',
    'POST',
    () => '/v3/marketing/busifavor/coupons/use',
    (m) => ({
      coupon_code: m.coupon_code,
      stock_id: m.stock_id,
      appid: APPIDS[0],
      use_time: '2026-03-02T10:00:00+08:00',
      use_request_no: 'parity-use-1',
      openid: TEST_OPENIDS[0],
    }),
  ),
  v3(
    'use it again with another request no',
    '400 RESOURCE_ALREADY_EXISTS',
    'POST',
    () => '/v3/marketing/busifavor/coupons/use',
    (m) => ({
      coupon_code: m.coupon_code,
      stock_id: m.stock_id,
      appid: APPIDS[0],
      use_time: '2026-03-02T10:00:00+08:00',
      use_request_no: 'parity-use-2',
      openid: TEST_OPENIDS[0],
    }),
  ),
  v3('query the used coupon', '200 0', 'GET', (m) => `/v3/marketing/busifavor/users/${TEST_OPENIDS[0]}/coupons/${m.coupon_code}/appids/${APPIDS[0]}`),
  v3(
    'send with a missing field',
    '400 PARAM_ERROR',
    'POST',
    () => '/v3/marketing/busifavor/coupons/send',
    (m) => ({ appid: APPIDS[0], stock_id: m.stock_id, out_request_no: 'parity-send-2' }),
  ),
  v3('unknown v3 path', '404 NOT_FOUND', 'GET', () => '/v3/marketing/busifavor/nothing'),
  get('unsigned call (401)', 'wechatpay', '401 SIGN_ERROR', (m) => `/v3/marketing/busifavor/stocks/${m.stock_id}`),
];

/** Time moves through the control surface, and a token issued before expires (42001). */
export const clockSteps: Step[] = [
  post(
    'advance the clock two hours',
    'sandbox',
    '200 0',
    () => '/_sandbox/clock',
    () => ({ advance_seconds: 7201 }),
  ),
  post(
    'card/get with the expired token (42001)',
    'wechat',
    '200 42001',
    (m) => `/card/get${tok(m)}`,
    (m) => ({ card_id: m.card_id }),
  ),
  get('GET the clock', 'sandbox', '200 0', () => '/_sandbox/clock'),
];

const WAIQIN = { openid: '8817201409164280001', appkey: 'SBX0waiqin365Key01' };
/** waiqin365 answers every outcome with HTTP 200; the catalogue gives the return_code. */
const wqFails = (key: WaiqinErrorKey) => `200 ${errorEntry('waiqin', key).code}`;
/**
 * A waiqin365 call: MD5 digest over the exact body bytes, timestamp from the frozen sandbox instant,
 * fixed msg_id (echoed back, so it must be the same on both transports). `tamper` breaks it on purpose.
 */
const wq = (
  name: string,
  outcome: string,
  method: string,
  body: (m: Memo) => unknown,
  options: { target?: Target; appkey?: string; now?: number; remember?: Step['remember'] } = {},
): Step => ({
  name,
  target: options.target ?? 'waiqin',
  outcome,
  request(origin, memo) {
    const raw = body(memo);
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    const signed = signWaiqinRequest({
      method,
      body: text,
      openid: WAIQIN.openid,
      appkey: options.appkey ?? WAIQIN.appkey,
      now: options.now ?? START,
      msgId: `parity-${name.replace(/\W+/g, '-')}`,
    });
    return new Request(origin + signed.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
  },
  remember: options.remember,
});
const CUSTOMER = 'CUS010043';

/** waiqin365 vouchers: create, receive, use (control order), query, finish, and transport errors. */
export const waiqinSteps: Step[] = [
  wq('getVoucherInfos', '200 0', 'getVoucherInfos', () => ({})),
  wq(
    'addVoucherInfo',
    '200 0',
    'addVoucherInfo',
    () => ({
      name: '对账券',
      startDate: '2026-03-02',
      endDate: '2026-03-31',
      money: '5.00',
      doorsillType: 'N',
      payType: 'UNLIMITED',
      grantType: 'HDFF',
      eachCmNum: 1,
      num: 10,
      tradeRange: '2',
      cmCode: CUSTOMER,
      prodMode: 'ALL',
    }),
    {
      remember: (j, m) => {
        m.voucherId = JSON.parse(j.response_data).voucherId;
      },
    },
  ),
  wq('receiveVoucherInfo', '200 0', 'receiveVoucherInfo', (m) => ({ voucherId: m.voucherId, cmCode: CUSTOMER })),
  wq('receive again over the limit', wqFails('EACH_CM_LIMIT'), 'receiveVoucherInfo', (m) => ({ voucherId: m.voucherId, cmCode: CUSTOMER })),
  post(
    'place an order that uses it',
    'sandbox',
    '200 0',
    () => '/_sandbox/waiqin/orders',
    (m) => ({ voucherId: m.voucherId, cmCode: CUSTOMER, amount: '150.00' }),
  ),
  wq('queryVoucherUsedInfo on a tenant host', '200 0', 'queryVoucherUsedInfo', (m) => ({ voucherId: m.voucherId }), { target: 'waiqin-tenant' }),
  wq('finishVoucher', '200 0', 'finishVoucher', (m) => ({ voucherId: m.voucherId })),
  wq('modify a finished voucher', wqFails('VOUCHER_FINISHED'), 'modifyVoucherEndDate', (m) => ({ voucherId: m.voucherId, endDate: '2026-04-30' })),
  wq('getCmInfos without voucher', wqFails('VOUCHER_ID_REQUIRED'), 'getCmInfos', () => ({})),
  wq('digest made with another appkey', wqFails('BAD_DIGEST'), 'getVoucherInfos', () => ({}), { appkey: 'not-the-appkey-0000' }),
  wq('timestamp an hour old', wqFails('STALE_TIMESTAMP'), 'getVoucherInfos', () => ({}), { now: START - 3_600_000 }),
  wq('body that is not JSON', wqFails('BAD_JSON'), 'finishVoucher', () => '{"voucherId":'),
  wq('unknown method', wqFails('UNKNOWN_METHOD'), 'noSuchMethod', () => ({})),
  post(
    'path without the signed segments',
    'waiqin',
    wqFails('BAD_PATH'),
    () => '/api/voucher/v1/getVoucherInfos',
    () => ({}),
  ),
];
