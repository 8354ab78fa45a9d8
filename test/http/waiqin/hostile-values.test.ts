import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../../src/errors/catalogue.js';
import { call, voucherBody, waiqinSandbox } from './support.js';

/**
 * Every field of every operation's documented body, replaced in turn by each hostile value: the
 * answer must always be a catalogued envelope (never the FAILURE a sandbox bug produces, never a
 * drifted response), and a refused write must leave the world unchanged.
 */
const HOSTILE: unknown[] = [
  null,
  '',
  ' ',
  0,
  -1,
  1.5,
  1e21,
  -0,
  Number.MAX_SAFE_INTEGER,
  true,
  false,
  [],
  ['a'],
  {},
  { a: 1 },
  'x'.repeat(5000),
  '中文,中文',
  '\u0000',
  '\ud800',
  '2030-02-30',
  '9'.repeat(40),
  '1,2,,3',
  'NaN',
  '-5',
];

const BODIES: Record<string, Record<string, unknown>> = {
  getVoucherInfos: {
    page_number: 1,
    page_length: 10,
    start_create_date: '2030-01-01',
    end_create_date: '2030-12-31',
    start_modify_date: '2030-01-01',
    end_modify_date: '2030-12-31',
  },
  addVoucherInfo: {
    ...voucherBody({
      tradeRange: '1',
      cmCode: undefined,
      cmLevelName: 'A',
      discountsType: 'ZKBL',
      discountsPercent: '0.9',
      maxDiscountsAmount: '20',
      autoReceive: 'Y',
    }),
    cmLevelId: '',
    cmTypeId: '',
    cmTypeName: '',
    cmDeptId: '',
    cmDeptName: '',
    cmLabelId: '',
    cmLabelName: '',
    cmDistrictId: '',
    cmDistrictName: '',
    cmId: '',
    prodTypeId: '',
    prodTypeName: '',
    prodBrandId: '',
    prodBrandName: '',
    prodId: '',
    prodCode: '',
    businessFromName: 'b',
    comment: 'c',
  },
  finishVoucher: { voucherId: '8144100181735612578' },
  modifyVoucherEndDate: { voucherId: '8144100181735612578', endDate: '2030-12-31' },
  receiveVoucherInfo: {
    voucherName: '满200减20',
    voucherId: '8144100181735612578',
    cmId: '8833956197749704288',
    cmCode: 'CUS010043',
    cmSourceCode: 'x',
    receiveTime: '2030-06-15 10:00:00',
  },
  getCmInfos: { page_number: 1, page_length: 10, voucher_id: '8144100181735612578' },
  queryVoucherUsedInfo: { voucherId: '708742168422351694', voucherStatus: '0' },
};

const WRITES = new Set(['addVoucherInfo', 'finishVoucher', 'modifyVoucherEndDate', 'receiveVoucherInfo']);

describe('hostile values in every field never crash the waiqin365 emulator', () => {
  const known = new Map(errorCatalogue('waiqin').map((e) => [String(e.code), e.message]));

  for (const [method, base] of Object.entries(BODIES)) {
    it(`${method}: each field x ${HOSTILE.length} hostile values answers a catalogued envelope`, async () => {
      const unexpected: unknown[] = [];
      const sandbox = waiqinSandbox({ onUnexpectedError: (e) => unexpected.push(e) });
      // Sanity: the untouched body succeeds, so every refusal below is caused by the hostile value.
      expect((await call(sandbox, method, base)).envelope.return_code).toBe('0');
      for (const field of Object.keys(base)) {
        for (const value of HOSTILE) {
          sandbox.reset();
          const before = JSON.stringify(sandbox.waiqin.world());
          const result = await call(sandbox, method, { ...base, [field]: value });
          const code = String(result.envelope.return_code);
          expect(result.status).toBe(200);
          if (code === '0') continue;
          expect(code, `${method}.${field}=${JSON.stringify(value)}`).not.toBe('1');
          expect(known.get(code), `${method}.${field}=${JSON.stringify(value)} -> ${code}`).toBe(result.envelope.return_msg);
          expect(result.envelope.response_data).toBeNull();
          if (WRITES.has(method)) expect(JSON.stringify(sandbox.waiqin.world()), `${method}.${field}=${JSON.stringify(value)}`).toBe(before);
        }
      }
      expect(unexpected).toEqual([]);
    });
  }
});
