/**
 * The dashboard's read API at scale: search and paging latency with the seeded world (~10^2 codes)
 * and with 10^6 bulk codes more, in process (`app.request`, no socket noise), against a baseline
 * measured in the same run: `GET /_sandbox/clock`, the cheapest route through the same app and
 * control guard. Each figure is the median of interleaved rounds.
 */
import { mountDashboard } from '../../dashboard/mount-page.js';
import { createSandbox, type Sandbox } from '../../sandbox.js';
import { median, rotate } from './stats.js';
import { count, markdownTable, ratio } from './table.js';

interface Probe {
  label: string;
  path: string;
}

const ROUNDS = 7;

async function timeOne(sandbox: Sandbox, path: string, repeat: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < repeat; i++) {
    const response = await sandbox.app.request(path);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    await response.arrayBuffer();
  }
  return (performance.now() - started) / repeat;
}

/** Milliseconds per request of each probe, medians over interleaved rounds. */
async function measure(sandbox: Sandbox, probes: Probe[], repeat: number): Promise<number[]> {
  const samples = probes.map(() => [] as number[]);
  for (const probe of probes) await timeOne(sandbox, probe.path, 2); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const index of rotate(
      probes.map((_, i) => i),
      round,
    )) {
      samples[index]!.push(await timeOne(sandbox, probes[index]!.path, repeat));
    }
  }
  return samples.map(median);
}

function probesOf(sandbox: Sandbox, card: string, openid: string, code: string, size: number): Probe[] {
  const api = '/_sandbox/ui/api';
  return [
    { label: 'baseline: GET /_sandbox/clock', path: '/_sandbox/clock' },
    { label: 'codes, first page', path: `${api}/lists/codes?limit=20` },
    { label: 'codes, a page in the middle', path: `${api}/lists/codes?limit=20&offset=${Math.floor(size / 2)}` },
    { label: 'codes by code', path: `${api}/lists/codes?q=${code}` },
    { label: 'codes by openid', path: `${api}/lists/codes?q=${openid}&by=openid` },
    { label: 'codes by card (first page)', path: `${api}/lists/codes?q=${card}&by=card` },
    { label: 'code page', path: `${api}/entities/code/${code}?card_id=${card}` },
    { label: 'overview (counts every code)', path: `${api}/overview` },
    { label: 'coupons by openid', path: `${api}/lists/coupons?q=${sandbox.wechatpay.credentials().openids[0]}&by=openid` },
  ];
}

export async function dashboardSection(quick: boolean): Promise<string> {
  const big = quick ? 100_000 : 1_000_000;
  const sandbox = createSandbox({ seed: 1, bulkCodeLimits: { perApp: big * 2, perProcess: big * 2 } });
  mountDashboard(sandbox.app);
  const seeded = sandbox.wechat.identities().apps[0]!;
  const held = seeded.users.find((u) => u.codes.length > 0)!;
  const small = probesOf(sandbox, held.codes[0]!.card_id, held.openid, held.codes[0]!.code, 40);
  const smallMs = await measure(sandbox, small, 20);

  const made = sandbox.wechat.bulkCodes({ count: big });
  const page = (await (await sandbox.app.request(`/_sandbox/ui/api/lists/codes?q=${made.card_id}&by=card&offset=${big - 1}&limit=1`)).json()) as {
    rows: { ref: { id: string }; cells: { openid: string } }[];
  };
  const last = page.rows[0]!;
  const large = probesOf(sandbox, made.card_id, last.cells.openid, last.ref.id, big);
  const largeMs = await measure(sandbox, large, 3);
  const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`);
  const rows = small.map((probe, i) => [probe.label, fmt(smallMs[i]!), fmt(largeMs[i]!), ratio(smallMs[i]!, smallMs[0]!), ratio(largeMs[i]!, largeMs[0]!)]);
  return [
    `Seeded world, then ${count(big)} bulk codes of one card more (${count(big + 40)} codes); in process, median of ${ROUNDS} interleaved rounds. ` +
      'The 10^6 column searches the bulk card and its last code and holder.',
    '',
    markdownTable(['request', 'seeded', `+${count(big)} codes`, 'vs baseline (seeded)', `vs baseline (+${count(big)})`], rows),
  ].join('\n');
}
