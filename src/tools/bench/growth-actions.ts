/**
 * Set-up steps of the state-growth rows (./state-growth.ts), run inside the server process: the
 * requests that add state with every answer (a token, a holding), and the engine calls that grow
 * that state to a given size without HTTP.
 */
import { addDays, formatDate } from '../../engine/shanghai-time.js';
import type { WaiqinState } from '../../engine/waiqin/model.js';
import { receiveVoucherInfo } from '../../engine/waiqin/operations.js';
import type { WechatState } from '../../engine/wechat/model.js';
import { issueToken } from '../../engine/wechat/tokens.js';
import { signWaiqinRequest } from '../../http/waiqin/signer.js';
import type { Sandbox } from '../../sandbox.js';
import type { LoadRequest } from './load.js';

/** GET /cgi-bin/token for the default app: every answer issues (and stores) a token. */
export function tokenRequest(sandbox: Sandbox): LoadRequest {
  const { appid, secret } = sandbox.wechat.credentials();
  return { method: 'GET', path: `/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}` };
}

/** Issues `count` more tokens through the engine rule; returns how many are remembered. */
export function issueTokens(sandbox: Sandbox, count: number): number {
  const { appid, secret } = sandbox.wechat.credentials();
  const store = sandbox.world.store<WechatState>('wechat');
  const request = { grant_type: 'client_credential', appid, secret };
  for (let i = 0; i < count; i++) store.transact((s) => issueToken(s, request, sandbox.clock.nowSeconds()));
  return tokenCount(sandbox);
}

/** Tokens the world remembers. */
export function tokenCount(sandbox: Sandbox): number {
  return sandbox.world.store<WechatState>('wechat').read((s) => s.tokens.size);
}

/** A voucher CUS010103 may receive 99 999 times (the vendor's cap on num). */
async function roomyVoucher(sandbox: Sandbox, name: string): Promise<string> {
  const today = formatDate(sandbox.clock.now());
  const body = { name, startDate: today, endDate: addDays(today, 30), money: '10', doorsillType: 'N', payType: 'UNLIMITED', grantType: 'HDFF', eachCmNum: 99999, num: 99999, tradeRange: '2', cmCode: 'CUS010103', prodMode: 'ALL' };
  const answer = (await sandbox.call('waiqin.addVoucherInfo', body as never)) as { response_data: string };
  return JSON.parse(answer.response_data).voucherId as string;
}

let measured: string | undefined;

/** A signed receiveVoucherInfo of the measured voucher: every answer adds a holding. */
export async function receiveRequest(sandbox: Sandbox): Promise<LoadRequest> {
  measured ??= await roomyVoucher(sandbox, 'bench measured');
  const cmId = sandbox.waiqin.world().customers.find((c) => c.code === 'CUS010103')!.id;
  const creds = sandbox.waiqin.credentials() as { openid: string; appkey: string };
  const body = JSON.stringify({ voucherId: measured, cmId });
  const signed = signWaiqinRequest({ method: 'receiveVoucherInfo', body, openid: creds.openid, appkey: creds.appkey, now: sandbox.clock.now(), msgId: 'bench' });
  return { method: 'POST', path: signed.path, headers: { 'content-type': 'application/json' }, body };
}

/** Holdings the tenant has in all. */
export function holdingCount(sandbox: Sandbox): number {
  return sandbox.world.store<WaiqinState>('waiqin').read((s) => [...s.holdings.values()].reduce((n, v) => n + v.all.length, 0));
}

/** Adds `count` holdings spread over fresh vouchers (99 999 at most each), through the engine rule. */
export async function addHoldings(sandbox: Sandbox, count: number): Promise<number> {
  const store = sandbox.world.store<WaiqinState>('waiqin');
  const cmId = sandbox.waiqin.world().customers.find((c) => c.code === 'CUS010103')!.id;
  let voucherId = '';
  for (let i = 0; i < count; i++) {
    if (i % 99_999 === 0) voucherId = await roomyVoucher(sandbox, `bench filler ${i}`);
    store.transact((s) => receiveVoucherInfo(s, { voucherId, cmId }, sandbox.clock.now()));
  }
  return holdingCount(sandbox);
}
