/**
 * The memory half of the worlds benchmark, in its own process (`node --expose-gc`) so that its
 * resident memory is the sandbox's alone: RSS after creating N empty and N seeded worlds, and
 * whether every one of them still answers with its own credentials. Prints one JSON line.
 */
import { createSandbox } from '../../sandbox.js';

const count = Number(process.argv[2] ?? '1000');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function rss(): number {
  gc();
  gc();
  return process.memoryUsage().rss;
}

async function held(empty: boolean): Promise<{ perWorld: number; allAnswer: boolean }> {
  const sandbox = createSandbox({ maxWorlds: count });
  // One world first: the template of the seed and the JIT are paid before measuring.
  sandbox.worlds.remove(sandbox.worlds.create({ empty }).id);
  const before = rss();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(sandbox.worlds.create({ empty }).id);
  const after = rss();
  let allAnswer = true;
  for (const id of ids) {
    const { appid, secret } = sandbox.inWorld(id).wechat.credentials();
    const res = await sandbox.app.request(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
    const body = (await res.json()) as { access_token?: string };
    if (!body.access_token) allAnswer = false;
  }
  sandbox.worlds.clear();
  return { perWorld: (after - before) / count, allAnswer };
}

const empty = await held(true);
const seeded = await held(false);
console.log(JSON.stringify({ count, empty, seeded }));
