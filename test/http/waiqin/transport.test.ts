import { describe, expect, it } from 'vitest';
import { waiqinRules } from '../../../src/http/waiqin/rules.js';
import { WAIQIN_APPKEY, WAIQIN_OPENID } from '../../../src/engine/waiqin/tenant.js';
import { formatCompactTimestamp } from '../../../src/engine/shanghai-time.js';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { signWaiqinRequest } from '../../../src/http/waiqin/signer.js';
import { call, expectError, expectOk, readCall, waiqinSandbox, NOW } from './support.js';
import type { WaiqinErrorKey } from '../../../src/types/error-key.js';

const signedPath = (method: string, body: string, over: { timestamp?: string; openid?: string } = {}) =>
  signWaiqinRequest({ method, body, openid: over.openid ?? WAIQIN_OPENID, appkey: WAIQIN_APPKEY, now: NOW, timestamp: over.timestamp, msgId: 'm-42' }).path;

describe('waiqin365 envelope', () => {
  it('answers HTTP 200 JSON with return_code "0", msg_id echoed and response_data as a JSON string', async () => {
    const result = await call(waiqinSandbox(), 'getCmInfos', { voucher_id: '8144100181735612578' }, { msgId: 'X000001' });
    expect(result.contentType).toBe('application/json;charset=UTF-8');
    expect(result.envelope.msg_id).toBe('X000001');
    expect(typeof result.envelope.response_data).toBe('string');
    expect(Object.keys(result.envelope)).toEqual(['return_code', 'return_msg', 'msg_id', 'response_data']);
    expectOk(result, 'get-cm-infos');
  });

  it('sends return_code as a number with waiqinReturnCode "number", for successes and errors', async () => {
    const sandbox = waiqinSandbox({ waiqinReturnCode: 'number' });
    expect((await call(sandbox, 'getVoucherInfos', {})).envelope.return_code).toBe(0);
    const failed = await call(sandbox, 'finishVoucher', {});
    expect(failed.envelope.return_code).toBe(errorEntry('waiqin', 'VOUCHER_ID_REQUIRED').code);
    expect(typeof failed.envelope.return_code).toBe('number');
  });

  it('answers a sandbox bug with FAILURE (return_code 1) in the envelope, reporting it', async () => {
    const seen: unknown[] = [];
    const sandbox = waiqinSandbox({ onUnexpectedError: (e) => seen.push(e) });
    const rule = waiqinRules['waiqin.getVoucherInfos'];
    const original = rule.run;
    rule.run = () => {
      throw new Error('boom');
    };
    const result = await call(sandbox, 'getVoucherInfos', {}, { msgId: 'bug-1' }).finally(() => (rule.run = original));
    expectError(result, 'FAILURE');
    expect(result.envelope.return_code).toBe('1');
    expect(result.envelope.msg_id).toBe('bug-1');
    expect(seen).toHaveLength(1);
  });
});

describe('waiqin365 path and authentication errors', () => {
  const base = `/api/voucher/v1/getVoucherInfos/${WAIQIN_OPENID}`;
  it.each([
    ['too few segments', `${base}/20300615100000/abc`],
    ['too many segments', `${base}/20300615100000/abc/m/extra`],
    ['an empty segment', `${base}/20300615100000//m`],
    ['a trailing slash', `${base}/20300615100000/abc/m/`],
    ['another module', `/api/coupon/v1/getVoucherInfos/${WAIQIN_OPENID}/20300615100000/abc/m`],
    ['a bare /api/', '/api/'],
    ['a msg_id over 64 characters', `${base}/20300615100000/abc/${'x'.repeat(65)}`],
    ['a bad percent-escape', `${base}/20300615100000/abc/%E0%A4%A`],
  ])('answers BAD_PATH for %s', async (_what, path) => {
    const result = await readCall(await waiqinSandbox().app.request(path, { method: 'POST', body: '{}' }));
    expectError(result, 'BAD_PATH');
  });

  it('answers UNKNOWN_METHOD for a method that is not one of the seven (case-sensitive)', async () => {
    expectError(await call(waiqinSandbox(), 'getvoucherinfos', {}), 'UNKNOWN_METHOD');
    expectError(await call(waiqinSandbox(), 'deleteVoucher', {}), 'UNKNOWN_METHOD');
  });

  it('answers METHOD_NOT_ALLOWED for GET', async () => {
    expectError(await call(waiqinSandbox(), 'getVoucherInfos', '', { httpMethod: 'GET' }), 'METHOD_NOT_ALLOWED');
  });

  it.each(['2030061510000', '203006151000001', '20301315100000', '20300230100000', '20300615250000', 'abcdefghijklmn'])(
    'answers BAD_TIMESTAMP for %s',
    async (timestamp) => {
      const result = await readCall(await waiqinSandbox().app.request(signedPath('getVoucherInfos', '{}', { timestamp }), { method: 'POST', body: '{}' }));
      expectError(result, 'BAD_TIMESTAMP');
      expect(result.envelope.msg_id).toBe('m-42');
    },
  );

  it('answers UNKNOWN_OPENID for an openid that is not the tenant', async () => {
    expectError(await call(waiqinSandbox(), 'getVoucherInfos', {}, { openid: '1111111111111111111' }), 'UNKNOWN_OPENID');
  });

  it('accepts timestamps up to 600 s away either way and answers STALE_TIMESTAMP beyond', async () => {
    const sandbox = waiqinSandbox();
    const at = (offsetS: number) => formatCompactTimestamp(NOW + offsetS * 1000);
    expectOk(await call(sandbox, 'getVoucherInfos', {}, { timestamp: at(-600) }));
    expectOk(await call(sandbox, 'getVoucherInfos', {}, { timestamp: at(600) }));
    expectError(await call(sandbox, 'getVoucherInfos', {}, { timestamp: at(-601) }), 'STALE_TIMESTAMP');
    expectError(await call(sandbox, 'getVoucherInfos', {}, { timestamp: at(601) }), 'STALE_TIMESTAMP');
  });

  it('reads the timestamp as Asia/Shanghai time: a UTC wall-clock stamp is 8 hours stale', async () => {
    const utcStamp = new Date(NOW).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    expectError(await call(waiqinSandbox(), 'getVoucherInfos', {}, { timestamp: utcStamp }), 'STALE_TIMESTAMP');
  });

  it('follows the sandbox clock, not the real one', async () => {
    const sandbox = waiqinSandbox();
    const stamp = formatCompactTimestamp(NOW);
    sandbox.clock.advance(11 * 60 * 1000);
    expectError(await call(sandbox, 'getVoucherInfos', {}, { timestamp: stamp }), 'STALE_TIMESTAMP');
  });
});

describe('waiqin365 body errors never crash and never change state', () => {
  it('answers BODY_TOO_LARGE over 1 MiB', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    expectError(await call(waiqinSandbox(), 'addVoucherInfo', big), 'BODY_TOO_LARGE');
  });

  it.each([
    ['malformed JSON', '{"voucherId":'],
    ['an empty body', ''],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
    ['a JSON array', '[]'],
    ['a JSON string', '"x"'],
    ['JSON null', 'null'],
  ])('answers BAD_JSON for %s', async (_what, body) => {
    const sandbox = waiqinSandbox();
    const signed = signWaiqinRequest({ method: 'finishVoucher', body, openid: WAIQIN_OPENID, appkey: WAIQIN_APPKEY, now: NOW, msgId: 'm' });
    const result = await readCall(await sandbox.app.request(signed.path, { method: 'POST', body }));
    expectError(result, 'BAD_JSON');
  });

  it.each<[string, Record<string, unknown>, WaiqinErrorKey]>([
    ['an object where text is expected', { voucherId: { id: 1 } }, 'PARAM_TYPE'],
    ['a boolean id', { voucherId: true }, 'PARAM_TYPE'],
    ['an empty id', { voucherId: '' }, 'VOUCHER_ID_REQUIRED'],
    ['a null id', { voucherId: null }, 'VOUCHER_ID_REQUIRED'],
    ['an id over VARCHAR(32)', { voucherId: '1'.repeat(33) }, 'PARAM_TOO_LONG'],
  ])('answers %s with its code', async (_what, body, key) => {
    const sandbox = waiqinSandbox();
    const before = JSON.stringify(sandbox.waiqin.world());
    expectError(await call(sandbox, 'finishVoucher', body), key);
    expect(JSON.stringify(sandbox.waiqin.world())).toBe(before);
  });
});
