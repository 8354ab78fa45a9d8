import { Hono, type Context } from 'hono';
import { VendorError } from '../engine/vendor-error.js';
import type { Sandbox } from '../sandbox.js';
import { renderControlError } from './control.js';
import { mountControlRoutes } from './control-routes.js';
import type { VendorHttp } from './vendor-http.js';
import { wechatHttp } from './wechat/index.js';
import { wechatpayHttp } from './wechatpay/index.js';
import { waiqinHttp } from './waiqin/index.js';

/**
 * The one Hono app every transport feeds: the Node server, the msw handlers and `app.request()` in
 * tests. Vendor paths do not overlap, so one app serves all three vendors plus `/_sandbox/`.
 */
export function createApp(sandbox: Sandbox): Hono {
  const app = new Hono();
  const vendors: VendorHttp[] = [wechatHttp(sandbox), wechatpayHttp(sandbox), waiqinHttp(sandbox)];
  const vendorOf = (path: string) => vendors.find((v) => v.prefixes.some((p) => path.startsWith(p)));

  mountControlRoutes(app, sandbox);
  for (const vendor of vendors) vendor.mount(app);

  app.notFound((c) => {
    const vendor = vendorOf(c.req.path);
    if (vendor) return vendor.notFound(c);
    return c.json({ error: { code: 'NOT_FOUND', message: `no sandbox route for ${c.req.method} ${c.req.path}` } }, 404);
  });

  app.onError((error, c: Context) => {
    if (c.req.path.startsWith('/_sandbox/')) {
      const rendered = renderControlError(c, error);
      if (rendered) return rendered;
    }
    if (error instanceof VendorError) {
      const vendor = vendors.find((v) => v.vendor === error.vendor);
      if (vendor) return vendor.renderError(c, error);
    }
    // Anything else is a sandbox bug: report it, and answer in the vendor's system-error envelope.
    sandbox.reportUnexpected(error, c.req.raw);
    const vendor = vendorOf(c.req.path);
    if (vendor) return vendor.renderError(c, new VendorError(vendor.vendor, vendor.systemErrorKey));
    return c.json({ error: { code: 'INTERNAL', message: 'sandbox internal error' } }, 500);
  });

  return app;
}
