/** The dashboard's stylesheet: system fonts, readable at laptop widths, visible focus, errors in red. */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --bad: #b3261e; --bad-bg: #fdecea; --ok: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--fg); background: #f6f8fa; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f0a000; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 4px 8px; }
.skip:focus { left: 8px; z-index: 10; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 8px 16px; display: grid; gap: 6px; }
.brand { margin: 0; font-weight: 700; }
.brand a { color: var(--fg); text-decoration: none; }
nav#nav { display: flex; flex-wrap: wrap; gap: 4px 14px; }
nav#nav a[aria-current="page"] { font-weight: 700; text-decoration: none; border-bottom: 2px solid var(--accent); }
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px; }
.controls p { margin: 0; }
.inline { display: inline-flex; gap: 6px; align-items: center; }
button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: #f6f8fa; cursor: pointer; }
button:hover { background: #eaeef2; }
input, select, textarea { font: inherit; padding: 2px 6px; border: 1px solid #8c959f; border-radius: 4px; }
textarea { width: 100%; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
#clock-now { font-variant-numeric: tabular-nums; font-weight: 600; }
.status { margin: 0; padding: 4px 16px; min-height: 1.6em; }
.status.ok { color: var(--ok); }
.status.error, .error { color: var(--bad); background: var(--bad-bg); }
main { padding: 8px 16px 40px; max-width: 1400px; }
main:focus { outline: none; }
h1 { font-size: 1.4em; margin: 8px 0; }
h2 { font-size: 1.1em; margin: 14px 0 6px; }
h3 { font-size: 1em; margin: 8px 0 4px; }
.vendors { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px; }
.vendor { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
table { border-collapse: collapse; background: #fff; margin: 6px 0; }
caption { text-align: left; font-weight: 600; padding: 2px 0; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
td { font-variant-numeric: tabular-nums; word-break: break-all; }
table.counts { min-width: 260px; }
table.counts td { text-align: right; }
tr.failed, tr.failed td { background: var(--bad-bg); }
tr.failed .outcome { color: var(--bad); }
.search { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 8px 0; }
.search input[type="search"] { min-width: 320px; }
.hint { color: var(--muted); font-size: 0.9em; }
.pager { display: flex; gap: 16px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: #ddf4ff; font-weight: 600; }
.badge.state-CONSUMED, .badge.state-USED, .badge.state-used { background: #dafbe1; }
.badge.state-EXPIRE, .badge.state-EXPIRED, .badge.state-DELETE, .badge.state-DELETED, .badge.state-UNAVAILABLE, .badge.state-DEACTIVATED { background: #ffebe9; }
@media (min-width: 1100px) { .entity { display: grid; grid-template-columns: minmax(0, 1fr) 440px; gap: 16px; align-items: start; } .entity .actions { position: sticky; top: 8px; margin-top: 0; } }
.actions { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin-top: 12px; }
form.action { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 4px 0; }
.ask { display: inline-flex; gap: 4px; align-items: center; }
pre.json { background: #fff; border: 1px solid var(--line); padding: 8px; overflow: auto; max-height: 420px; font-size: 12.5px; }
.credentials dl { display: grid; grid-template-columns: max-content 1fr max-content; gap: 4px 8px; align-items: start; }
.credentials dd { margin: 0; word-break: break-all; }
.notification { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; margin: 8px 0; }
.notification.failed { border-color: var(--bad); }
@media (max-width: 720px) { .search input[type="search"] { min-width: 0; width: 100%; } }
`;
