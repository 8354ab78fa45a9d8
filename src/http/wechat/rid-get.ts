import { VendorError } from '../../engine/vendor-error.js';
import { maskSecrets } from '../../pipeline/log-mask.js';
import { rule } from '../../pipeline/vendor-module.js';

/** WeChat keeps a rid's request for 7 days (VENDOR-BEHAVIOUR.md A.5). */
const RETENTION_MS = 7 * 24 * 3600_000;
const RID_FORM = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

/**
 * `POST /cgi-bin/openapi/rid/get {"rid"}`: the request a WeChat error's rid belongs to, from the
 * world's request ring, in WeChat's format (VENDOR-BEHAVIOUR.md A.5): 76002 for a malformed rid,
 * 76001 for one never answered (or older than 7 days, or evicted from the ring), 76003 for a rid
 * of another app.
 */
export const ridGetRule = rule((_state: unknown, input: { rid: string }, ctx) => {
  if (!RID_FORM.test(input.rid)) throw new VendorError('wechat', '76002');
  const found = ctx.world.requests.findRid(input.rid);
  if (!found || ctx.now - found.at > RETENTION_MS) throw new VendorError('wechat', '76001');
  if (found.caller !== undefined && found.caller !== ctx.caller) throw new VendorError('wechat', '76003');
  const path = maskSecrets(found.path);
  const query = path.indexOf('?');
  return {
    request: {
      invoke_time: Math.floor(found.at / 1000),
      cost_in_ms: Math.round(found.ms),
      request_url: query < 0 ? '' : path.slice(query + 1),
      request_body: found.requestBody,
      response_body: found.responseBody,
      client_ip: '127.0.0.1',
    },
  };
});
