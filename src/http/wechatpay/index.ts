import type { Context } from 'hono';
import { errorEntry } from '../../errors/catalogue.js';
import type { VendorError } from '../../engine/vendor-error.js';
import type { Sandbox } from '../../sandbox.js';
import type { VendorHttp } from '../vendor-http.js';

/** wechatpay routes. (Skeleton: the wechatpay issue fills it in.) */
export function wechatpayHttp(_sandbox: Sandbox): VendorHttp {
  return {
    vendor: 'wechatpay',
    prefixes: ['/v3/'],
    systemErrorKey: 'SYSTEM_ERROR',
    mount() {},
    renderError(c: Context, error: VendorError) {
      const entry = errorEntry('wechatpay', error.key);
      return c.json({ code: entry.code, message: entry.message }, entry.status as 200);
    },
    notFound(c: Context) {
      return c.json({ code: 'NOT_FOUND', message: 'not found' }, 404);
    },
  };
}
