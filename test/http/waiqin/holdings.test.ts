import { ControlError } from '../../../src/pipeline/control-error.js';
import { describe, expect, it } from 'vitest';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { VendorError } from '../../../src/engine/vendor-error.js';
import { WAIQIN_APPKEY, WAIQIN_OPENID } from '../../../src/engine/waiqin/tenant.js';
import type { Sandbox } from '../../../src/sandbox.js';
import { call, expectError, expectOk, voucherBody, waiqinSandbox, NOW, TODAY } from './support.js';
import { waiqinUsed } from '../../support/state-reads.js';
import type { WaiqinErrorKey } from '../../../src/types/error-key.js';

const vendorKey = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof VendorError) return error.key;
    throw error;
  }
  return undefined;
};
const idOf = (sandbox: Sandbox, name: string) => sandbox.waiqin.world().vouchers.find((v) => v.name === name)!.id;
const customer = (sandbox: Sandbox, code: string) => sandbox.waiqin.world().customers.find((c) => c.code === code)!;
const order = (sandbox: Sandbox, body: unknown) =>
  sandbox.app.request('/_sandbox/waiqin/orders', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('receiveVoucherInfo', () => {
  it('gives a voucher to a customer by voucherId + cmId and records the holding', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody()));
    const cm = customer(sandbox, 'CUS010103');
    const data = expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmId: cm.id }), 'receive-voucher-info');
    expect(data).toEqual({ id: expect.stringMatching(/^\d{19}$/), voucherId, cmId: cm.id, receiveTime: `${TODAY} 10:00:00` });
    const rows = expectOk(await call(sandbox, 'queryVoucherUsedInfo', { voucherId }), 'query-voucher-used-info');
    expect(rows).toEqual([
      expect.objectContaining({ id: data.id, cm_code: 'CUS010103', use_status: '0', order_no: '', receive_time: `${TODAY} 10:00`, create_type: 'OPENAPI' }),
    ]);
  });

  it('finds the voucher by its unique name and the customer by code or sourceCode, and records receiveTime', async () => {
    const sandbox = waiqinSandbox();
    expectOk(
      await call(sandbox, 'addVoucherInfo', voucherBody({ name: '唯一名称券', eachCmNum: 2, tradeRange: '1', cmCode: undefined, cmLevelName: 'A,B,C,D' })),
    );
    const withSource = sandbox.waiqin.world().customers.find((c) => c.sourceCode !== '')!;
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherName: '唯一名称券', cmSourceCode: withSource.sourceCode }));
    const data = expectOk(
      await call(sandbox, 'receiveVoucherInfo', { voucherName: '唯一名称券', cmCode: withSource.code, receiveTime: '2030-06-14 08:30:00' }),
    );
    expect(data.receiveTime).toBe('2030-06-14 08:30:00');
    expect(data.cmId).toBe(withSource.id);
  });

  it('honours eachCmNum per customer and num in total', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ num: 3, eachCmNum: 2 })));
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }));
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }));
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }), 'EACH_CM_LIMIT');
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010103' }));
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010103' }), 'VOUCHER_SOLD_OUT');
  });

  it('honours the customer range of tradeRange 1 (AND across dimensions) and 2', async () => {
    const sandbox = waiqinSandbox();
    const world = sandbox.waiqin.world();
    const { voucherId } = expectOk(
      await call(sandbox, 'addVoucherInfo', voucherBody({ tradeRange: '1', cmCode: undefined, cmLevelName: 'A', cmTypeName: '腻子专柜店' })),
    );
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }));
    const outside = world.customers.find((c) => !(c.level === 'A' && c.type === '腻子专柜店'))!;
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: outside.code }), 'CM_OUT_OF_RANGE');
    const listed = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ cmCode: 'CUS010043' }))).voucherId;
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId: listed, cmCode: 'CUS010103' }), 'CM_OUT_OF_RANGE');
  });

  it('honours the validity dates by the sandbox clock', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ startDate: '2030-06-16', endDate: '2030-06-16' })));
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }), 'VOUCHER_NOT_STARTED');
    sandbox.clock.advance(86400_000);
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }));
    sandbox.clock.advance(86400_000);
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010103' }), 'VOUCHER_EXPIRED');
    expect(expectOk(await call(sandbox, 'queryVoucherUsedInfo', { voucherId, voucherStatus: 2 }))).toHaveLength(1);
  });

  it('answers the seeded states: finished, not started, sold out', async () => {
    const sandbox = waiqinSandbox();
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId: idOf(sandbox, '春季促销券'), cmCode: 'CUS010043' }), 'VOUCHER_FINISHED');
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId: idOf(sandbox, '下月预售券'), cmCode: 'CUS010043' }), 'VOUCHER_NOT_STARTED');
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId: idOf(sandbox, '过期体验券'), cmCode: 'CUS010043' }), 'VOUCHER_EXPIRED');
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId: idOf(sandbox, '限量1张券'), cmCode: 'CUS010043' }), 'VOUCHER_SOLD_OUT');
  });

  it.each<[Record<string, unknown> | string, WaiqinErrorKey]>([
    [{ cmCode: 'CUS010043' }, 'VOUCHER_REQUIRED'],
    [{ voucherId: '', voucherName: '', cmCode: 'CUS010043' }, 'VOUCHER_REQUIRED'],
    [{ voucherId: '8144100181735612578' }, 'CM_IDENTITY_REQUIRED'],
    [{ voucherId: '8144100181735612578', cmId: null, cmCode: '' }, 'CM_IDENTITY_REQUIRED'],
    [{ voucherId: '1', cmCode: 'CUS010043' }, 'VOUCHER_NOT_FOUND'],
    [{ voucherName: '没有这张券', cmCode: 'CUS010043' }, 'VOUCHER_NOT_FOUND'],
    [{ voucherId: '8144100181735612578', cmCode: 'CUS999999' }, 'CM_NOT_FOUND'],
    [{ voucherId: '8144100181735612578', cmSourceCode: 'NOPE' }, 'CM_NOT_FOUND'],
    [{ voucherId: '8144100181735612578', cmCode: 'CUS010043', receiveTime: '2030-06-15' }, 'DATETIME_FORMAT'],
    [{ voucherId: '8144100181735612578', cmCode: 'CUS010043', receiveTime: '2030-02-30 10:00:00' }, 'DATETIME_FORMAT'],
    [{ voucherId: '8144100181735612578', cmCode: 'x'.repeat(33) }, 'PARAM_TOO_LONG'],
    ['{"voucherId":8144100181735612578,"cmCode":1}', 'PARAM_TYPE'],
  ])('answers %j with %s and changes nothing', async (body, key) => {
    const sandbox = waiqinSandbox();
    const before = JSON.stringify(sandbox.waiqin.world());
    expectError(await call(sandbox, 'receiveVoucherInfo', body), key);
    expect(JSON.stringify(sandbox.waiqin.world())).toBe(before);
  });

  it('refuses a numeric amount with three decimals (the schema pattern binds strings only) with PARAM_ERROR', async () => {
    const sandbox = waiqinSandbox();
    expect(vendorKey(() => sandbox.waiqin.placeOrder({ voucherId: '708742168422351694', cmCode: 'CUS010043', amount: 1.005 }))).toBe('PARAM_ERROR');
    const res = await order(sandbox, { voucherId: '708742168422351694', cmCode: 'CUS010043', amount: 1.005 });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { vendor_error: { code: unknown } } }).error.vendor_error.code).toBe(errorEntry('waiqin', 'PARAM_ERROR').code);
  });

  it('answers VOUCHER_NAME_AMBIGUOUS when several vouchers share the name', async () => {
    const sandbox = waiqinSandbox();
    expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ name: '同名券' })));
    expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ name: '同名券' })));
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherName: '同名券', cmCode: 'CUS010043' }), 'VOUCHER_NAME_AMBIGUOUS');
  });
});

describe('getCmInfos', () => {
  it('answers the page example: the customers holding the voucher, each once', async () => {
    const sandbox = waiqinSandbox();
    const data = expectOk(await call(sandbox, 'getCmInfos', { page_number: 1, page_length: 1000, voucher_id: '8144100181735612578' }), 'get-cm-infos');
    expect(data).toEqual([
      { id: '8833956197749704288', code: 'CUS010043', name: '新增的终端' },
      { id: '9139133117350330302', code: 'CUS010103', name: 'fx0906' },
    ]);
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId: '8144100181735612578', cmCode: 'CUS010043' }));
    expect(expectOk(await call(sandbox, 'getCmInfos', { voucher_id: '8144100181735612578' }))).toHaveLength(2);
    expect(expectOk(await call(sandbox, 'getCmInfos', { voucher_id: '8144100181735612578', page_number: 2, page_length: 1 }))).toEqual([data[1]]);
  });

  it.each<[Record<string, unknown>, WaiqinErrorKey]>([
    [{}, 'VOUCHER_ID_REQUIRED'],
    [{ voucher_id: '1' }, 'VOUCHER_NOT_FOUND'],
    [{ voucher_id: '8144100181735612578', page_length: 1001 }, 'PAGE_LENGTH_INVALID'],
    [{ voucher_id: '8144100181735612578', page_number: 'one' }, 'PAGE_NUMBER_INVALID'],
  ])('answers %j with %s', async (body, key) => {
    expectError(await call(waiqinSandbox(), 'getCmInfos', body), key);
  });
});

describe('queryVoucherUsedInfo', () => {
  it('answers the page request example (voucherId as a JSON number) with rows shaped like its DATA example', async () => {
    const sandbox = waiqinSandbox();
    const rows = expectOk(
      await call(sandbox, 'queryVoucherUsedInfo', '{\n    "voucherId":708742168422351694,\n    "voucherStatus":"0"\n}'),
      'query-voucher-used-info',
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r: { use_status: string; order_no: string }) => r.use_status === '0' && r.order_no === '')).toBe(true);
    const used = expectOk(await call(sandbox, 'queryVoucherUsedInfo', { voucherId: '708742168422351694', voucherStatus: 1 }));
    expect(used).toEqual([
      expect.objectContaining({
        voucher_id: '708742168422351694',
        voucher_name: '10元优惠券',
        cm_code: 'CUS010043',
        cm_name: '新增的终端',
        discounts_type: 'GDMZ',
        money: '10.00',
        doorsill_amount: '20.00',
        order_amount: '100',
        voucher_amount: '10.00',
        business_from_name: '业务来源1',
        order_no: expect.stringMatching(/^DD\d{14}$/),
        order_create_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        use_status: '1',
      }),
    ]);
    expect(Object.keys(used[0]).slice(0, 5)).toEqual(['end_date', 'order_no', 'voucher_name', 'discounts_type', 'receive_time']);
  });

  it('lists all holdings without voucherStatus, and answers every status of the seeded expired voucher', async () => {
    const sandbox = waiqinSandbox();
    const voucherId = idOf(sandbox, '过期体验券');
    const all = expectOk(await call(sandbox, 'queryVoucherUsedInfo', { voucherId }));
    expect(all.map((r: { use_status: string }) => r.use_status).sort()).toEqual(['1', '2']);
  });

  it.each<[Record<string, unknown>, WaiqinErrorKey]>([
    [{ voucherId: '708742168422351694', voucherStatus: '3' }, 'VOUCHER_STATUS_INVALID'],
    [{ voucherId: '708742168422351694', voucherStatus: 'used' }, 'VOUCHER_STATUS_INVALID'],
    [{ voucherStatus: '0' }, 'VOUCHER_ID_REQUIRED'],
    [{ voucherId: '7087421684223516948' }, 'VOUCHER_NOT_FOUND'],
  ])('answers %j with %s', async (body, key) => {
    expectError(await call(waiqinSandbox(), 'queryVoucherUsedInfo', body), key);
  });
});

describe('orders (control action POST /_sandbox/waiqin/orders)', () => {
  it('uses a holding: status 1 with the order fields and the discount', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody()));
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }));
    const res = await order(sandbox, { voucherId, cmCode: 'CUS010043', amount: '150.50', orderNo: 'DD20300615000099' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      order_no: 'DD20300615000099',
      order_amount: '150.5',
      voucher_amount: '10.00',
      use_status: '1',
      order_create_time: `${TODAY} 10:00:00`,
    });
    expect(expectOk(await call(sandbox, 'queryVoucherUsedInfo', { voucherId, voucherStatus: '1' }), 'query-voucher-used-info')).toHaveLength(1);
    expect(expectOk(await call(sandbox, 'queryVoucherUsedInfo', { voucherId, voucherStatus: '0' }))).toHaveLength(0);
  });

  it('computes a ZKBL discount (share paid) with its cap', async () => {
    const sandbox = waiqinSandbox();
    const voucherId = idOf(sandbox, '会员85折券');
    const row = await (await order(sandbox, { voucherId, cmCode: 'CUS010103', amount: 100 })).json();
    expect(row).toMatchObject({ voucher_amount: '15.00', discounts_percent: '85.00', max_discounts_amount: '50.00', order_no: 'DD20300615000004' });
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }));
    const capped = await (await order(sandbox, { voucherId, cmCode: 'CUS010043', amount: 1000 })).json();
    expect(capped.voucher_amount).toBe('50.00');
  });

  const orderCases: Array<[string, Record<string, unknown>, WaiqinErrorKey, Record<string, unknown>?]> = [
    ['no unused holding', { cmCode: 'CUS010103' }, 'HOLDING_NOT_FOUND'],
    ['an amount under the doorsill', { amount: '99.99' }, 'DOORSILL_NOT_MET'],
    ['an offline payment on an ONLINE voucher', { payType: 'OFFLINE' }, 'PAY_TYPE_MISMATCH', { payType: 'ONLINE' }],
    ['products outside the range', { productCodes: ['SP202108240007'] }, 'PROD_OUT_OF_RANGE', { prodMode: 'PRODUCT', prodCode: '12428312' }],
    ['an unknown product', { productCodes: ['NOPE'] }, 'PROD_NOT_FOUND'],
    ['an unknown customer', { cmCode: 'CUS999999' }, 'CM_NOT_FOUND'],
    ['an unknown voucher', { voucherId: '1' }, 'VOUCHER_NOT_FOUND'],
    ['a duplicate order number', { orderNo: 'DUP' }, 'ORDER_NO_DUPLICATE'],
  ];
  it.each(orderCases)('answers 409 VENDOR_RULE for %s and changes nothing', async (_what, over, key, voucherOver = {}) => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ num: 5, eachCmNum: 2, ...voucherOver })));
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }));
    if (key === 'ORDER_NO_DUPLICATE') {
      expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }));
      expect((await order(sandbox, { voucherId, cmCode: 'CUS010043', amount: 200, orderNo: 'DUP' })).status).toBe(200);
    }
    const before = JSON.stringify(sandbox.waiqin.world()) + JSON.stringify(waiqinUsed(sandbox, { voucherId }));
    const res = await order(sandbox, { voucherId, cmCode: 'CUS010043', amount: 200, ...over });
    const entry = errorEntry('waiqin', key);
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({ code: 'VENDOR_RULE', vendor_error: { vendor: 'waiqin', code: entry.code, message: entry.message } });
    expect(JSON.stringify(sandbox.waiqin.world()) + JSON.stringify(waiqinUsed(sandbox, { voucherId }))).toBe(before);
  });

  it('refuses an expired or not yet started holding', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ endDate: TODAY })));
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }));
    sandbox.clock.advance(86400_000);
    expect((await (await order(sandbox, { voucherId, cmCode: 'CUS010043', amount: 200 })).json()).error.vendor_error.code).toBe(
      errorEntry('waiqin', 'VOUCHER_EXPIRED').code,
    );
    const early = idOf(sandbox, '下月预售券');
    // Receiving checks the start date too, so receive after the start, then order "before" it.
    sandbox.clock.set(Date.parse('2030-06-26T10:00:00+08:00'));
    const nanjing = sandbox.waiqin.world().customers.find((c) => c.districtCode === 'JS-NJ')!;
    expectOk(await call(sandbox, 'receiveVoucherInfo', { voucherId: early, cmId: nanjing.id }));
    sandbox.clock.set(NOW);
    expect(vendorKey(() => sandbox.waiqin.placeOrder({ voucherId: early, cmId: nanjing.id, amount: 1 }))).toBe('VOUCHER_NOT_STARTED_USE');
  });

  it('refuses a malformed amount on a direct call exactly as over HTTP (400 BAD_REQUEST), changing nothing', async () => {
    const sandbox = waiqinSandbox();
    const before = JSON.stringify(sandbox.waiqin.world());
    let refused: unknown;
    try {
      sandbox.waiqin.placeOrder({ voucherId: '708742168422351694', cmCode: 'CUS010043', amount: 'abc' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ControlError);
    expect((refused as ControlError).status).toBe(400);
    expect((await order(sandbox, { voucherId: '708742168422351694', cmCode: 'CUS010043', amount: 'abc' })).status).toBe(400);
    expect(JSON.stringify(sandbox.waiqin.world())).toBe(before);
  });

  it('answers 400 BAD_REQUEST for a body that breaks the control schema', async () => {
    const res = await order(waiqinSandbox(), { voucherId: '708742168422351694', amount: 10 });
    expect(res.status).toBe(400);
    expect((await order(waiqinSandbox(), { voucherId: '708742168422351694', cmCode: 'CUS010043', amount: '1.001' })).status).toBe(400);
  });
});

describe('world and sign control routes', () => {
  it('lists the seeded customers (with every attribute) and products', async () => {
    const world = await (await waiqinSandbox().app.request('/_sandbox/waiqin/world')).json();
    expect(world.customers).toHaveLength(30);
    expect(world.customers[0]).toEqual({
      id: '8833956197749704288',
      code: 'CUS010043',
      name: '新增的终端',
      sourceCode: '',
      level: 'A',
      type: '腻子专柜店',
      dept: '华东大区',
      labels: ['重点客户'],
      district: '南京',
      districtCode: 'JS-NJ',
    });
    expect(world.products.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['12428312', 'SP202108240007']));
    for (const key of ['levels', 'types', 'depts', 'labels', 'districts', 'brands', 'productTypes']) expect(world[key].length).toBeGreaterThan(0);
  });

  it('signs a body with the tenant appkey and the sandbox clock; the signed call succeeds', async () => {
    const sandbox = waiqinSandbox();
    const body = '{"voucher_id":"8144100181735612578"}';
    const signed = await (
      await sandbox.app.request('/_sandbox/waiqin/sign', { method: 'POST', body: JSON.stringify({ method: 'getCmInfos', body, msgId: 'abc' }) })
    ).json();
    expect(signed.timestamp).toBe('20300615100000');
    const res = await sandbox.app.request(signed.path, { method: 'POST', body });
    expect((await res.json()).msg_id).toBe('abc');
  });
});

describe('seeded world', () => {
  it('is deterministic per seed, differs across seeds, and empty has customers but no vouchers', () => {
    const a = waiqinSandbox({ seed: 5 }).waiqin.world();
    expect(waiqinSandbox({ seed: 5 }).waiqin.world()).toEqual(a);
    expect(waiqinSandbox({ seed: 6 }).waiqin.world().customers).not.toEqual(a.customers);
    const empty = waiqinSandbox({ empty: true }).waiqin.world();
    expect(empty.vouchers).toEqual([]);
    expect(empty.customers.length).toBe(a.customers.length);
  });

  it('restores the world on reset', async () => {
    const sandbox = waiqinSandbox();
    const before = sandbox.waiqin.world();
    expectOk(await call(sandbox, 'addVoucherInfo', voucherBody()));
    sandbox.reset();
    expect(sandbox.waiqin.world()).toEqual(before);
  });

  it('publishes the tenant credentials (19-char openid, 18-char appkey, host)', async () => {
    const creds = (await (await waiqinSandbox().app.request('/_sandbox/credentials')).json()).waiqin;
    expect(creds.openid).toHaveLength(19);
    expect(creds.appkey).toHaveLength(18);
    expect(creds).toMatchObject({
      openid: WAIQIN_OPENID,
      appkey: WAIQIN_APPKEY,
      host: 'https://openapi.waiqin365.com',
      basePath: '/api/voucher/v1',
      timestampWindowSeconds: 600,
    });
  });
});
