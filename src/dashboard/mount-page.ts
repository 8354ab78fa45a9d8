import type { Env, Hono } from 'hono';
import { DASHBOARD_PATH, dashboardPage } from './page.js';

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
 * Mounts the dashboard page at `/_sandbox/ui` (under the control guard, like the rest of
 * `/_sandbox/`) and sends `GET /` there. The Node server mounts it (src/node.ts), so the msw bundle
 * does not carry the page; the JSON it reads is part of every app (src/dashboard/read-api.ts).
 */
export function mountDashboardPage<E extends Env>(app: Hono<E>): void {
  let page: string | undefined;
  const serve = () => new Response((page ??= dashboardPage()), { headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS } });
  app.get(DASHBOARD_PATH, serve);
  app.get(`${DASHBOARD_PATH}/`, serve);
  app.get('/', (c) => {
    const search = new URL(c.req.url).search;
    return c.redirect(`${DASHBOARD_PATH}${search}`, 302);
  });
}
