import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, voucherBody, waiqinSandbox, TODAY, NOW } from './support.js';
import type { Sandbox } from '../../../src/sandbox.js';
import type { WaiqinErrorKey } from '../../../src/types/error-key.js';

const idOf = (sandbox: Sandbox, name: string) => sandbox.waiqin.world().vouchers.find((v) => v.name === name)!.id;
const DAY = 86400_000;

describe('getVoucherInfos', () => {
  it('lists every seeded voucher in creation order with the default page (1, 1000)', async () => {
    const sandbox = waiqinSandbox();
    const list = expectOk(await call(sandbox, 'getVoucherInfos', {}), 'get-voucher-infos');
    expect(list).toHaveLength(sandbox.waiqin.world().vouchers.length);
    expect(list[0].name).toBe('过期体验券');
    expect(list.map((v: { isFinish: string }) => v.isFinish)).toContain('Y');
  });

  it('writes the id as a bare JSON number with every digit, as the page example does', async () => {
    const result = await call(waiqinSandbox(), 'getVoucherInfos', { page_length: 1000 });
    expect(result.envelope.response_data).toContain('"id":8144100181735612578,');
    expect(result.data.some((v: { id: string }) => v.id === '8144100181735612578')).toBe(true);
  });

  it('pages with page_number and page_length (numbers or numeric strings)', async () => {
    const sandbox = waiqinSandbox();
    const all = expectOk(await call(sandbox, 'getVoucherInfos', {})).map((v: { id: string }) => v.id);
    const p2 = expectOk(await call(sandbox, 'getVoucherInfos', { page_number: '2', page_length: 3 })).map((v: { id: string }) => v.id);
    expect(p2).toEqual(all.slice(3, 6));
    expect(expectOk(await call(sandbox, 'getVoucherInfos', { page_number: 99, page_length: 1000 }))).toEqual([]);
  });

  it('filters by inclusive Asia/Shanghai create and modify days', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody()));
    const created = expectOk(await call(sandbox, 'getVoucherInfos', { start_create_date: TODAY, end_create_date: TODAY }));
    expect(created.map((v: { id: string }) => v.id)).toEqual([voucherId]);
    // The seeded 满200减20 was modified 3 days ago, created 15 days ago.
    const threeDaysAgo = new Date(NOW - 3 * DAY + 8 * 3600_000).toISOString().slice(0, 10);
    const modified = expectOk(await call(sandbox, 'getVoucherInfos', { start_modify_date: threeDaysAgo, end_modify_date: threeDaysAgo }));
    expect(modified.map((v: { name: string }) => v.name)).toContain('满200减20');
    expect(expectOk(await call(sandbox, 'getVoucherInfos', { end_create_date: '2000-01-01' }))).toEqual([]);
  });

  it.each<[Record<string, unknown>, WaiqinErrorKey]>([
    [{ page_length: 1001 }, 'PAGE_LENGTH_INVALID'],
    [{ page_length: 0 }, 'PAGE_LENGTH_INVALID'],
    [{ page_length: '1001' }, 'PAGE_LENGTH_INVALID'],
    [{ page_length: 10.5 }, 'PAGE_LENGTH_INVALID'],
    [{ page_number: 0 }, 'PAGE_NUMBER_INVALID'],
    [{ page_number: '-1' }, 'PAGE_NUMBER_INVALID'],
    [{ start_create_date: '2021/04/20' }, 'DATE_FORMAT'],
    [{ end_modify_date: '2021-13-01' }, 'DATE_FORMAT'],
    [{ start_modify_date: 20210420 }, 'DATE_FORMAT'],
  ])('answers %j with its catalogued error', async (body, key) => {
    expectError(await call(waiqinSandbox(), 'getVoucherInfos', body), key);
  });

  it('shows every customer-range and product-range list kind', async () => {
    const list = expectOk(await call(waiqinSandbox(), 'getVoucherInfos', {}));
    const byName = (n: string) => list.find((v: { name: string }) => v.name === n);
    expect(byName('会员85折券')).toMatchObject({
      discountsType: 'ZKBL',
      discountsPercent: '0.85',
      maxDiscountsAmount: '50.00',
      prodMode: 'BRAND',
      prodBrands: [{ prodBrandName: '立邦' }],
    });
    expect(byName('过期体验券').prodTypes).toEqual([expect.objectContaining({ prodTypeName: '内墙涂料' })]);
    expect(byName('下月预售券').cmDistricts).toEqual([expect.objectContaining({ cmDistrictCode: 'JS-NJ', cmDistrictName: '南京' })]);
    expect(byName('厂家下发满减券')).toMatchObject({
      sourceFrom: 'XF',
      hasRequired: 'Y',
      requiredType: 'ANYONE',
      requiredAllnum: '1.000',
      cmLabels: [{ cmLabelName: '重点客户' }],
    });
    expect(byName('厂家下发满减券').pdInfos[0]).toMatchObject({ isRequired: 'Y', requiredNum: '1' });
  });
});

describe('finishVoucher', () => {
  it('sets isFinish Y (response_data null), after which receiving fails and finishing again fails', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody()));
    const done = await call(sandbox, 'finishVoucher', { voucherId }, { msgId: 'X000001' });
    expect(done.envelope).toEqual({ return_code: '0', return_msg: null, msg_id: 'X000001', response_data: null });
    const info = expectOk(await call(sandbox, 'getVoucherInfos', { start_create_date: TODAY })).find((v: { id: string }) => v.id === voucherId);
    expect(info.isFinish).toBe('Y');
    expectError(await call(sandbox, 'receiveVoucherInfo', { voucherId, cmCode: 'CUS010043' }), 'VOUCHER_FINISHED');
    expectError(await call(sandbox, 'finishVoucher', { voucherId }), 'VOUCHER_FINISHED');
  });

  it('accepts the id as a JSON number with all 19 digits', async () => {
    const sandbox = waiqinSandbox();
    expectOk(await call(sandbox, 'finishVoucher', '{"voucherId":8144100181735612578}'));
    expect(sandbox.waiqin.world().vouchers.find((v) => v.id === '8144100181735612578')!.isFinish).toBe('Y');
  });

  it('answers VOUCHER_NOT_FOUND and VOUCHER_ID_REQUIRED', async () => {
    expectError(await call(waiqinSandbox(), 'finishVoucher', { voucherId: '123' }), 'VOUCHER_NOT_FOUND');
    expectError(await call(waiqinSandbox(), 'finishVoucher', {}), 'VOUCHER_ID_REQUIRED');
  });
});

describe('modifyVoucherEndDate', () => {
  it('moves the end date later or earlier (not before today), updating the modify date', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody()));
    expect((await call(sandbox, 'modifyVoucherEndDate', { voucherId, endDate: '2030-12-31' })).envelope.response_data).toBeNull();
    expectOk(await call(sandbox, 'modifyVoucherEndDate', { voucherId, endDate: TODAY }));
    const info = expectOk(await call(sandbox, 'getVoucherInfos', { start_modify_date: TODAY })).find((v: { id: string }) => v.id === voucherId);
    expect(info.endDate).toBe(TODAY);
  });

  it('extends an expired voucher, reviving its unused holdings (status 2 -> 0)', async () => {
    const sandbox = waiqinSandbox();
    const voucherId = idOf(sandbox, '过期体验券');
    expect(expectOk(await call(sandbox, 'queryVoucherUsedInfo', { voucherId, voucherStatus: '2' }))).toHaveLength(1);
    expectOk(await call(sandbox, 'modifyVoucherEndDate', { voucherId, endDate: '2030-07-01' }));
    expect(expectOk(await call(sandbox, 'queryVoucherUsedInfo', { voucherId, voucherStatus: '2' }))).toHaveLength(0);
    expect(expectOk(await call(sandbox, 'queryVoucherUsedInfo', { voucherId, voucherStatus: '0' }))).toHaveLength(1);
  });

  it.each<[Record<string, unknown>, WaiqinErrorKey, string?]>([
    [{ endDate: '2030-06-14' }, 'END_DATE_PAST', '2030-06-01'],
    [{ endDate: '2030-06-16' }, 'END_DATE_BEFORE_START', '2030-06-20'],
    [{ endDate: '2030-9-20' }, 'DATE_FORMAT'],
    [{ endDate: undefined }, 'END_DATE_REQUIRED'],
    [{ voucherId: '1' }, 'VOUCHER_NOT_FOUND'],
    [{ voucherId: undefined }, 'VOUCHER_ID_REQUIRED'],
  ])('answers %j with %s and changes nothing', async (over, key, startDate = TODAY) => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ startDate })));
    const before = JSON.stringify(sandbox.waiqin.world());
    expectError(await call(sandbox, 'modifyVoucherEndDate', { voucherId, endDate: '2030-12-31', ...over }), key);
    expect(JSON.stringify(sandbox.waiqin.world())).toBe(before);
  });

  it('refuses to change a finished voucher', async () => {
    const sandbox = waiqinSandbox();
    expectError(await call(sandbox, 'modifyVoucherEndDate', { voucherId: idOf(sandbox, '春季促销券'), endDate: '2030-12-31' }), 'VOUCHER_FINISHED');
  });
});
