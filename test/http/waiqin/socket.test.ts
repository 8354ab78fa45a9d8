import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';
import { signWaiqinRequest } from '../../../src/http/waiqin/signer.js';
import { parseJsonExact } from '../../../src/http/waiqin/big-json.js';
import { schemaId, schemas } from '../../../src/schema/registry.js';
import { errorEntry } from '../../../src/errors/catalogue.js';

/**
 * A waiqin365 client over a real socket: it reads the tenant credentials, serialises its body once,
 * signs exactly those bytes (MD5 of body|appkey|timestamp, Asia/Shanghai timestamp) and posts them.
 * The voucher goes from creation to receipt, use (control order), end-date change and finish.
 */
describe('waiqin365 voucher lifecycle over a real socket', () => {
  let running: RunningSandbox;
  let creds: { openid: string; appkey: string };

  beforeAll(async () => {
    running = await serveSandbox({ port: 0, validateResponses: true, startAt: Date.parse('2030-06-15T10:00:00+08:00'), frozen: true });
    creds = (await (await fetch(`${running.url}/_sandbox/credentials`)).json()).waiqin;
  });
  afterAll(() => running.close());

  const post = async (method: string, payload: object) => {
    // Pretty-printed with a non-ASCII name: the digest must cover these exact bytes.
    const body = JSON.stringify(payload, null, 2);
    const signed = signWaiqinRequest({ method, body, openid: creds.openid, appkey: creds.appkey, now: running.sandbox.clock.now() });
    const res = await fetch(running.url + signed.path, { method: 'POST', body, headers: { 'content-type': 'application/json;charset=UTF-8' } });
    expect(res.status).toBe(200);
    const envelope = await res.json();
    expect(envelope.msg_id).toBe(signed.msgId);
    expect(schemas().validate(schemaId('waiqin/envelope.json'), envelope).ok).toBe(true);
    return envelope as { return_code: string; return_msg: string | null; response_data: string | null };
  };
  const ok = async (method: string, payload: object) => {
    const envelope = await post(method, payload);
    expect([envelope.return_code, envelope.return_msg]).toEqual(['0', null]);
    if (envelope.response_data === null) return null;
    const parsed = parseJsonExact(envelope.response_data);
    if (!parsed.ok) throw new Error('response_data is not JSON');
    return parsed.value as any;
  };

  it('creates, gives, uses, extends and finishes a voucher', async () => {
    const { voucherId } = await ok('addVoucherInfo', {
      name: '开业满200减30',
      startDate: '2030-06-15',
      endDate: '2030-06-30',
      money: '30',
      doorsillType: 'Y',
      doorsillAmount: '200',
      payType: 'UNLIMITED',
      grantType: 'HDFF',
      eachCmNum: 1,
      num: 100,
      tradeRange: '2',
      cmCode: 'CUS010043,CUS010103',
      prodMode: 'ALL',
    });
    const holding = await ok('receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' });
    expect(holding.voucherId).toBe(voucherId);
    expect(await ok('getCmInfos', { voucher_id: voucherId })).toEqual([{ id: '8833956197749704288', code: 'CUS010043', name: '新增的终端' }]);

    const order = await fetch(`${running.url}/_sandbox/waiqin/orders`, {
      method: 'POST',
      body: JSON.stringify({ voucherId, cmCode: 'CUS010043', amount: 258, orderNo: 'DD20300615000777' }),
    });
    expect(order.status).toBe(200);

    const used = await ok('queryVoucherUsedInfo', { voucherId, voucherStatus: '1' });
    expect(used).toEqual([
      expect.objectContaining({ id: holding.id, order_no: 'DD20300615000777', order_amount: '258', voucher_amount: '30.00', use_status: '1' }),
    ]);

    expect(await ok('modifyVoucherEndDate', { voucherId, endDate: '2030-09-30' })).toBeNull();
    expect(await ok('finishVoucher', { voucherId })).toBeNull();
    const [info] = (await ok('getVoucherInfos', { start_create_date: '2030-06-15', end_create_date: '2030-06-15' })) as Array<{
      id: string;
      endDate: string;
      isFinish: string;
    }>;
    expect(info).toMatchObject({ id: voucherId, endDate: '2030-09-30', isFinish: 'Y' });

    const refused = await post('receiveVoucherInfo', { voucherId, cmCode: 'CUS010103' });
    const finished = errorEntry('waiqin', 'VOUCHER_FINISHED');
    expect(refused).toMatchObject({ return_code: String(finished.code), return_msg: finished.message, response_data: null });
  });
});
