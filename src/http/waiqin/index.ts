import type { Context } from 'hono';
import { errorEntry } from '../../errors/catalogue.js';
import type { VendorError } from '../../engine/vendor-error.js';
import type { Sandbox } from '../../sandbox.js';
import type { VendorHttp } from '../vendor-http.js';

/** waiqin routes. (Skeleton: the waiqin issue fills it in.) */
export function waiqinHttp(_sandbox: Sandbox): VendorHttp {
  return {
    vendor: 'waiqin',
    prefixes: ['/api/'],
    systemErrorKey: 'FAILURE',
    mount() {},
    renderError(c: Context, error: VendorError) {
      const entry = errorEntry('waiqin', error.key);
      return c.json({ code: entry.code, message: entry.message }, entry.status as 200);
    },
    notFound(c: Context) {
      return c.json({ code: 'NOT_FOUND', message: 'not found' }, 404);
    },
  };
}
