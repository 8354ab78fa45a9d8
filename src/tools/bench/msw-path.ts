/**
 * The msw transport's cost: time per request through the sandbox handlers (setupServer
 * intercepting Node's fetch) versus a trivial msw handler returning a fixed JSON body, measured in
 * the same process, same request count.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createSandboxHandlers } from '../../../mocks/index.js';
import { codeGet, invalidCodeGet } from './child-actions.js';

export interface MswResult {
  trivialUs: number;
  sandboxUs: number;
  /** The same code/get failing validation (47001): in-process, without socket noise. */
  invalidUs: number;
}

async function timeRequests(count: number, send: () => Promise<Response>): Promise<number> {
  for (let i = 0; i < 500; i++) await (await send()).arrayBuffer(); // warm-up
  const started = performance.now();
  for (let i = 0; i < count; i++) await (await send()).arrayBuffer();
  return ((performance.now() - started) / count) * 1000;
}

export async function measureMsw(count: number): Promise<MswResult> {
  const trivial = setupServer(http.post('https://api.weixin.qq.com/card/code/get', () => HttpResponse.json({ errcode: 0, errmsg: 'ok' })));
  trivial.listen({ onUnhandledRequest: 'error' });
  const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":"1"}' };
  const trivialUs = await timeRequests(count, () => fetch('https://api.weixin.qq.com/card/code/get', request));
  trivial.close();

  const { handlers, sandbox } = createSandboxHandlers({ seed: 1 });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const send = (req: { path: string; method: string; headers?: Record<string, string>; body?: string }) => () =>
    fetch(`https://api.weixin.qq.com${req.path}`, { method: req.method, headers: req.headers, body: req.body });
  const ok = send(codeGet(sandbox));
  const bad = send(invalidCodeGet(sandbox));
  // Alternate the two in halves so neither always runs on a warmer process.
  const half = Math.floor(count / 2);
  const a1 = await timeRequests(half, ok);
  const b1 = await timeRequests(half, bad);
  const b2 = await timeRequests(half, bad);
  const a2 = await timeRequests(half, ok);
  server.close();
  return { trivialUs, sandboxUs: (a1 + a2) / 2, invalidUs: (b1 + b2) / 2 };
}
