import type { Context } from 'hono';
import { errorEntry } from '../../errors/catalogue.js';
import type { VendorError } from '../../engine/vendor-error.js';
import type { Sandbox } from '../../sandbox.js';
import type { VendorHttp } from '../vendor-http.js';

/** wechat routes. (Skeleton: the wechat issue fills it in.) */
export function wechatHttp(_sandbox: Sandbox): VendorHttp {
  return {
    vendor: 'wechat',
    prefixes: ['/cgi-bin/', '/card/', '/datacube/'],
    systemErrorKey: '-1',
    mount() {},
    renderError(c: Context, error: VendorError) {
      const entry = errorEntry('wechat', error.key);
      return c.json({ code: entry.code, message: entry.message }, entry.status as 200);
    },
    notFound(c: Context) {
      return c.json({ code: 'NOT_FOUND', message: 'not found' }, 404);
    },
  };
}
