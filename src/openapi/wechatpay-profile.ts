import { schemaId } from '../schema/registry.js';
import type { HeaderObject } from './openapi-types.js';
import type { VendorProfile } from './vendor-profile.js';
import { namedExamples } from './named-examples.js';

const ERROR_SCHEMA = schemaId('wechatpay/error.json');

/** The six headers src/http/wechatpay/respond.ts puts on every v3 answer, errors included. */
const RESPONSE_HEADERS: Record<string, HeaderObject> = {
  'Request-ID': {
    description: "WeChat Pay's id of this request (quote it to support); on every answer.",
    required: true,
    schema: { type: 'string', minLength: 1 },
  },
  'Wechatpay-Timestamp': {
    description:
      "Unix seconds when the answer was signed (the host's wall clock, even when the sandbox clock was moved, because SDKs reject a timestamp more than 300 s from their own clock).",
    required: true,
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  'Wechatpay-Nonce': { description: 'Random string of the response signature.', required: true, schema: { type: 'string', minLength: 1 } },
  'Wechatpay-Serial': {
    description:
      "What signed the answer: the serial of the merchant's platform certificate (see `GET /v3/certificates`), or its WeChat Pay public key id `PUB_KEY_ID_...` (public-key merchants; migrating merchants when the request carried that id in its own `Wechatpay-Serial` header).",
    required: true,
    schema: { type: 'string', minLength: 1 },
  },
  'Wechatpay-Signature': {
    description:
      'Base64 SHA256withRSA signature by the key `Wechatpay-Serial` names over `TIMESTAMP\\nNONCE\\nBODY\\n` (BODY: the exact response body, empty when there is none, as for a 204).',
    required: true,
    schema: { type: 'string', minLength: 1 },
  },
  'Wechatpay-Signature-Type': {
    description: 'The signature algorithm.',
    required: true,
    schema: { type: 'string', const: 'WECHATPAY2-SHA256-RSA2048' },
  },
};

/**
 * WeChat Pay API v3 (busifavor and certificates): a signed `Authorization` header, success with
 * 200, errors as `{"code","message","detail?"}` with the catalogue entry's HTTP status, and the
 * platform's signature headers on every answer.
 *
 * @example
 * vendorDocument(wechatpayProfile, operationsOf('wechatpay'), '0.1.0');
 */
export const wechatpayProfile: VendorProfile = {
  vendor: 'wechatpay',
  title: 'WeChat Pay API v3 merchant coupons, busifavor (coupon-sandbox)',
  description: [
    'WeChat Pay API v3 商家券 (busifavor) and the platform certificates, as coupon-sandbox emulates them.',
    '',
    '- **Auth**: every request carries `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"` (see the `WechatPayV3` security scheme for the signing recipe).',
    '- **Answers**: success is HTTP 200 with JSON (204 with no body for `PATCH /v3/marketing/busifavor/stocks/{stock_id}`); an error is `{"code": "...", "message": "...", "detail": {...}?}` with the HTTP status of the error (400, 401, 403, 404, 429, 500). Every answer, errors included, carries `Request-ID` and the `Wechatpay-*` signature headers; verify a 2xx answer with the platform certificate or WeChat Pay public key named by `Wechatpay-Serial`.',
    "- **Errors**: each operation lists every catalogued error it can answer, grouped by HTTP status, as named examples (the example name is the sandbox's catalogue key; several keys share one `code` with different messages).",
    '- **Sandbox**: the TEST-ONLY merchant key, serials and certificates come from `GET /_sandbox/credentials`; `POST /_sandbox/wechatpay/authorization` signs a request for clients without an SDK; `--lenient-auth` accepts any Authorization header.',
  ].join('\n'),
  securitySchemes: {
    WechatPayV3: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: [
        '`WECHATPAY2-SHA256-RSA2048 mchid="MCHID",nonce_str="NONCE",timestamp="UNIX_SECONDS",serial_no="MERCHANT_CERT_SERIAL",signature="SIGNATURE"` — the five items in any order, each once.',
        '',
        'SIGNATURE = Base64(SHA256withRSA(merchant API private key, `METHOD\\nPATH_AND_QUERY\\nUNIX_SECONDS\\nNONCE\\nBODY\\n`)), where PATH_AND_QUERY is the URL as sent without scheme and host (query string included), and BODY is the exact request body (empty for GET, so the string ends in `\\n\\n`).',
        '',
        "The timestamp must be within 300 s of now; serial_no is the merchant API certificate's serial. Failures are HTTP 401 `SIGN_ERROR` (header garbled or missing, other scheme, stale timestamp, wrong serial, unknown mchid, signature mismatch).",
      ].join('\n'),
    },
  },
  security: [{ WechatPayV3: [] }],
  responseMediaType: 'application/json; charset=utf-8',
  responseHeaders: RESPONSE_HEADERS,
  errorSchema: ERROR_SCHEMA,
  errorBody: (entry) => ({ code: String(entry.code), message: entry.message }),
  okSchema: (op, components) => components.ref(op.response),
  okExamples: (op) => namedExamples(op.response, 'ok'),
};
