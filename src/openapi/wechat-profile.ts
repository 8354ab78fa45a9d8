import { schemaId } from '../schema/registry.js';
import type { VendorProfile } from './vendor-profile.js';
import { namedExamples } from './named-examples.js';

/** A trace suffix in WeChat's current style (the format VENDOR-BEHAVIOUR.md A.1 quotes from real answers). */
const EXAMPLE_RID = '6aac0064-355b48ab-4c5b487e';
const ERROR_SCHEMA = schemaId('wechat/error.json');

/**
 * WeChat Cards & Offers: `access_token` in the query, every answer HTTP 200 with
 * `application/json; charset=utf-8` (src/http/wechat/envelope.ts), errors as
 * `{"errcode","errmsg"}` in the same 200, so the 200 schema is "success or error".
 *
 * @example
 * vendorDocument(wechatProfile, operationsOf('wechat'), '0.1.0');
 */
export const wechatProfile: VendorProfile = {
  vendor: 'wechat',
  title: 'WeChat Cards & Offers (coupon-sandbox)',
  description: [
    'The WeChat Official Account card (卡券) APIs as coupon-sandbox emulates them: `/cgi-bin/token`, `/card/...` and `/datacube/...`.',
    '',
    "- **Auth**: every call but `GET /cgi-bin/token` carries `access_token` in the query string. A token is valid for 7200 s; issuing a new one keeps the previous one valid for 5 more minutes. The sandbox's appid and secret come from `GET /_sandbox/credentials`.",
    '- **Bodies**: POST APIs take a JSON body (an empty body is 44002, a body that is not JSON 47001).',
    '- **Answers**: always **HTTP 200**, `application/json; charset=utf-8`. An error is `{"errcode": N, "errmsg": "<message> rid: <trace>"}` with errcode ≠ 0, in the same 200; key on `errcode` only (the trace differs per call). Card API successes carry `"errcode": 0, "errmsg": "ok"`; token and datacube successes have no errcode.',
    '- **Errors**: each operation lists every catalogued errcode it can answer as a named example `errcode_<code>` of its 200 response, after the success examples. A wrong HTTP method is 43002 (POST required) or 43001 (GET required); a path under `/card`, `/datacube` or `/cgi-bin` that is no API is 40066.',
  ].join('\n'),
  securitySchemes: {
    access_token: {
      type: 'apiKey',
      in: 'query',
      name: 'access_token',
      description:
        'From `GET /cgi-bin/token?grant_type=client_credential&appid=APPID&secret=SECRET` (`access_token`, `expires_in` 7200). Missing: 41001; unknown: 40001; expired: 42001.',
    },
  },
  security: [{ access_token: [] }],
  operationSecurity: (op) => (op.vendor === 'wechat' && op.auth === 'app-secret' ? [] : undefined),
  responseMediaType: 'application/json; charset=utf-8',
  errorSchema: ERROR_SCHEMA,
  errorExampleName: (entry) => `errcode_${entry.key}`,
  errorBody: (entry) => ({ errcode: Number(entry.code), errmsg: `${entry.message} rid: ${EXAMPLE_RID}` }),
  okSchema: (op, components) => ({
    description: 'The success body, or a WeChat error (errcode ≠ 0): WeChat answers both with HTTP 200.',
    anyOf: [components.ref(op.response), components.ref(ERROR_SCHEMA)],
  }),
  okExamples: (op) => namedExamples(op.response, 'ok'),
};
