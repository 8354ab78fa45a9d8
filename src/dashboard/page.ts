import { dashboardClient } from './client.js';
import { DASHBOARD_CSS } from './styles.js';
import { DASHBOARD_API } from './read-api.js';

/** Where the page lives. */
export const DASHBOARD_PATH = '/_sandbox/ui';

const ADVANCE = [
  ['+1 h', 3600],
  ['+1 day', 86_400],
  ['+7 days', 604_800],
] as const;

/**
 * The dashboard page: one self-contained HTML document (style and script inline, so a page opened
 * with `?sandbox_token=` needs nothing else from the guarded surface, and nothing comes from a CDN).
 * The script is the text of `dashboardClient`; `__name` is defined for it because tsx (`npm run
 * dev`) compiles with esbuild's keepNames, which calls that helper inside function bodies. The empty
 * inline icon stops browsers (Firefox on every load) asking for `/favicon.ico`: that 404 would show
 * in the request log as a failure the user never made.
 */
export function dashboardPage(): string {
  const script = `var __name = function (f) { return f; };\n(${String(dashboardClient)})(${JSON.stringify(DASHBOARD_API)});`;
  const advance = ADVANCE.map(([label, seconds]) => `<button type="button" data-advance="${seconds}">${label}</button>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>coupon-sandbox dashboard</title>
<link rel="icon" href="data:,">
<style>${DASHBOARD_CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
  <p class="brand"><a href="#/">coupon-sandbox</a></p>
  <nav id="nav" aria-label="Sections">
    <a href="#/">Overview</a>
    <a href="#/list/cards">Cards</a>
    <a href="#/list/codes">Codes</a>
    <a href="#/list/stocks">Stocks</a>
    <a href="#/list/coupons">Coupons</a>
    <a href="#/list/vouchers">Vouchers</a>
    <a href="#/list/customers">Customers</a>
    <a href="#/requests" data-feature="requests" hidden>Requests</a>
    <a href="#/notifications" data-feature="notifications" hidden>Notifications</a>
    <a href="#/snapshots" data-feature="snapshots" hidden>Snapshots</a>
  </nav>
  <section class="controls" aria-label="Clock and world">
    <p class="clock">Sandbox time (Asia/Shanghai): <output id="clock-now" aria-live="off">…</output></p>
    <div class="clock-buttons" role="group" aria-label="Move the clock">
      <button type="button" id="clock-freeze" data-frozen="false">Freeze</button>${advance}
    </div>
    <form id="clock-set-form" class="inline">
      <label for="clock-set">Set to (Shanghai)</label>
      <input id="clock-set" type="datetime-local" step="1">
      <button type="submit">Set clock</button>
    </form>
    <form id="reset-form" class="inline">
      <label for="reset-seed">Seed</label>
      <input id="reset-seed" type="number" min="0" inputmode="numeric" placeholder="start-up seed">
      <button type="submit">Reset world</button>
    </form>
    <span id="world-slot"></span>
  </section>
</header>
<p id="status" class="status" role="status" aria-live="polite"></p>
<main id="main" tabindex="-1"></main>
<noscript><p>The dashboard needs JavaScript. The same data: GET /_sandbox/ui/api/overview.</p></noscript>
<script>${script.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>`;
}
