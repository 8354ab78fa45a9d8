/**
 * A benchmark server in its own process (so the load generator and the server do not share a
 * core): `baseline` is a bare Hono + @hono/node-server handler returning a fixed JSON body, the
 * yardstick every row is compared with; `sandbox` is the real sandbox. The parent talks to it over
 * IPC: it learns the URL, asks for resident memory, and asks the sandbox to load N codes.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox } from '../../sandbox.js';

type Message = { type: 'rss' } | { type: 'cpu' } | { type: 'call'; id: number; fn: string; args: unknown[] };

const mode = process.argv[2] ?? 'baseline';
const seed = Number(process.argv[3] ?? '1');
let sandbox: Sandbox | undefined;

function fixed(): Hono {
  const app = new Hono();
  const body = { errcode: 0, errmsg: 'ok' };
  app.all('*', (c) => c.json(body));
  return app;
}

const fetchHandler = mode === 'sandbox' ? (sandbox = createSandbox({ seed })).app.fetch : fixed().fetch;

serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${info.port}` });
});

// Nothing can reject here (the only await is inside try/catch), so the listener's promise may go unobserved.
// eslint-disable-next-line @typescript-eslint/no-misused-promises
process.on('message', async (message: Message) => {
  if (message.type === 'rss') {
    globalThis.gc?.();
    process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
    return;
  }
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', micros: user + system });
    return;
  }
  if (message.type === 'call') {
    try {
      // Calls a function exported by ./child-actions.ts with the child's sandbox.
      const actions = (await import('./child-actions.js')) as Record<string, (s: Sandbox, ...a: unknown[]) => unknown>;
      const started = performance.now();
      const value = await actions[message.fn]!(sandbox!, ...message.args);
      process.send?.({ type: 'result', id: message.id, value, ms: performance.now() - started });
    } catch (error) {
      process.send?.({ type: 'result', id: message.id, error: String((error as Error).stack ?? error) });
    }
  }
});
