/**
 * A bench server for the shared-store section: `tsx shared-server.ts <codes> [redis URL]`. Serves
 * a sandbox (memory only, or one instance of a shared store). With `codes` > 0 it also creates
 * that many bulk WeChat codes and a token, writes them to a JSON file and prints
 * `ready <url> <file>`; with 0 it joins (the store already holds them) and prints `ready <url> -`.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSandbox } from '../../node.js';
import type { WechatState } from '../../engine/wechat/model.js';

const [count, store] = [Number(process.argv[2] ?? 0), process.argv[3]];
const running = await openSandbox({ port: 0, ...(store && { store }) });
const sandbox = running.sandbox;
let file = '-';
if (count > 0) {
  // With a shared store a control action answers once the log has applied it: a promise.
  const bulk = await Promise.resolve(sandbox.wechat.bulkCodes({ count }));
  const creds = sandbox.wechat.credentials();
  const token = ((await (await sandbox.app.request(creds.token_url)).json()) as { access_token: string }).access_token;
  const codes = sandbox.world.store<WechatState>('wechat').read((s) => s.codes.code.slice(s.codes.size - bulk.count, s.codes.size));
  file = join(tmpdir(), `shared-bench-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ codes, token }));
}
console.log(`ready ${running.url} ${file}`);
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
