/**
 * A bench server for the journal section: `tsx journal-server.ts <codes> [dataDir]`. Serves a
 * sandbox (lenient WeChat Pay auth) with `codes` bulk WeChat codes, writes what the load needs (the
 * codes, a token, a sent coupon) to a JSON file and prints `ready <url> <file>`.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSandbox } from '../../node.js';
import type { WechatState } from '../../engine/wechat/model.js';

const [count, dataDir] = [Number(process.argv[2] ?? 1000), process.argv[3]];
const running = await openSandbox({ port: 0, lenientAuth: true, ...(dataDir && { dataDir }) });
const sandbox = running.sandbox;
const bulk = sandbox.wechat.bulkCodes({ count });
const creds = sandbox.wechat.credentials();
const token = ((await (await sandbox.app.request(creds.token_url)).json()) as { access_token: string }).access_token;
const codes = sandbox.world.store<WechatState>('wechat').read((s) => s.codes.code.slice(s.codes.size - bulk.count, s.codes.size));
const pay = sandbox.wechatpay.credentials();
const sent = (await sandbox.call('wechatpay.busifavor-send-coupon', {
  openid: pay.openids[0]!,
  appid: pay.appids[0]!,
  stock_id: '98065001',
  out_request_no: `bench-${Date.now()}`,
})) as { coupon_code: string };
const file = join(tmpdir(), `journal-bench-${process.pid}.json`);
writeFileSync(file, JSON.stringify({ codes, token, coupon: sent.coupon_code, appid: pay.appids[0] }));
console.log(`ready ${running.url} ${file}`);
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
