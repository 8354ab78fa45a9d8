import type { Env, Hono } from 'hono';
import { appSetupOf } from '../http/app.js';
import { DASHBOARD_PATH, dashboardPage } from './page.js';
import { mountDashboardApi } from './read-api.js';

/**
 * No script or style from anywhere but the page itself, no framing (the page has a reset button:
 * another site must not overlay it), fetches to this sandbox only.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/**
 * Mounts the dashboard on an app built by `createApp`: its JSON API (src/dashboard/read-api.ts, on
 * the app's own world resolution), the page at `/_sandbox/ui` (under the control guard, like the
 * rest of `/_sandbox/`), and `GET /` sending the browser there. The Node server mounts it
 * (src/node.ts), so the msw bundle carries none of it.
 */
export function mountDashboard<E extends Env>(app: Hono<E>): void {
  mountDashboardApi(app, appSetupOf(app));
  let page: string | undefined;
  const serve = () => new Response((page ??= dashboardPage()), { headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS } });
  app.get(DASHBOARD_PATH, serve);
  app.get(`${DASHBOARD_PATH}/`, serve);
  app.get('/', (c) => {
    const search = new URL(c.req.url).search;
    return c.redirect(`${DASHBOARD_PATH}${search}`, 302);
  });
}
