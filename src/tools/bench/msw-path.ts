/**
 * The msw transport's cost: time per request through the sandbox handlers (setupServer
 * intercepting Node's fetch) versus a trivial msw handler returning a fixed JSON body, all
 * registered in one setupServer in this process and timed in interleaved rounds (each round runs
 * the three in a rotated order), so JIT warm-up and machine noise hit them alike.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createSandboxHandlers } from '../../../mocks/index.js';
import { codeGet, invalidCodeGet } from './child-actions.js';
import { rotate } from './stats.js';
import { markdownTable } from './table.js';

export interface MswResult {
  trivialUs: number;
  sandboxUs: number;
  /** The same code/get failing validation (47001): in-process, without socket noise. */
  invalidUs: number;
}

const ROUNDS = 4;
/** A host no sandbox handler claims, for the trivial handler. */
const TRIVIAL = 'https://trivial.bench.invalid/card/code/get';

async function timeRequests(count: number, send: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await (await send()).arrayBuffer();
  return performance.now() - started;
}

export async function measureMsw(count: number): Promise<MswResult> {
  const { handlers, sandbox } = createSandboxHandlers({ seed: 1 });
  const server = setupServer(
    http.post(TRIVIAL, () => HttpResponse.json({ errcode: 0, errmsg: 'ok' })),
    ...handlers,
  );
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const send = (url: string, req: { method: string; headers?: Record<string, string>; body?: string }) => () =>
      fetch(url, { method: req.method, headers: req.headers, body: req.body });
    const ok = codeGet(sandbox);
    const bad = invalidCodeGet(sandbox);
    const kinds = {
      trivial: send(TRIVIAL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ok.body }),
      sandbox: send(`https://api.weixin.qq.com${ok.path}`, ok),
      invalid: send(`https://api.weixin.qq.com${bad.path}`, bad),
    };
    const names = Object.keys(kinds) as (keyof typeof kinds)[];
    for (const name of names) await timeRequests(300, kinds[name]); // warm-up
    const totals = { trivial: 0, sandbox: 0, invalid: 0 };
    const per = Math.ceil(count / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of rotate(names, round)) totals[name] += await timeRequests(per, kinds[name]);
    }
    const us = (ms: number) => (ms / (per * ROUNDS)) * 1000;
    return { trivialUs: us(totals.trivial), sandboxUs: us(totals.sandbox), invalidUs: us(totals.invalid) };
  } finally {
    server.close();
  }
}

/** The msw table: the trivial handler is the baseline, measured in the same process and rounds. */
export async function mswSection(count = 1200): Promise<string> {
  const r = await measureMsw(count);
  return markdownTable(
    ['msw path (setupServer, Node fetch)', 'time per request', 'vs trivial handler'],
    [
      ['trivial msw handler, fixed JSON, same request body (baseline)', `${r.trivialUs.toFixed(0)} µs`, '1.00x'],
      ['sandbox handlers, POST /card/code/get', `${r.sandboxUs.toFixed(0)} µs`, `${(r.sandboxUs / r.trivialUs).toFixed(2)}x`],
      ['sandbox handlers, POST /card/code/get failing validation (47001)', `${r.invalidUs.toFixed(0)} µs`, `${(r.invalidUs / r.trivialUs).toFixed(2)}x`],
    ],
  );
}
