import type { Operation } from '../operations.js';
import { schemaId } from '../schema/registry.js';
import type { ParameterObject } from './openapi-types.js';
import type { VendorProfile } from './vendor-profile.js';
import { namedExamples } from './named-examples.js';

const ENVELOPE = schemaId('waiqin/envelope.json');
/** The msg_id the vendor page's examples echo. */
const EXAMPLE_MSG_ID = 'X000001';

/** What the signer needs to know about each path segment (src/http/waiqin/path.ts, digest.ts). */
const PATH_PARAMETERS: Record<string, Omit<ParameterObject, 'name' | 'in' | 'required'>> = {
  openid: {
    description: "The tenant's 19-character openid issued by waiqin365 (the sandbox's: `GET /_sandbox/credentials`). Unknown: UNKNOWN_OPENID.",
    schema: { type: 'string', minLength: 1 },
  },
  timestamp: {
    description:
      'Local Asia/Shanghai time as `yyyyMMddHHmmss`; the sandbox accepts 600 s either side of its clock (BAD_TIMESTAMP when unreadable, STALE_TIMESTAMP when outside).',
    schema: { type: 'string', pattern: '^[0-9]{14}$' },
  },
  digest: {
    description:
      "Lowercase hex MD5 of the UTF-8 string `<raw request body>|<appkey>|<timestamp>`: the exact body bytes sent, the tenant's 18-character appkey (never sent) and the timestamp segment. Mismatch: BAD_DIGEST.",
    schema: { type: 'string', pattern: '^[0-9a-f]{32}$' },
  },
  msg_id: {
    description: 'Caller-chosen message id (a UUID is usual), at most 64 characters, echoed as `msg_id` in the answer.',
    schema: { type: 'string', minLength: 1, maxLength: 64 },
  },
};

/**
 * waiqin365 vouchers: `POST /api/voucher/v1/{method}/{openid}/{timestamp}/{digest}/{msg_id}`,
 * authenticated by the MD5 digest in the path (OpenAPI has no security scheme for a path
 * segment, so the recipe is on the `digest` parameter), every answer an HTTP 200 envelope whose
 * `response_data` is a JSON-encoded string (described with `contentMediaType`/`contentSchema`).
 *
 * @example
 * vendorDocument(waiqinProfile, operationsOf('waiqin'), '0.1.0');
 */
export const waiqinProfile: VendorProfile = {
  vendor: 'waiqin',
  title: 'waiqin365 voucher OpenAPI (coupon-sandbox)',
  description: [
    'The waiqin365 (勤策) voucher (优惠券) OpenAPI as coupon-sandbox emulates it.',
    '',
    '- **Request**: `POST /api/voucher/v1/{method}/{openid}/{timestamp}/{digest}/{msg_id}` with a JSON body, `Content-Type: application/json`.',
    "- **Auth**: no header. `digest` = lowercase hex MD5 of `<raw body>|<appkey>|<timestamp>` (UTF-8), where the body part is the exact bytes sent (sign the string, then send that string unchanged) and `appkey` is the tenant's signing secret. In the sandbox, the openid and appkey come from `GET /_sandbox/credentials`, and `POST /_sandbox/waiqin/sign` returns a signed path.",
    '- **Answers**: always **HTTP 200**, `application/json;charset=UTF-8`, the envelope `{"return_code", "return_msg", "msg_id", "response_data"}`. `return_code` is `"0"` on success (a number with the sandbox option `waiqinReturnCode: \'number\'`); `response_data` is the operation\'s data **as a JSON-encoded string**, or null (finishVoucher, modifyVoucherEndDate, every error).',
    '- **Errors**: each operation lists every catalogued error as a named example of its 200 response (`return_code` ≠ "0", the Chinese `return_msg`, `response_data` null). The checks run in a fixed order, so the first problem is the one reported: path shape, HTTP method, method name, timestamp format, openid, timestamp window, body size, digest, JSON, then the body\'s schema and the voucher rules.',
  ].join('\n'),
  responseMediaType: 'application/json;charset=UTF-8',
  errorSchema: ENVELOPE,
  errorBody: (entry) => ({ return_code: String(entry.code), return_msg: entry.message, msg_id: EXAMPLE_MSG_ID, response_data: null }),
  okSchema: (op, components) => ({
    description: "The envelope of a success or an error (both HTTP 200). On success `response_data` holds the operation's data, JSON-encoded.",
    allOf: [
      components.ref(ENVELOPE),
      {
        properties: {
          response_data: { contentMediaType: 'application/json', contentSchema: components.ref(dataSchema(op)) },
        },
      },
    ],
  }),
  okExamples: (op) =>
    namedExamples(dataSchema(op), 'ok', (data) => ({
      return_code: '0',
      return_msg: null,
      msg_id: EXAMPLE_MSG_ID,
      response_data: data === null ? null : JSON.stringify(data),
    })),
  pathParameter: (name) => {
    const parameter = PATH_PARAMETERS[name];
    if (!parameter) throw new Error(`openapi: no description of the waiqin365 path segment {${name}}`);
    return parameter;
  },
};

function dataSchema(op: Operation): string {
  if (!op.responseData) throw new Error(`openapi: waiqin365 operation ${op.id} names no responseData schema`);
  return op.responseData;
}
