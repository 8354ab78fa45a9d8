import { describe, expect, it } from 'vitest';
import { APPID, expectError, paySandbox, SEEDED, stockBody, U0, U1 } from './support.js';
import { payStock } from '../../support/state-reads.js';

const STOCKS = '/v3/marketing/busifavor/stocks';
type Call = ReturnType<typeof paySandbox>['call'];

async function uploadStock(call: Call, maxCoupons = 100): Promise<string> {
  return (
    await call(
      'POST',
      STOCKS,
      stockBody({ coupon_code_mode: 'MERCHANT_UPLOAD', stock_send_rule: { max_coupons: maxCoupons, max_coupons_per_user: Math.min(5, maxCoupons) } }),
    )
  ).json.stock_id;
}

const upload = (call: Call, stockId: string, codes: string[], no: string) =>
  call('POST', `${STOCKS}/${stockId}/couponcodes`, { coupon_code_list: codes, upload_request_no: no });

describe('POST .../stocks/{stock_id}/couponcodes (upload)', () => {
  it('adds new codes and reports repeats, codes the stock has and codes too long, one by one', async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await uploadStock(call);
    await upload(call, stockId, ['A1'], 'first');
    const long = 'L'.repeat(33);
    const res = await upload(call, stockId, ['B1', 'B2', 'B1', 'A1', long], 'second');
    expect(res.json).toEqual({
      stock_id: stockId,
      total_count: 4,
      success_count: 2,
      success_codes: ['B1', 'B2'],
      success_time: '2026-03-02T10:00:00+08:00',
      fail_count: 1,
      fail_codes: [{ coupon_code: long, code: 'LENGTH_LIMIT', message: '长度超过最大值32位' }],
      exist_codes: ['A1'],
      duplicate_codes: ['B1'],
    });
    expect(payStock(sandbox, stockId).coupon_code_count).toEqual({ total_count: 3, available_count: 3 });
  });

  it("is idempotent by upload_request_no, refuses other stocks' modes and more codes than max_coupons", async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await uploadStock(call, 3);
    const first = await upload(call, stockId, ['C1', 'C2'], 'u1');
    expect((await upload(call, stockId, ['C1', 'C2'], 'u1')).json).toEqual(first.json);
    expectError(await upload(call, stockId, ['C3'], 'u1'), 'RESOURCE_ALREADY_EXISTS');
    expectError(await upload(call, stockId, ['C3', 'C4'], 'u2'), 'INVALID_REQUEST_UPLOAD_LIMIT');
    expect(payStock(sandbox, stockId).coupon_code_count).toEqual({ total_count: 2, available_count: 2 });
    expectError(await upload(call, SEEDED.normal, ['X'], 'u3'), 'INVALID_REQUEST_UPLOAD_MODE');
    expectError(await upload(call, SEEDED.foreign, ['X'], 'u4'), 'NO_AUTH');
    expectError(await call('POST', `${STOCKS}/${stockId}/couponcodes`, { upload_request_no: 'u5' }), 'PARAM_ERROR');
  });
});

describe('the code pool through sends: list, query and delete', () => {
  it('dispatches an uploaded code on send; the code list and query follow it, and its coupon', async () => {
    const { call } = paySandbox();
    const stockId = await uploadStock(call);
    await upload(call, stockId, ['D1', 'D2', 'D3'], 'u');
    const sent = await call('POST', '/v3/marketing/busifavor/coupons/send', { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 's1' });
    expect(sent.json.coupon_code).toBe('D1');
    const list = await call('GET', `${STOCKS}/${stockId}/couponcodes?offset=0&limit=10`);
    expect(list.json).toEqual({
      stock_id: stockId,
      total_count: 3,
      offset: 0,
      limit: 10,
      data: [
        {
          code: 'D1',
          code_status: 'DISPATCHED',
          upload_time: '2026-03-02T10:00:00+08:00',
          dispatched_time: '2026-03-02T10:00:00+08:00',
          openid: U0,
          coupon_code: 'D1',
        },
        { code: 'D2', code_status: 'AVAILABLE', upload_time: '2026-03-02T10:00:00+08:00' },
        { code: 'D3', code_status: 'AVAILABLE', upload_time: '2026-03-02T10:00:00+08:00' },
      ],
    });
    expect((await call('GET', `${STOCKS}/${stockId}/couponcodes?status=AVAILABLE&limit=1&offset=1`)).json).toMatchObject({
      total_count: 2,
      data: [{ code: 'D3' }],
    });
    const one = await call('GET', `${STOCKS}/${stockId}/couponcodes/D1?appid=${APPID}`);
    expect(one.json.code_information).toMatchObject({ code: 'D1', code_status: 'DISPATCHED', openid: U0 });
    expect(one.json.coupon_information).toMatchObject({ coupon_code: 'D1', stock_id: stockId, coupon_state: 'SENDED' });
    // The coupon's state shows through the code: used, it reads USED.
    await call('POST', '/v3/marketing/busifavor/coupons/use', {
      coupon_code: 'D1',
      stock_id: stockId,
      appid: APPID,
      use_time: '2026-03-02T10:00:00+08:00',
      use_request_no: 'use1',
    });
    expect((await call('GET', `${STOCKS}/${stockId}/couponcodes/D1`)).json.coupon_information.coupon_state).toBe('USED');
    const available = await call('GET', `${STOCKS}/${stockId}/couponcodes/D2`);
    expect(available.json).toEqual({ code_information: { code: 'D2', code_status: 'AVAILABLE', upload_time: '2026-03-02T10:00:00+08:00' } });
  });

  it('deletes an AVAILABLE code (never sent afterwards), refuses a dispatched or unknown one', async () => {
    const { call, sandbox } = paySandbox();
    const stockId = await uploadStock(call);
    await upload(call, stockId, ['E1', 'E2', 'E3'], 'u');
    await call('POST', '/v3/marketing/busifavor/coupons/send', { openid: U0, appid: APPID, stock_id: stockId, out_request_no: 's1' });
    const del = await call('DELETE', `${STOCKS}/${stockId}/couponcodes/E2?delete_request_no=del1`);
    expect([del.status, del.json]).toEqual([200, { stock_id: stockId, delete_time: '2026-03-02T10:00:00+08:00' }]);
    expect((await call('DELETE', `${STOCKS}/${stockId}/couponcodes/E2?delete_request_no=del1`)).json).toEqual(del.json);
    expectError(await call('DELETE', `${STOCKS}/${stockId}/couponcodes/E1?delete_request_no=del2`), 'COUPON_CODE_DISPATCHED');
    expectError(await call('DELETE', `${STOCKS}/${stockId}/couponcodes/E9?delete_request_no=del3`), 'COUPON_CODE_NOT_EXISTS');
    expectError(await call('DELETE', `${STOCKS}/${stockId}/couponcodes/E3`), 'PARAM_ERROR');
    expectError(await call('GET', `${STOCKS}/${stockId}/couponcodes/E2`), 'COUPON_CODE_NOT_EXISTS');
    expect(payStock(sandbox, stockId).coupon_code_count).toEqual({ total_count: 2, available_count: 1 });
    // The next send skips the deleted code.
    expect(
      (await call('POST', '/v3/marketing/busifavor/coupons/send', { openid: U1, appid: APPID, stock_id: stockId, out_request_no: 's2' })).json.coupon_code,
    ).toBe('E3');
  });

  it('sends a requested uploaded code only while it is AVAILABLE', async () => {
    const { call } = paySandbox();
    const stockId = await uploadStock(call);
    await upload(call, stockId, ['F1', 'F2'], 'u');
    const send = (n: string, code: string) =>
      call('POST', '/v3/marketing/busifavor/coupons/send', { openid: U0, appid: APPID, stock_id: stockId, out_request_no: n, coupon_code: code });
    expect((await send('s1', 'F2')).json.coupon_code).toBe('F2');
    expectError(await send('s2', 'F2'), 'INVALID_REQUEST_NO_CODE');
    expectError(await send('s3', 'NOPE'), 'INVALID_REQUEST_NO_CODE');
  });

  it("shows the seeded upload stock's pool, its first code dispatched", async () => {
    const { call } = paySandbox();
    const list = (await call('GET', `${STOCKS}/${SEEDED.upload}/couponcodes`)).json;
    expect(list.total_count).toBe(5);
    expect(list.data.map((c: any) => c.code_status)).toEqual(['DISPATCHED', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE']);
    expectError(await call('GET', `${STOCKS}/${SEEDED.normal}/couponcodes`), 'INVALID_REQUEST_UPLOAD_MODE');
    expectError(await call('GET', `${STOCKS}/${SEEDED.upload}/couponcodes?appid=wx-unknown`), 'APPID_MCHID_NOT_MATCH');
    expectError(await call('GET', `${STOCKS}/${SEEDED.upload}/couponcodes?status=SENDED`), 'PARAM_ERROR');
  });
});
