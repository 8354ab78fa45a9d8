import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WaiqinState } from '../../../src/engine/waiqin/model.js';
import { getVoucherInfos } from '../../../src/engine/waiqin/operations.js';
import { WAIQIN_APPKEY, WAIQIN_OPENID } from '../../../src/engine/waiqin/tenant.js';
import { formatCompactTimestamp } from '../../../src/engine/shanghai-time.js';
import { encodeVoucherInfos } from '../../../src/http/waiqin/envelope.js';
import type { VoucherInfo } from '../../../src/engine/waiqin/views.js';
import type { Sandbox } from '../../../src/sandbox.js';
import { call, expectError, expectOk, readCall, voucherBody, waiqinSandbox, NOW } from './support.js';
import type { WaiqinErrorKey } from '../../../src/types/error-key.js';

/**
 * Signs the way a waiqin365 client in another language does, with an MD5 independent of the
 * sandbox's own signer (node:crypto here; Python's
 * `hashlib.md5((body + '|' + appkey + '|' + ts).encode('utf-8')).hexdigest()` gives the same
 * bytes), and sends the body bytes unchanged.
 */
async function pythonStyle(sandbox: Sandbox, method: string, body: string | Uint8Array, msgId = 'py-1') {
  const ts = formatCompactTimestamp(sandbox.clock.now());
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const digest = createHash('md5')
    .update(Buffer.concat([bytes, Buffer.from(`|${WAIQIN_APPKEY}|${ts}`, 'utf8')]))
    .digest('hex');
  const res = await sandbox.app.request(`/api/voucher/v1/${method}/${WAIQIN_OPENID}/${ts}/${digest}/${msgId}`, {
    method: 'POST',
    body: bytes,
    headers: { 'content-type': 'application/json' },
  });
  return readCall(res);
}

describe('signing as waiqin365 clients in other languages do', () => {
  it('node:crypto MD5 reproduces the documented worked example (an oracle independent of the sandbox)', () => {
    const body = '{"org_id":"ORG001","org_name":"南京掌控网络","org_parent_id":"","org_sequence":001}';
    expect(createHash('md5').update(`${body}|BFCO0PAgIUgd50c0l6|20150806142836`, 'utf8').digest('hex')).toBe('74267bf0cae0998a719879ec9b3c7780');
  });

  it('accepts a Python json.dumps body with Chinese characters, ensure_ascii=False', async () => {
    const sandbox = waiqinSandbox();
    // json.dumps(obj, ensure_ascii=False): ", " and ": " separators, raw UTF-8 Chinese.
    const body =
      '{"name": "满100减10（测试）", "startDate": "2030-06-15", "endDate": "2030-07-31", "money": "10", "doorsillType": "N", "payType": "UNLIMITED", "grantType": "HDFF", "eachCmNum": 1, "num": 5, "tradeRange": "1", "cmTypeName": "腻子专柜店", "prodMode": "ALL"}';
    const { voucherId } = expectOk(await pythonStyle(sandbox, 'addVoucherInfo', body), 'add-voucher-info');
    expect(sandbox.waiqin.world().vouchers.find((v) => v.id === voucherId)?.name).toBe('满100减10（测试）');
  });

  it('accepts a Python json.dumps body with default ensure_ascii=True (\\uXXXX escapes, ASCII bytes)', async () => {
    const sandbox = waiqinSandbox();
    const body = '{"voucherName": "\\u6ee1200\\u51cf20", "cmCode": "CUS010110"}';
    const before = sandbox.waiqin.world().vouchers.find((v) => v.name === '满200减20')!.received;
    const data = expectOk(await pythonStyle(sandbox, 'receiveVoucherInfo', body), 'receive-voucher-info');
    expect(data.voucherId).toBe('8144100181735612578');
    expect(sandbox.waiqin.world().vouchers.find((v) => v.name === '满200减20')!.received).toBe(before + 1);
  });

  it('accepts pretty-printed bodies with tabs, CRLF newlines and trailing whitespace exactly as signed', async () => {
    const sandbox = waiqinSandbox();
    const body = '{\r\n\t"voucher_id" : "8144100181735612578" ,\r\n\t"page_length" : 1\r\n}\r\n  ';
    expect(expectOk(await pythonStyle(sandbox, 'getCmInfos', body), 'get-cm-infos')).toEqual([
      { id: '8833956197749704288', code: 'CUS010043', name: '新增的终端' },
    ]);
  });

  it('answers BAD_JSON (after the digest passed) for the python-repr body of VENDOR-BEHAVIOUR.md D, echoing msg_id', async () => {
    const sandbox = waiqinSandbox();
    const result = await pythonStyle(sandbox, 'getVoucherInfos', "{'store_code': 'CUS002997'}", 'repr-1');
    expectError(result, 'BAD_JSON');
    expect(result.envelope.msg_id).toBe('repr-1');
    // The same body with a wrong digest is refused earlier, as BAD_DIGEST: the digest is checked first.
    expectError(await call(sandbox, 'getVoucherInfos', "{'store_code': 'CUS002997'}", { appkey: 'WRONGKEYWRONGKEY00' }), 'BAD_DIGEST');
  });

  it('answers BAD_JSON for the worked example body itself (valid digest, but 001 is not JSON)', async () => {
    expectError(
      await pythonStyle(waiqinSandbox(), 'getVoucherInfos', '{"org_id":"ORG001","org_name":"南京掌控网络","org_parent_id":"","org_sequence":001}'),
      'BAD_JSON',
    );
  });

  it('keeps serving valid bodies after invalid UTF-8 and a BOM (one shared strict decoder)', async () => {
    const sandbox = waiqinSandbox();
    expectError(await pythonStyle(sandbox, 'getCmInfos', new Uint8Array([0x7b, 0xe4, 0xb8])), 'BAD_JSON');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"voucher_id":"8144100181735612578"}')]);
    expect(expectOk(await pythonStyle(sandbox, 'getCmInfos', bom))).toHaveLength(2);
    expect(expectOk(await pythonStyle(sandbox, 'getCmInfos', '{"voucher_id":"8144100181735612578","x":"中文"}'))).toHaveLength(2);
  });
});

describe('path segments', () => {
  it('echoes a percent-encoded msg_id decoded, and a plain one unchanged', async () => {
    const sandbox = waiqinSandbox();
    const odd = await call(sandbox, 'getCmInfos', { voucher_id: '8144100181735612578' }, { msgId: '消息/1 #a%' });
    expect(odd.envelope.msg_id).toBe('消息/1 #a%');
    expectOk(odd);
    expect((await call(sandbox, 'getCmInfos', { voucher_id: '8144100181735612578' }, { msgId: 'X000001' })).envelope.msg_id).toBe('X000001');
  });
});

describe('ids and blanks as Java clients send them', () => {
  it('receives with cmId as a bare 19-digit JSON number (a Java long), keeping every digit', async () => {
    const sandbox = waiqinSandbox();
    const { voucherId } = expectOk(await call(sandbox, 'addVoucherInfo', voucherBody()));
    const data = expectOk(await call(sandbox, 'receiveVoucherInfo', `{"voucherId":${voucherId},"cmId":9139133117350330302}`), 'receive-voucher-info');
    expect(data.cmId).toBe('9139133117350330302');
  });

  it.each<[string, Record<string, unknown>, WaiqinErrorKey]>([
    ['finishVoucher', { voucherId: '   ' }, 'VOUCHER_ID_REQUIRED'],
    ['getCmInfos', { voucher_id: ' \t ' }, 'VOUCHER_ID_REQUIRED'],
    ['receiveVoucherInfo', { voucherId: '  ', cmCode: 'CUS010043' }, 'VOUCHER_REQUIRED'],
    ['receiveVoucherInfo', { voucherId: '8144100181735612578', cmCode: '  ' }, 'CM_IDENTITY_REQUIRED'],
    ['addVoucherInfo', voucherBody({ name: '   ' }), 'NAME_REQUIRED'],
  ])('treats whitespace-only text as not given: %s %j -> %s', async (method, body, key) => {
    const sandbox = waiqinSandbox();
    const before = JSON.stringify(sandbox.waiqin.world());
    expectError(await call(sandbox, method, body), key);
    expect(JSON.stringify(sandbox.waiqin.world())).toBe(before);
  });

  it('reads an integer literal of any length whole: 500 digits is PARAM_TOO_LONG, not BAD_JSON', async () => {
    expectError(await call(waiqinSandbox(), 'finishVoucher', `{"voucherId":${'9'.repeat(500)}}`), 'PARAM_TOO_LONG');
  });
});

describe('getVoucherInfos encoding', () => {
  const item = (id: string, cmInfoId: string): VoucherInfo =>
    ({ id, name: '券"1"', cmInfos: [{ id: cmInfoId, code: 'C', name: 'n' }] }) as unknown as VoucherInfo;

  it('writes only the top-level numeric id bare; nested ids and non-numeric ids stay strings', () => {
    const text = encodeVoucherInfos([item('6856083179295188426', '8833956197749704288'), item('X-1', '1')]);
    expect(text).toBe(
      '[{"id":6856083179295188426,"name":"券\\"1\\"","cmInfos":[{"id":"8833956197749704288","code":"C","name":"n"}]},' +
        '{"id":"X-1","name":"券\\"1\\"","cmInfos":[{"id":"1","code":"C","name":"n"}]}]',
    );
    expect(encodeVoucherInfos([])).toBe('[]');
  });

  it('answers the seeded page byte-identically to a reference encoding', async () => {
    const sandbox = waiqinSandbox();
    const result = await call(sandbox, 'getVoucherInfos', { page_length: 100 });
    const rows = sandbox.world.store<WaiqinState>('waiqin').read((s) => getVoucherInfos(s, { page_length: 100 }));
    const reference = `[${rows.map(({ id, ...rest }) => `{"id":${id},${JSON.stringify(rest).slice(1)}`).join(',')}]`;
    expect(result.envelope.response_data).toBe(reference);
    expect(NOW).toBe(sandbox.clock.now());
  });
});
