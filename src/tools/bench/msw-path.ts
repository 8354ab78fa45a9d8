/**
 * The msw transport's cost: time per request through the sandbox handlers (setupServer
 * intercepting Node's fetch) versus a trivial msw handler returning a fixed JSON body, measured in
 * the same process, same request count.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createSandboxHandlers } from '../../../mocks/index.js';
import { codeGet } from './child-actions.js';

export interface MswResult {
  trivialUs: number;
  sandboxUs: number;
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
  const req = codeGet(sandbox);
  const sandboxUs = await timeRequests(count, () =>
    fetch(`https://api.weixin.qq.com${req.path}`, { method: req.method, headers: req.headers, body: req.body }),
  );
  server.close();
  return { trivialUs, sandboxUs };
}
