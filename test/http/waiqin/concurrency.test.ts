import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';
import { signWaiqinRequest } from '../../../src/http/waiqin/signer.js';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { parseJsonExact } from '../../../src/http/waiqin/big-json.js';
import { NOW, voucherBody } from './support.js';
import { waiqinUsed } from '../../support/state-reads.js';
import type { WaiqinErrorKey } from '../../../src/types/error-key.js';

/**
 * 200 signed requests in flight at once over loopback against one voucher: the rules (num,
 * eachCmNum, finish once) must let exactly the legal number through, whatever the interleaving.
 */
describe('concurrent state changes over a real socket', () => {
  let running: RunningSandbox;
  // Node's fetch opens as many loopback connections as there are requests in flight (no per-origin cap).
  beforeAll(async () => {
    running = await serveSandbox({ port: 0, startAt: NOW, frozen: true });
  });
  afterAll(async () => {
    await running.close();
  });

  const post = async (method: string, payload: unknown, msgId: string) => {
    const body = JSON.stringify(payload);
    const { openid, appkey } = running.sandbox.waiqin.credentials() as { openid: string; appkey: string };
    const signed = signWaiqinRequest({ method, body, openid, appkey, now: running.sandbox.clock.now(), msgId });
    const res = await fetch(running.url + signed.path, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    return (await res.json()) as { return_code: string; return_msg: string | null; msg_id: string; response_data: string | null };
  };
  const create = async (over: Record<string, unknown>) => {
    const envelope = await post('addVoucherInfo', voucherBody(over), 'create');
    expect(envelope.return_code).toBe('0');
    return (JSON.parse(envelope.response_data!) as { voucherId: string }).voucherId;
  };
  const tally = (envelopes: Array<{ return_code: string; return_msg: string | null }>) => {
    const counts: Record<string, number> = {};
    for (const e of envelopes) counts[e.return_msg ?? 'OK'] = (counts[e.return_msg ?? 'OK'] ?? 0) + 1;
    return counts;
  };
  const msg = (key: WaiqinErrorKey) => errorEntry('waiqin', key).message;

  it('200 concurrent receiveVoucherInfo for a voucher with num 10: exactly 10 succeed, 190 sold out', async () => {
    const customers = running.sandbox.waiqin.world().customers.map((c) => c.code);
    const voucherId = await create({ num: 10, eachCmNum: 10, tradeRange: '2', cmCode: customers.join(',') });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post('receiveVoucherInfo', { voucherId, cmCode: customers[i % customers.length] }, `r-${i}`)),
    );
    expect(tally(results)).toEqual({ OK: 10, [msg('VOUCHER_SOLD_OUT')]: 190 });
    // Every answer echoes its own msg_id, and the holdings the server kept are exactly the 10 answered.
    expect(results.map((r) => r.msg_id)).toEqual(Array.from({ length: 200 }, (_, i) => `r-${i}`));
    const granted = results.filter((r) => r.return_code === '0').map((r) => (parseJsonExact(r.response_data!) as { value: { id: string } }).value.id);
    const rows = waiqinUsed(running.sandbox, { voucherId });
    expect(rows.map((r) => r.id).sort()).toEqual([...granted].sort());
    expect(running.sandbox.waiqin.world().vouchers.find((v) => v.id === voucherId)!.received).toBe(10);
  });

  it('200 concurrent receives by one customer with eachCmNum 3: exactly 3 succeed, 197 hit the per-customer limit', async () => {
    const voucherId = await create({ num: 1000, eachCmNum: 3, cmCode: 'CUS010043' });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => post('receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }, `e-${i}`)));
    expect(tally(results)).toEqual({ OK: 3, [msg('EACH_CM_LIMIT')]: 197 });
    expect(waiqinUsed(running.sandbox, { voucherId })).toHaveLength(3);
  });

  it('200 concurrent finishVoucher: exactly one succeeds, 199 answer VOUCHER_FINISHED', async () => {
    const voucherId = await create({});
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => post('finishVoucher', { voucherId }, `f-${i}`)));
    expect(tally(results)).toEqual({ OK: 1, [msg('VOUCHER_FINISHED')]: 199 });
  });

  it('concurrent receives racing a finish: only OK or VOUCHER_FINISHED, the store matches the answers, nothing after', async () => {
    const customers = running.sandbox.waiqin.world().customers.map((c) => c.code);
    const voucherId = await create({ num: 500, eachCmNum: 100, tradeRange: '2', cmCode: customers.join(',') });
    const receives = Array.from({ length: 100 }, (_, i) => post('receiveVoucherInfo', { voucherId, cmCode: customers[i % customers.length] }, `x-${i}`));
    const finish = post('finishVoucher', { voucherId }, 'finish');
    const more = Array.from({ length: 99 }, (_, i) => post('receiveVoucherInfo', { voucherId, cmCode: customers[i % customers.length] }, `y-${i}`));
    const all = await Promise.all([...receives, finish, ...more]);
    expect((await finish).return_code).toBe('0');
    const receiveResults = all.filter((r) => r.msg_id !== 'finish');
    const ok = receiveResults.filter((r) => r.return_code === '0').length;
    const finished = receiveResults.filter((r) => r.return_msg === msg('VOUCHER_FINISHED')).length;
    expect(ok + finished).toBe(199);
    // The store agrees with the answers: exactly `ok` holdings, and nothing can be received now.
    expect(waiqinUsed(running.sandbox, { voucherId })).toHaveLength(ok);
    expect((await post('receiveVoucherInfo', { voucherId, cmCode: customers[0] }, 'late')).return_msg).toBe(msg('VOUCHER_FINISHED'));
  });
});
