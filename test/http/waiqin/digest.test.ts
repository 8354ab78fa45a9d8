import { describe, expect, it } from 'vitest';
import { waiqinDigest } from '../../../src/http/waiqin/digest.js';
import { signWaiqinRequest } from '../../../src/http/waiqin/signer.js';
import { parseJsonExact, quoteUnsafeIntegers } from '../../../src/http/waiqin/big-json.js';
import { WAIQIN_APPKEY, WAIQIN_OPENID } from '../../../src/engine/waiqin/tenant.js';
import { call, expectError, expectOk, readCall, waiqinSandbox } from './support.js';

// VENDOR-BEHAVIOUR.md D: the documented worked example (note the body is not even valid JSON: 001).
const BODY = '{"org_id":"ORG001","org_name":"南京掌控网络","org_parent_id":"","org_sequence":001}';
const APPKEY = 'BFCO0PAgIUgd50c0l6';
const TIMESTAMP = '20150806142836';
const DIGEST = '74267bf0cae0998a719879ec9b3c7780';

describe('waiqin365 digest', () => {
  it('reproduces the documented worked example', () => {
    expect(waiqinDigest(BODY, APPKEY, TIMESTAMP)).toBe(DIGEST);
    expect(waiqinDigest(new TextEncoder().encode(BODY), APPKEY, TIMESTAMP)).toBe(DIGEST);
  });

  it.each([
    ['a tampered body', BODY.replace('ORG001', 'ORG002'), APPKEY, TIMESTAMP],
    ['a re-serialised body (whitespace)', BODY.replace(',', ', '), APPKEY, TIMESTAMP],
    ['another appkey', BODY, APPKEY.replace('B', 'b'), TIMESTAMP],
    ['another timestamp', BODY, APPKEY, '20150806142837'],
  ])('changes with %s', (_what, body, appkey, timestamp) => {
    expect(waiqinDigest(body, appkey, timestamp)).not.toBe(DIGEST);
    expect(waiqinDigest(body, appkey, timestamp)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('signs the path the way a waiqin365 client builds it', () => {
    const signed = signWaiqinRequest({ method: 'getVoucherInfos', body: BODY, openid: WAIQIN_OPENID, appkey: APPKEY, timestamp: TIMESTAMP, msgId: 'X000001' });
    expect(signed.path).toBe(`/api/voucher/v1/getVoucherInfos/${WAIQIN_OPENID}/${TIMESTAMP}/${DIGEST}/X000001`);
  });

  it('stamps Asia/Shanghai local time', () => {
    const signed = signWaiqinRequest({ method: 'm', body: '{}', openid: 'o', appkey: 'k', now: Date.parse('2015-08-06T06:28:36Z') });
    expect(signed.timestamp).toBe(TIMESTAMP);
  });
});

describe('the sandbox checks the digest over the exact raw bytes', () => {
  it('accepts a body with unusual formatting exactly as signed (never re-serialised)', async () => {
    const sandbox = waiqinSandbox();
    const raw = '{ "page_length" : 1 ,\n  "page_number":"1" }';
    expect(expectOk(await call(sandbox, 'getVoucherInfos', raw), 'get-voucher-infos')).toHaveLength(1);
  });

  it('answers BAD_DIGEST for a body changed after signing', async () => {
    const sandbox = waiqinSandbox();
    const signed = signWaiqinRequest({
      method: 'getVoucherInfos',
      body: '{"page_length":1}',
      openid: WAIQIN_OPENID,
      appkey: WAIQIN_APPKEY,
      now: sandbox.clock.now(),
      msgId: 'm',
    });
    const result = await readCall(await sandbox.app.request(signed.path, { method: 'POST', body: '{"page_length":2}' }));
    expectError(result, 'BAD_DIGEST');
    expect(result.envelope.msg_id).toBe('m');
  });

  it('answers BAD_DIGEST for a digest made with another appkey', async () => {
    expectError(await call(waiqinSandbox(), 'getVoucherInfos', {}, { appkey: 'WRONGKEYWRONGKEY00' }), 'BAD_DIGEST');
  });

  it('answers BAD_DIGEST when the timestamp in the path is not the one signed', async () => {
    const sandbox = waiqinSandbox();
    const signed = signWaiqinRequest({
      method: 'getVoucherInfos',
      body: '{}',
      openid: WAIQIN_OPENID,
      appkey: WAIQIN_APPKEY,
      now: sandbox.clock.now(),
      msgId: 'm',
    });
    const other = String(Number(signed.timestamp) + 1);
    expectError(await readCall(await sandbox.app.request(signed.path.replace(signed.timestamp, other), { method: 'POST', body: '{}' })), 'BAD_DIGEST');
  });

  it('refuses an uppercase digest (clients send lowercase hex)', async () => {
    const sandbox = waiqinSandbox();
    const signed = signWaiqinRequest({ method: 'getVoucherInfos', body: '{}', openid: WAIQIN_OPENID, appkey: WAIQIN_APPKEY, now: sandbox.clock.now() });
    expectError(await call(sandbox, 'getVoucherInfos', '{}', { digest: signed.digest.toUpperCase() }), 'BAD_DIGEST');
  });
});

describe('big integer literals', () => {
  it('keeps every digit of ids sent as JSON numbers', () => {
    const parsed = parseJsonExact('{"voucherId":7087421684223516948,"n":12,"s":"99999999999999999999","f":1.5e3,"neg":-9007199254740993}');
    expect(parsed).toEqual({ ok: true, value: { voucherId: '7087421684223516948', n: 12, s: '99999999999999999999', f: 1500, neg: '-9007199254740993' } });
  });

  it('leaves strings with escaped quotes and invalid JSON alone', () => {
    expect(quoteUnsafeIntegers('{"a":"x\\"12345678901234567890"}')).toBe('{"a":"x\\"12345678901234567890"}');
    expect(parseJsonExact('{"a":12345678901234567890')).toEqual({ ok: false });
  });
});
