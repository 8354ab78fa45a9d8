import { describe, expect, it } from 'vitest';
import { call, expectError, expectOk, voucherBody, waiqinSandbox, TODAY } from './support.js';
import type { WaiqinErrorKey } from '../../../src/types/error-key.js';

const infoOf = async (sandbox: ReturnType<typeof waiqinSandbox>, voucherId: string) => {
  const list = expectOk(await call(sandbox, 'getVoucherInfos', { start_create_date: TODAY }), 'get-voucher-infos');
  return list.find((v: { id: string }) => v.id === voucherId);
};

describe('addVoucherInfo', () => {
  it('creates a voucher and returns its long numeric id as a string', async () => {
    const sandbox = waiqinSandbox();
    const data = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody()), 'add-voucher-info');
    expect(data.voucherId).toMatch(/^[1-8][0-9]{18}$/);
    expect(sandbox.waiqin.world().vouchers.some((v) => v.id === data.voucherId)).toBe(true);
  });

  it('accepts the vendor page request example as it is (clock in 2022; nulls mean "not given")', async () => {
    const sandbox = waiqinSandbox({ startAt: Date.parse('2022-02-22T09:00:00+08:00') });
    const example = {
      name: '优惠券名称',
      startDate: '2022-02-22',
      endDate: '2022-02-22',
      money: '10',
      doorsillAmount: 100,
      doorsillType: 'Y',
      payType: 'UNLIMITED',
      remark: '使用说明',
      grantType: 'ZDLQ',
      eachCmNum: 1,
      num: 10,
      tradeRange: '1',
      cmLevelId: null,
      cmLevelName: 'A',
      cmTypeId: null,
      cmTypeName: '腻子专柜店',
      cmId: null,
      cmCode: null,
      prodMode: 'PRODUCT',
      prodTypeId: null,
      prodTypeName: null,
      prodBrandId: null,
      prodBrandName: null,
      prodId: null,
      prodCode: 'SP202108240007',
      businessFromName: '业务来源1',
      comment: '备注',
    };
    expectOk(await call(sandbox, 'addVoucherInfo', example), 'add-voucher-info');
  });

  it('renders a created voucher the way the page DATA example is shaped', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ cmCode: 'CUS010043', prodMode: 'PRODUCT', prodCode: '12428312' })));
    const info = await infoOf(sandbox, voucherId);
    expect(info).toMatchObject({
      name: '测试满100减10',
      startDate: TODAY,
      endDate: '2030-07-31',
      money: '10.00',
      num: 10,
      payType: 'UNLIMITED',
      tradeRange: '2',
      cmInfos: [{ code: 'CUS010043', name: '新增的终端' }],
      prodMode: 'PRODUCT',
      pdInfos: [{ code: '12428312', isRequired: '', requiredNum: '', unitId: '', unitName: '' }],
      prodBrands: [],
      prodTypes: [],
      remark: '使用说明',
      requiredAllnum: '0.000',
      sourceFrom: 'ZZ',
      requiredType: '0',
      isFinish: 'N',
      doorsillAmount: '100.00',
      doorsillType: 'Y',
      eachCmNum: 1,
      hasRequired: 'N',
      discountsType: 'GDMZ',
      discountsPercent: '',
      maxDiscountsAmount: '',
    });
  });

  it('resolves ids before names ("优先级依次递减") and splits comma-separated lists', async () => {
    const sandbox = waiqinSandbox();
    const world = sandbox.waiqin.world();
    const levelB = world.levels.find((l) => l.name === 'B')!;
    const body = voucherBody({
      tradeRange: '1',
      cmCode: undefined,
      cmLevelId: levelB.id,
      cmLevelName: 'no-such-level',
      cmTypeName: '陶瓷店, 五金店',
      prodMode: 'BRAND',
      prodBrandName: '立邦,多乐士',
    });
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', body));
    const info = await infoOf(sandbox, voucherId);
    expect(info.cmLevels).toEqual([{ cmLevelId: levelB.id, cmLevelName: 'B' }]);
    expect(info.cmTypes.map((t: { cmTypeName: string }) => t.cmTypeName)).toEqual(['陶瓷店', '五金店']);
    expect(info.prodBrands.map((b: { prodBrandName: string }) => b.prodBrandName)).toEqual(['立邦', '多乐士']);
  });

  it('creates a ZKBL voucher with a percent and a cap, numbers accepted for text fields', async () => {
    const sandbox = waiqinSandbox();
    const body = voucherBody({ money: null, discountsType: 'ZKBL', discountsPercent: 0.8525, maxDiscountsAmount: 30, num: '5', eachCmNum: '2', tradeRange: 2 });
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', body));
    expect(await infoOf(sandbox, voucherId)).toMatchObject({
      money: '',
      discountsType: 'ZKBL',
      discountsPercent: '0.8525',
      maxDiscountsAmount: '30.00',
      num: 5,
      eachCmNum: 2,
      tradeRange: '2',
    });
  });

  it('distributes to every customer in range with autoReceive Y, while num lasts', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ autoReceive: 'Y', num: 1 })));
    const holders = expectOk(await call(sandbox, 'getCmInfos', { voucher_id: voucherId }), 'get-cm-infos');
    expect(holders.map((c: { code: string }) => c.code)).toEqual(['CUS010043']);
  });

  const cases: Array<[string, Record<string, unknown>, WaiqinErrorKey]> = [
    ['name missing', { name: undefined }, 'NAME_REQUIRED'],
    ['name empty', { name: '' }, 'NAME_REQUIRED'],
    ['name null', { name: null }, 'NAME_REQUIRED'],
    ['name over VARCHAR(32)', { name: '券'.repeat(33) }, 'PARAM_TOO_LONG'],
    ['name a number', { name: 5 }, 'PARAM_TYPE'],
    ['startDate missing', { startDate: undefined }, 'START_DATE_REQUIRED'],
    ['endDate missing', { endDate: undefined }, 'END_DATE_REQUIRED'],
    ['startDate 2030/06/15', { startDate: '2030/06/15' }, 'DATE_FORMAT'],
    ['endDate 2030-02-30', { endDate: '2030-02-30' }, 'DATE_FORMAT'],
    ['endDate with a time', { endDate: '2030-07-31 00:00:00' }, 'DATE_FORMAT'],
    ['startDate after endDate', { startDate: '2030-08-01' }, 'DATE_RANGE'],
    ['endDate before today', { startDate: '2030-06-01', endDate: '2030-06-14' }, 'END_DATE_PAST'],
    ['money missing for GDMZ', { money: undefined }, 'MONEY_REQUIRED'],
    ['money empty', { money: '' }, 'MONEY_REQUIRED'],
    ['money 0', { money: '0' }, 'MONEY_INVALID'],
    ['money with 3 decimals', { money: '10.001' }, 'MONEY_INVALID'],
    ['money as a 3-decimal number', { money: 10.001 }, 'MONEY_INVALID'],
    ['money negative', { money: -5 }, 'MONEY_INVALID'],
    ['money text', { money: '十元' }, 'MONEY_INVALID'],
    ['doorsillType missing', { doorsillType: undefined }, 'DOORSILL_TYPE_INVALID'],
    ['doorsillType y', { doorsillType: 'y' }, 'DOORSILL_TYPE_INVALID'],
    ['doorsillType Y without amount', { doorsillAmount: null }, 'DOORSILL_AMOUNT_REQUIRED'],
    ['doorsillAmount negative', { doorsillAmount: -1 }, 'DOORSILL_AMOUNT_INVALID'],
    ['doorsillAmount with 9 decimals', { doorsillAmount: '1.123456789' }, 'DOORSILL_AMOUNT_INVALID'],
    ['payType CASH', { payType: 'CASH' }, 'PAY_TYPE_INVALID'],
    ['payType missing', { payType: undefined }, 'PAY_TYPE_INVALID'],
    ['grantType AUTO', { grantType: 'AUTO' }, 'GRANT_TYPE_INVALID'],
    ['eachCmNum 0', { eachCmNum: 0 }, 'EACH_CM_NUM_INVALID'],
    ['eachCmNum 1.5', { eachCmNum: 1.5 }, 'EACH_CM_NUM_INVALID'],
    ['num 100000 (NUMERIC(5))', { num: 100000 }, 'NUM_INVALID'],
    ['num "abc"', { num: 'abc' }, 'NUM_INVALID'],
    ['num missing', { num: undefined }, 'NUM_INVALID'],
    ['tradeRange 3', { tradeRange: '3' }, 'TRADE_RANGE_INVALID'],
    ['ZDLQ with tradeRange 2', { grantType: 'ZDLQ' }, 'ZDLQ_TRADE_RANGE'],
    ['tradeRange 2 without cmId/cmCode', { cmCode: null }, 'CM_REQUIRED'],
    ['tradeRange 2 with only commas', { cmCode: ' , ' }, 'CM_REQUIRED'],
    ['tradeRange 2 with an unknown customer code', { cmCode: 'CUS010043,CUS999999' }, 'CM_NOT_FOUND'],
    ['tradeRange 2 with an unknown customer id (wins over a good code)', { cmId: '1', cmCode: 'CUS010043' }, 'CM_NOT_FOUND'],
    ['tradeRange 1 without any range field', { tradeRange: '1', cmCode: undefined }, 'CM_RANGE_REQUIRED'],
    ['tradeRange 1 with only commas', { tradeRange: '1', cmLevelName: ',' }, 'CM_RANGE_REQUIRED'],
    ['an unknown level', { tradeRange: '1', cmLevelName: 'Z' }, 'CM_LEVEL_NOT_FOUND'],
    ['an unknown type', { tradeRange: '1', cmTypeName: '花店' }, 'CM_TYPE_NOT_FOUND'],
    ['an unknown dept id', { tradeRange: '1', cmDeptId: '123' }, 'CM_DEPT_NOT_FOUND'],
    ['an unknown label', { tradeRange: '1', cmLabelName: 'VIP' }, 'CM_LABEL_NOT_FOUND'],
    ['an unknown district', { tradeRange: '1', cmDistrictName: '火星' }, 'CM_DISTRICT_NOT_FOUND'],
    ['prodMode SOME', { prodMode: 'SOME' }, 'PROD_MODE_INVALID'],
    ['prodMode TYPE without type', { prodMode: 'TYPE' }, 'PROD_TYPE_REQUIRED'],
    ['prodMode BRAND without brand', { prodMode: 'BRAND', prodBrandName: '' }, 'PROD_BRAND_REQUIRED'],
    ['prodMode PRODUCT without product', { prodMode: 'PRODUCT', prodId: null, prodCode: null }, 'PROD_REQUIRED'],
    ['an unknown product type', { prodMode: 'TYPE', prodTypeName: '家电' }, 'PROD_TYPE_NOT_FOUND'],
    ['an unknown brand id', { prodMode: 'BRAND', prodBrandId: '42' }, 'PROD_BRAND_NOT_FOUND'],
    ['an unknown product code', { prodMode: 'PRODUCT', prodCode: 'SP202108240007,NOPE' }, 'PROD_NOT_FOUND'],
    ['autoReceive X', { autoReceive: 'X' }, 'AUTO_RECEIVE_INVALID'],
    ['discountsType MJ', { discountsType: 'MJ' }, 'DISCOUNTS_TYPE_INVALID'],
    ['ZKBL without discountsPercent', { discountsType: 'ZKBL' }, 'DISCOUNTS_PERCENT_REQUIRED'],
    ['ZKBL with discountsPercent ""', { discountsType: 'ZKBL', discountsPercent: '' }, 'DISCOUNTS_PERCENT_REQUIRED'],
    ['discountsPercent 1.5', { discountsType: 'ZKBL', discountsPercent: '1.5' }, 'DISCOUNTS_PERCENT_INVALID'],
    ['discountsPercent 0.12345', { discountsType: 'ZKBL', discountsPercent: '0.12345' }, 'DISCOUNTS_PERCENT_INVALID'],
    ['discountsPercent 0.12345 as a number', { discountsType: 'ZKBL', discountsPercent: 0.12345 }, 'DISCOUNTS_PERCENT_INVALID'],
    ['discountsPercent -0.1', { discountsType: 'ZKBL', discountsPercent: -0.1 }, 'DISCOUNTS_PERCENT_INVALID'],
    ['maxDiscountsAmount "abc"', { discountsType: 'ZKBL', discountsPercent: '0.9', maxDiscountsAmount: 'abc' }, 'MAX_DISCOUNTS_AMOUNT_INVALID'],
    ['remark over VARCHAR(1000)', { remark: 'x'.repeat(1001) }, 'PARAM_TOO_LONG'],
    ['businessFromName over VARCHAR(32)', { businessFromName: 'x'.repeat(33) }, 'PARAM_TOO_LONG'],
    ['cmTypeName an array', { tradeRange: '1', cmTypeName: ['陶瓷店'] }, 'PARAM_TYPE'],
  ];

  it.each(cases)('answers %s with its catalogued error and stores nothing', async (_what, over, key) => {
    const sandbox = waiqinSandbox();
    const before = JSON.stringify(sandbox.waiqin.world());
    expectError(await call(sandbox, 'addVoucherInfo', voucherBody(over)), key);
    expect(JSON.stringify(sandbox.waiqin.world())).toBe(before);
  });

  it('ignores range-1 fields on tradeRange 2, and GDMZ ignores discountsPercent', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody({ cmLevelName: 'no-such', discountsPercent: '0.5' })));
    expect(await infoOf(sandbox, voucherId)).toMatchObject({ cmLevels: [], discountsPercent: '' });
  });
});
