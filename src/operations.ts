import type { Vendor } from './engine/vendor-error.js';
import { schemaId } from './schema/registry.js';
import type { ErrorKey, WaiqinErrorKey, WechatErrorKey, WechatpayErrorKey } from './types/error-key.js';

/**
 * One documented (or sandbox-required) vendor operation. This table is the only list of
 * operations: the HTTP routes, the msw handlers, the contract kit and the docs are all driven
 * from it.
 */
export interface OperationOf<V extends Vendor> {
  vendor: V;
  /** Stable id, unique across vendors (`<vendor>.<name>`). */
  id: string;
  /** WeChat Pay v3 is REST: PATCH modifies a stock, DELETE removes an uploaded code. */
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path template as the vendor documents it, `{name}` for path parameters. */
  path: string;
  summary: string;
  /** Schema of the JSON body, for operations that take one. */
  request?: string;
  /**
   * Schema of the query string and path parameters (values arrive as strings and are coerced).
   * Next to `request`, it describes the path parameters of a body operation
   * (`PATCH .../stocks/{stock_id}`): the rule gets the body and the path parameters in one input.
   */
  query?: string;
  /** Schema of the whole success body (for a `noContent` operation, the empty body). */
  response: string;
  /** WeChat Pay: success is `204 No Content`, no body (still signed, over an empty body). */
  noContent?: true;
  /** waiqin365 only: schema of the JSON-encoded `response_data` payload. */
  responseData?: string;
  /** Catalogue keys of the errors documented (or known) for this operation. */
  errors: ErrorKey<V>[];
  /** True when a call changes vendor state: the contract kit refuses these on real targets unless opted in. */
  writes: boolean;
  /** Where the operation is documented: a vendor page (listed in VENDOR-BEHAVIOUR.md) or a VENDOR-BEHAVIOUR.md section. */
  source: string;
  /**
   * True when the call changes sandbox state although `writes` is false (a token supersedes the
   * previous one): the rule runs in a transaction and, where kept, is journaled.
   */
  changesState?: true;
  /**
   * `rule`: the engine rule checks the input itself, in the vendor's own order (WeChat checks a
   * token request's appid before its grant_type, which a schema cannot express); the schema
   * documents it. Otherwise the schema check runs before the rule.
   */
  inputCheckedBy?: 'rule';
  /** WeChat: `bare` when the success body is the payload alone (no `errcode: 0, errmsg: "ok"`). */
  answer?: 'bare';
  /** WeChat: `app-secret` when the call is authenticated by appid + secret instead of an access_token. */
  auth?: 'app-secret';
}

/** An operation of any vendor; narrowing on `vendor` narrows `errors` to that vendor's keys. */
export type Operation = { [V in Vendor]: OperationOf<V> }[Vendor];

const wx = (name: string) => schemaId(`wechat/${name}.json`);
const pay = (name: string) => schemaId(`wechatpay/${name}.json`);
const wq = (name: string) => schemaId(`waiqin/${name}.json`);

/** Errors every WeChat call behind an access_token can answer. */
const WECHAT_AUTH: WechatErrorKey[] = ['-1', '40001', '41001', '42001', '43002', '44002', '47001'];
/** Errors every WeChat Pay v3 call can answer. */
const PAY_COMMON: WechatpayErrorKey[] = [
  'SIGN_ERROR',
  'SIGN_ERROR_HEADER',
  'SIGN_ERROR_SCHEME',
  'SIGN_ERROR_TIMESTAMP',
  'SIGN_ERROR_SERIAL',
  'SIGN_ERROR_MCHID',
  'PARAM_ERROR',
  'SYSTEM_ERROR',
  'SYSTEM_ERROR_BUSY',
  'FREQUENCY_LIMITED',
  'REQUEST_BLOCKED',
];
/** Where the busifavor operations beyond the basics are described (the official pages they link to have moved). */
const BUSIFAVOR_SOURCES =
  'wechatpay-apiv3/wechatpay-go services/merchantexclusivecoupon (api_busi_favor.go, api_coupon.go, models.go); TheNorthMemory/wechatpay-openapi docs/v3/marketing/busifavor/';
/** Schema of every WeChat Pay v3 error body (`{code, message, detail?}`). */
export const WECHATPAY_ERROR_SCHEMA = pay('error');
/** Errors every waiqin365 call can answer (digest, timestamp, tenant). */
const WAIQIN_COMMON: WaiqinErrorKey[] = [
  'FAILURE',
  'BAD_PATH',
  'METHOD_NOT_ALLOWED',
  'UNKNOWN_METHOD',
  'BAD_TIMESTAMP',
  'UNKNOWN_OPENID',
  'STALE_TIMESTAMP',
  'BODY_TOO_LARGE',
  'BAD_DIGEST',
  'BAD_JSON',
  'PARAM_ERROR',
  'PARAM_TYPE',
  'PARAM_TOO_LONG',
];

const card = (
  name: string,
  path: string,
  summary: string,
  writes: boolean,
  errors: WechatErrorKey[],
  source = 'wechat-card-management.zh.txt',
): OperationOf<'wechat'> => ({
  vendor: 'wechat',
  id: `wechat.${name}`,
  method: 'POST',
  path,
  summary,
  request: wx(`${name}.request`),
  response: wx(`${name}.response`),
  errors: [...WECHAT_AUTH, ...errors],
  writes,
  source,
  // datacube answers `{"list": [...]}` with no errcode (VENDOR-BEHAVIOUR.md B.5).
  ...(name.startsWith('datacube-') && { answer: 'bare' as const }),
});

const waiqin = (method: string, name: string, summary: string, writes: boolean, errors: WaiqinErrorKey[]): OperationOf<'waiqin'> => ({
  vendor: 'waiqin',
  id: `waiqin.${method}`,
  method: 'POST',
  path: `/api/voucher/v1/${method}/{openid}/{timestamp}/{digest}/{msg_id}`,
  summary,
  request: wq(`${name}.request`),
  response: wq('envelope'),
  responseData: wq(`${name}.data`),
  errors: [...WAIQIN_COMMON, ...errors],
  writes,
  source: 'waiqin365-voucher.zh.txt',
});

/**
 * A busifavor operation beyond the basics (path under /v3/marketing/busifavor): every v3 error plus
 * its own; GETs read, everything else writes.
 */
const busifavor = (
  name: string,
  method: OperationOf<'wechatpay'>['method'],
  path: string,
  summary: string,
  schemas: Pick<OperationOf<'wechatpay'>, 'request' | 'query' | 'response' | 'noContent'>,
  errors: WechatpayErrorKey[],
): OperationOf<'wechatpay'> => ({
  vendor: 'wechatpay',
  id: `wechatpay.busifavor-${name}`,
  method,
  path: `/v3/marketing/busifavor${path}`,
  summary,
  ...schemas,
  errors: [...PAY_COMMON, ...errors],
  writes: method !== 'GET',
  source: BUSIFAVOR_SOURCES,
});

export const operations: readonly Operation[] = [
  // WeChat Cards & Offers (api.weixin.qq.com)
  {
    vendor: 'wechat',
    id: 'wechat.token',
    method: 'GET',
    path: '/cgi-bin/token',
    summary: 'Get an access_token (client_credential)',
    query: wx('token.query'),
    response: wx('token.response'),
    errors: ['-1', '40002', '40013', '40125', '41002', '41004', '43001'],
    writes: false,
    // Harmless against a real target, but a token supersedes the app's previous one.
    changesState: true,
    source: 'VENDOR-BEHAVIOUR.md A.2',
    inputCheckedBy: 'rule',
    answer: 'bare',
    auth: 'app-secret',
  },
  {
    vendor: 'wechat',
    id: 'wechat.rid-get',
    method: 'POST',
    path: '/cgi-bin/openapi/rid/get',
    summary: 'Look up the request an error rid belongs to (the debug endpoint)',
    request: wx('rid-get.request'),
    response: wx('rid-get.response'),
    errors: [...WECHAT_AUTH, '76001', '76002', '76003'],
    writes: false,
    source: 'VENDOR-BEHAVIOUR.md A.5',
  },
  card('card-create', '/card/create', 'Create a card of any type', true, ['40071', '40079', '40122', '41011', '41012', '45021'], 'VENDOR-BEHAVIOUR.md B.4'),
  card('card-get', '/card/get', 'Card details, review status and stock', false, ['40073', '41012', '45021']),
  card('card-batchget', '/card/batchget', "List the merchant's card ids", false, ['41011']),
  card(
    'card-update',
    '/card/update',
    'Update card fields (send_check when review is needed)',
    true,
    ['40071', '40073', '40078', '40079', '40100', '41011', '41012', '40150', '45021'],
    'wechat-card-management.zh.txt; wechat-friends-vouchers.en.txt',
  ),
  card('card-modifystock', '/card/modifystock', "Increase or reduce a card's stock", true, ['40073', '40078', '40122', '41012', '45021']),
  card('card-delete', '/card/delete', 'Delete a card (held codes stay valid)', true, ['40073', '40078', '41012', '45021']),
  card('code-get', '/card/code/get', 'Query a code (check_consume)', false, ['40056', '40073', '40099', '40127', '41012', '41013', '45021']),
  card(
    'code-consume',
    '/card/code/consume',
    'Consume (redeem) a code',
    true,
    ['40056', '40071', '40073', '40099', '40127', '41012', '41013', '45021'],
    'VENDOR-BEHAVIOUR.md B.3',
  ),
  card('code-update', '/card/code/update', 'Change a code (new_code / newcode)', true, [
    '40056',
    '40073',
    '40099',
    '40116',
    '40127',
    '41011',
    '41012',
    '41013',
    '45021',
    '45030',
  ]),
  card('code-unavailable', '/card/code/unavailable', 'Set a code unavailable (irreversible)', true, [
    '40056',
    '40073',
    '40099',
    '40127',
    '41012',
    '41013',
    '45021',
  ]),
  card('user-getcardlist', '/card/user/getcardlist', 'Usable codes of one user for this app', false, ['40003', '40073', '41011', '45021']),
  card('datacube-getcardbizuininfo', '/datacube/getcardbizuininfo', 'Daily totals for the merchant', false, ['61500', '61501', '41011']),
  card('datacube-getcardcardinfo', '/datacube/getcardcardinfo', 'Daily totals per free coupon', false, ['61500', '61501', '40073', '41011', '45021']),
  card('datacube-getcardmembercardinfo', '/datacube/getcardmembercardinfo', 'Daily member-card totals', false, ['61500', '61501', '41011']),
  card('datacube-getcardmembercarddetail', '/datacube/getcardmembercarddetail', 'Daily totals for one member card', false, [
    '61500',
    '61501',
    '40073',
    '41011',
    '41012',
    '45021',
  ]),

  // WeChat Pay v3 merchant coupons (api.mch.weixin.qq.com)
  {
    vendor: 'wechatpay',
    id: 'wechatpay.busifavor-list-user-coupons',
    method: 'GET',
    path: '/v3/marketing/busifavor/users/{openid}/coupons',
    summary: "List a user's merchant coupons by filter",
    query: pay('list-user-coupons.query'),
    response: pay('list-user-coupons.response'),
    errors: [...PAY_COMMON, 'APPID_MCHID_NOT_MATCH', 'MCH_NOT_EXISTS', 'USER_NOT_EXISTS', 'NO_AUTH'],
    writes: false,
    source: 'wechatpay-busifavor-user-coupons.zh.txt',
  },
  {
    vendor: 'wechatpay',
    id: 'wechatpay.busifavor-create-stock',
    method: 'POST',
    path: '/v3/marketing/busifavor/stocks',
    summary: 'Create a merchant-coupon stock',
    request: pay('create-stock.request'),
    response: pay('create-stock.response'),
    errors: [...PAY_COMMON, 'PARAM_ERROR_JSON', 'PARAM_ERROR_MCHID_MISMATCH', 'RESOURCE_ALREADY_EXISTS'],
    writes: true,
    source: 'VENDOR-BEHAVIOUR.md C.4',
  },
  {
    vendor: 'wechatpay',
    id: 'wechatpay.busifavor-query-stock',
    method: 'GET',
    path: '/v3/marketing/busifavor/stocks/{stock_id}',
    summary: 'Query one stock',
    query: pay('query-stock.query'),
    response: pay('query-stock.response'),
    errors: [...PAY_COMMON, 'STOCK_NOT_EXISTS', 'NO_AUTH'],
    writes: false,
    source: 'VENDOR-BEHAVIOUR.md C.4',
  },
  {
    vendor: 'wechatpay',
    id: 'wechatpay.busifavor-send-coupon',
    method: 'POST',
    path: '/v3/marketing/busifavor/coupons/send',
    summary: 'Send a coupon of a stock to a user',
    request: pay('send-coupon.request'),
    response: pay('send-coupon.response'),
    errors: [
      ...PAY_COMMON,
      'PARAM_ERROR_JSON',
      'RESOURCE_ALREADY_EXISTS',
      'APPID_MCHID_NOT_MATCH',
      'USER_NOT_EXISTS',
      'STOCK_NOT_EXISTS',
      'NO_AUTH',
      'RULELIMIT_STOCK_STATE',
      'INVALID_REQUEST_CODE_MODE',
      'INVALID_REQUEST_NO_CODE',
      'COUPON_CODE_EXISTS',
      'RULELIMIT_MAX_COUPONS',
      'RULELIMIT_MAX_COUPONS_PER_USER',
      'RULELIMIT_MAX_COUPONS_BY_DAY',
    ],
    writes: true,
    source: 'VENDOR-BEHAVIOUR.md C.4',
  },
  {
    vendor: 'wechatpay',
    id: 'wechatpay.busifavor-use-coupon',
    method: 'POST',
    path: '/v3/marketing/busifavor/coupons/use',
    summary: 'Use (redeem) a coupon',
    request: pay('use-coupon.request'),
    response: pay('use-coupon.response'),
    errors: [
      ...PAY_COMMON,
      'PARAM_ERROR_JSON',
      'RESOURCE_ALREADY_EXISTS',
      'APPID_MCHID_NOT_MATCH',
      'USER_NOT_EXISTS',
      'STOCK_NOT_EXISTS',
      'COUPON_NOT_EXISTS',
      'NO_AUTH',
      'INVALID_REQUEST_CODE_MODE',
      'COUPON_ALREADY_USED',
      'INVALID_REQUEST',
      'RULELIMIT',
    ],
    writes: true,
    source: 'VENDOR-BEHAVIOUR.md C.4',
  },
  {
    vendor: 'wechatpay',
    id: 'wechatpay.busifavor-query-coupon',
    method: 'GET',
    path: '/v3/marketing/busifavor/users/{openid}/coupons/{coupon_code}/appids/{appid}',
    summary: 'Query one coupon of a user',
    query: pay('query-coupon.query'),
    response: pay('coupon'),
    errors: [...PAY_COMMON, 'APPID_MCHID_NOT_MATCH', 'USER_NOT_EXISTS', 'COUPON_NOT_EXISTS', 'NO_AUTH'],
    writes: false,
    source: 'VENDOR-BEHAVIOUR.md C.4',
  },
  {
    vendor: 'wechatpay',
    id: 'wechatpay.busifavor-deactivate-coupon',
    method: 'POST',
    path: '/v3/marketing/busifavor/coupons/deactivate',
    summary: 'Deactivate a sent coupon',
    request: pay('deactivate-coupon.request'),
    response: pay('deactivate-coupon.response'),
    errors: [...PAY_COMMON, 'PARAM_ERROR_JSON', 'RESOURCE_ALREADY_EXISTS', 'STOCK_NOT_EXISTS', 'COUPON_NOT_EXISTS', 'NO_AUTH', 'INVALID_REQUEST'],
    writes: true,
    source: 'VENDOR-BEHAVIOUR.md C.4',
  },
  {
    vendor: 'wechatpay',
    id: 'wechatpay.busifavor-return-coupon',
    method: 'POST',
    path: '/v3/marketing/busifavor/coupons/return',
    summary: 'Return a used coupon (back to SENDED)',
    request: pay('return-coupon.request'),
    response: pay('return-coupon.response'),
    errors: [...PAY_COMMON, 'PARAM_ERROR_JSON', 'RESOURCE_ALREADY_EXISTS', 'STOCK_NOT_EXISTS', 'COUPON_NOT_EXISTS', 'NO_AUTH', 'INVALID_REQUEST'],
    writes: true,
    source: 'VENDOR-BEHAVIOUR.md C.4',
  },
  busifavor(
    'modify-stock',
    'PATCH',
    '/stocks/{stock_id}',
    "Modify a stock's information (204 No Content)",
    { request: pay('modify-stock.request'), query: pay('stock-path.query'), response: pay('no-content'), noContent: true },
    ['PARAM_ERROR_JSON', 'RESOURCE_ALREADY_EXISTS', 'STOCK_NOT_EXISTS', 'NO_AUTH', 'STOCK_ENDED'],
  ),
  busifavor(
    'modify-budget',
    'PATCH',
    '/stocks/{stock_id}/budget',
    "Modify a stock's budget (max_coupons or max_coupons_by_day)",
    { request: pay('modify-budget.request'), query: pay('stock-path.query'), response: pay('modify-budget.response') },
    ['PARAM_ERROR_JSON', 'RESOURCE_ALREADY_EXISTS', 'STOCK_NOT_EXISTS', 'NO_AUTH', 'BUDGET_MISMATCH', 'BUDGET_BELOW_SENT'],
  ),
  busifavor(
    'associate-coupon',
    'POST',
    '/coupons/associate',
    'Associate a usable coupon with a merchant order',
    { request: pay('associate-coupon.request'), response: pay('associate-coupon.response') },
    ['PARAM_ERROR_JSON', 'RESOURCE_ALREADY_EXISTS', 'STOCK_NOT_EXISTS', 'COUPON_NOT_EXISTS', 'NO_AUTH', 'INVALID_REQUEST', 'COUPON_ASSOCIATED'],
  ),
  busifavor(
    'disassociate-coupon',
    'POST',
    '/coupons/disassociate',
    'Untie a coupon from the merchant order it is associated with',
    { request: pay('disassociate-coupon.request'), response: pay('disassociate-coupon.response') },
    ['PARAM_ERROR_JSON', 'RESOURCE_ALREADY_EXISTS', 'STOCK_NOT_EXISTS', 'COUPON_NOT_EXISTS', 'NO_AUTH', 'COUPON_NOT_ASSOCIATED'],
  ),
  busifavor(
    'upload-coupon-codes',
    'POST',
    '/stocks/{stock_id}/couponcodes',
    'Upload codes to a MERCHANT_UPLOAD stock',
    { request: pay('upload-coupon-codes.request'), query: pay('stock-path.query'), response: pay('upload-coupon-codes.response') },
    ['PARAM_ERROR_JSON', 'RESOURCE_ALREADY_EXISTS', 'STOCK_NOT_EXISTS', 'NO_AUTH', 'INVALID_REQUEST_UPLOAD_MODE', 'INVALID_REQUEST_UPLOAD_LIMIT'],
  ),
  busifavor(
    'list-coupon-codes',
    'GET',
    '/stocks/{stock_id}/couponcodes',
    'List the uploaded codes of a stock',
    { query: pay('list-coupon-codes.query'), response: pay('list-coupon-codes.response') },
    ['STOCK_NOT_EXISTS', 'NO_AUTH', 'APPID_MCHID_NOT_MATCH', 'INVALID_REQUEST_UPLOAD_MODE'],
  ),
  busifavor(
    'query-coupon-code',
    'GET',
    '/stocks/{stock_id}/couponcodes/{coupon_code}',
    'Query one uploaded code (and the coupon it became)',
    { query: pay('query-coupon-code.query'), response: pay('query-coupon-code.response') },
    ['STOCK_NOT_EXISTS', 'NO_AUTH', 'APPID_MCHID_NOT_MATCH', 'INVALID_REQUEST_UPLOAD_MODE', 'COUPON_CODE_NOT_EXISTS'],
  ),
  busifavor(
    'delete-coupon-code',
    'DELETE',
    '/stocks/{stock_id}/couponcodes/{coupon_code}',
    'Delete an uploaded code that was not dispatched',
    { query: pay('delete-coupon-code.query'), response: pay('delete-coupon-code.response') },
    ['RESOURCE_ALREADY_EXISTS', 'STOCK_NOT_EXISTS', 'NO_AUTH', 'INVALID_REQUEST_UPLOAD_MODE', 'COUPON_CODE_NOT_EXISTS', 'COUPON_CODE_DISPATCHED'],
  ),
  {
    vendor: 'wechatpay',
    id: 'wechatpay.busifavor-set-callbacks',
    method: 'POST',
    path: '/v3/marketing/busifavor/callbacks',
    summary: 'Set where COUPON.SEND notifications go',
    request: pay('set-callbacks.request'),
    response: pay('set-callbacks.response'),
    errors: [...PAY_COMMON, 'PARAM_ERROR_JSON', 'PARAM_ERROR_MCHID_MISMATCH'],
    writes: true,
    source: 'VENDOR-BEHAVIOUR.md C.8',
  },
  {
    vendor: 'wechatpay',
    id: 'wechatpay.busifavor-query-callbacks',
    method: 'GET',
    path: '/v3/marketing/busifavor/callbacks',
    summary: 'Read the notify URL of a merchant',
    query: pay('query-callbacks.query'),
    response: pay('query-callbacks.response'),
    errors: [...PAY_COMMON, 'PARAM_ERROR_MCHID_MISMATCH'],
    writes: false,
    source: 'VENDOR-BEHAVIOUR.md C.8',
  },
  {
    vendor: 'wechatpay',
    id: 'wechatpay.certificates',
    method: 'GET',
    path: '/v3/certificates',
    summary: 'Download the platform certificates (AEAD_AES_256_GCM encrypted)',
    response: pay('certificates.response'),
    // A merchant in public-key mode has none: one of three errors (or an empty list), per merchant.
    errors: [...PAY_COMMON, 'CERTIFICATE_NOT_AVAILABLE', 'CERTIFICATE_NOT_EXISTS', 'CERTIFICATE_FORBIDDEN'],
    writes: false,
    source: 'issue 4; VENDOR-BEHAVIOUR.md C.3',
  },

  // waiqin365 vouchers (openapi.waiqin365.com or a tenant host)
  waiqin('getVoucherInfos', 'get-voucher-infos', 'Page through vouchers', false, ['PAGE_NUMBER_INVALID', 'PAGE_LENGTH_INVALID', 'DATE_FORMAT']),
  waiqin('addVoucherInfo', 'add-voucher-info', 'Create a voucher', true, [
    'NAME_REQUIRED',
    'START_DATE_REQUIRED',
    'END_DATE_REQUIRED',
    'DATE_FORMAT',
    'MONEY_REQUIRED',
    'MONEY_INVALID',
    'DOORSILL_TYPE_INVALID',
    'DOORSILL_AMOUNT_REQUIRED',
    'DOORSILL_AMOUNT_INVALID',
    'PAY_TYPE_INVALID',
    'GRANT_TYPE_INVALID',
    'EACH_CM_NUM_INVALID',
    'NUM_INVALID',
    'TRADE_RANGE_INVALID',
    'ZDLQ_TRADE_RANGE',
    'CM_RANGE_REQUIRED',
    'CM_REQUIRED',
    'PROD_MODE_INVALID',
    'PROD_TYPE_REQUIRED',
    'PROD_BRAND_REQUIRED',
    'PROD_REQUIRED',
    'AUTO_RECEIVE_INVALID',
    'DISCOUNTS_TYPE_INVALID',
    'DISCOUNTS_PERCENT_REQUIRED',
    'DISCOUNTS_PERCENT_INVALID',
    'MAX_DISCOUNTS_AMOUNT_INVALID',
    'DATE_RANGE',
    'END_DATE_PAST',
    'CM_LEVEL_NOT_FOUND',
    'CM_TYPE_NOT_FOUND',
    'CM_DEPT_NOT_FOUND',
    'CM_LABEL_NOT_FOUND',
    'CM_DISTRICT_NOT_FOUND',
    'CM_NOT_FOUND',
    'PROD_TYPE_NOT_FOUND',
    'PROD_BRAND_NOT_FOUND',
    'PROD_NOT_FOUND',
  ]),
  waiqin('finishVoucher', 'finish-voucher', 'End a voucher (isFinish Y)', true, ['VOUCHER_ID_REQUIRED', 'VOUCHER_NOT_FOUND', 'VOUCHER_FINISHED']),
  waiqin('modifyVoucherEndDate', 'modify-voucher-end-date', "Change a voucher's end date", true, [
    'VOUCHER_ID_REQUIRED',
    'END_DATE_REQUIRED',
    'DATE_FORMAT',
    'VOUCHER_NOT_FOUND',
    'VOUCHER_FINISHED',
    'END_DATE_BEFORE_START',
    'END_DATE_PAST',
  ]),
  waiqin('receiveVoucherInfo', 'receive-voucher-info', 'Give a voucher to a customer', true, [
    'VOUCHER_REQUIRED',
    'CM_IDENTITY_REQUIRED',
    'DATETIME_FORMAT',
    'VOUCHER_NOT_FOUND',
    'VOUCHER_NAME_AMBIGUOUS',
    'CM_NOT_FOUND',
    'VOUCHER_FINISHED',
    'VOUCHER_NOT_STARTED',
    'VOUCHER_EXPIRED',
    'CM_OUT_OF_RANGE',
    'VOUCHER_SOLD_OUT',
    'EACH_CM_LIMIT',
  ]),
  waiqin('getCmInfos', 'get-cm-infos', 'Customers holding a voucher', false, [
    'VOUCHER_ID_REQUIRED',
    'PAGE_NUMBER_INVALID',
    'PAGE_LENGTH_INVALID',
    'VOUCHER_NOT_FOUND',
  ]),
  waiqin('queryVoucherUsedInfo', 'query-voucher-used-info', 'Holdings of a voucher by use status', false, [
    'VOUCHER_ID_REQUIRED',
    'VOUCHER_STATUS_INVALID',
    'VOUCHER_NOT_FOUND',
  ]),
];

const byId = new Map(operations.map((op) => [op.id, op]));

/** The operation with this id; throws on an unknown id (a typo is a bug, not a 404). */
export function operation(id: string): Operation {
  const op = byId.get(id);
  if (!op) throw new Error(`unknown operation ${id}`);
  return op;
}

/** The operations of one vendor, in catalogue order. */
export function operationsOf(vendor: Vendor): Operation[] {
  return operations.filter((op) => op.vendor === vendor);
}
