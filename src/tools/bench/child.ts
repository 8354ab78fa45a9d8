/**
 * A benchmark server in its own process (pinned to the server core when pinning is on):
 * - `baseline`: a bare Hono + @hono/node-server handler returning a fixed JSON body, the yardstick
 *   every HTTP row is compared with;
 * - `baseline-async`: the same from an async handler (a Promise instead of a Response: the
 *   slower answer path of @hono/node-server, which any handler that awaits takes);
 * - `baseline-body`: async, reads and parses the JSON request body, and answers a body shaped and
 *   sized like code/get's (c.json of a fixed object, stringified per request): the floor of any
 *   Hono handler doing code/get's job, whatever it does in between;
 * - `sandbox`: the real sandbox through `serveSandbox`, from the built dist/ (what `npm start` runs);
 * - `sandbox-alt`: `serveSandbox` from another tree (BENCH_ALT_SANDBOX=/path/to/src/node.ts, or a
 *   built dist/src/node.js, in this child's environment), to compare versions of the code in the
 *   same run (a prototype, main vs a branch).
 * The parent talks to it over IPC: it learns the URL, asks for resident memory and CPU time, runs
 * set-up actions (child-actions.ts) and starts/stops the CPU profiler.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Sandbox } from '../../index.js';
import { serveSandbox } from '../../node.js';
import { startProfile, stopProfile } from './profiler.js';

export type ServerMode = 'baseline' | 'baseline-async' | 'baseline-body' | 'sandbox' | 'sandbox-alt';

type Message =
  | { type: 'rss' }
  | { type: 'cpu' }
  | { type: 'call'; id: number; fn: string; args: unknown[] }
  | { type: 'profile-start'; intervalUs: number }
  | { type: 'profile-stop' };

const mode = (process.argv[2] ?? 'baseline') as ServerMode;
const seed = Number(process.argv[3] ?? '1');
let sandbox: Sandbox | undefined;

/** Same keys and value lengths as a seeded code/get answer (232 bytes). */
const CODE_GET_SHAPED = {
  errcode: 0,
  errmsg: 'ok',
  card: { card_id: 'pm-Po68C-ZTKvVbufsJp5ilMoGKo', begin_time: 1796076251, end_time: 1827698651, code: '787942880368' },
  openid: 'oSbx000000000000000000000010',
  can_consume: true,
  user_card_status: 'NORMAL',
};

function fixed(kind: ServerMode): Hono {
  const app = new Hono();
  const body = { errcode: 0, errmsg: 'ok' };
  if (kind === 'baseline-body') app.all('*', async (c) => (c.req.method === 'POST' && (await c.req.json()), c.json(CODE_GET_SHAPED)));
  else if (kind === 'baseline-async') app.all('*', async (c) => c.json(body));
  else app.all('*', (c) => c.json(body));
  return app;
}

/**
 * The sandbox as `npm start` runs it: the compiled dist/ that `npm run bench` builds first. The
 * source under tsx is not the product (esbuild's name-keeping wrappers alone cost ~2 µs a request);
 * BENCH_FROM_SOURCE=1, or no build, serves the source instead.
 */
async function builtServeSandbox(): Promise<typeof serveSandbox> {
  const built = new URL('../../../dist/src/node.js', import.meta.url);
  if (process.env.BENCH_FROM_SOURCE === '1' || !existsSync(built)) return serveSandbox;
  return ((await import(built.href)) as { serveSandbox: typeof serveSandbox }).serveSandbox;
}

async function listen(): Promise<string> {
  if (mode === 'sandbox' || mode === 'sandbox-alt') {
    let serveFn = await builtServeSandbox();
    if (mode === 'sandbox-alt') {
      const alt = process.env.BENCH_ALT_SANDBOX;
      if (!alt) throw new Error('sandbox-alt needs BENCH_ALT_SANDBOX=/path/to/src/node.ts');
      serveFn = ((await import(pathToFileURL(alt).href)) as { serveSandbox: typeof serveSandbox }).serveSandbox;
    }
    const running = await serveFn({ port: 0, host: '127.0.0.1', seed });
    sandbox = running.sandbox;
    return running.url;
  }
  return new Promise((resolve) => {
    serve({ fetch: fixed(mode).fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
  });
}

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
  if (message.type === 'profile-start') {
    await startProfile(message.intervalUs);
    process.send?.({ type: 'profile-started' });
    return;
  }
  if (message.type === 'profile-stop') {
    process.send?.({ type: 'profile', profile: await stopProfile() });
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

// The parent is gone (finished, crashed, interrupted): never outlive it.
process.on('disconnect', () => process.exit(0));
void listen().then((url) => process.send?.({ type: 'ready', url }));
