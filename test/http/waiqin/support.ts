import { createSandbox, type Sandbox } from '../../../src/sandbox.js';
import type { SandboxOptions } from '../../../src/options.js';
import { errorEntry } from '../../../src/errors/catalogue.js';
import { schemaId, schemas } from '../../../src/schema/registry.js';
import { signWaiqinRequest } from '../../../src/http/waiqin/signer.js';
import { WAIQIN_APPKEY, WAIQIN_OPENID } from '../../../src/engine/waiqin/tenant.js';
import { expect } from 'vitest';
import { parseJsonExact } from '../../../src/http/waiqin/big-json.js';
import type { WaiqinErrorKey } from '../../../src/types/error-key.js';

const exact = (text: string): unknown => {
  const parsed = parseJsonExact(text);
  if (!parsed.ok) throw new Error(`response_data is not JSON: ${text}`);
  return parsed.value;
};

/** 2030-06-15 10:00:00 Asia/Shanghai: a fixed, frozen "now" for every waiqin test. */
export const NOW = Date.parse('2030-06-15T10:00:00+08:00');
export const TODAY = '2030-06-15';

export interface Call {
  status: number;
  contentType: string | null;
  /** The raw response text (getVoucherInfos ids are bare big numbers in response_data). */
  text: string;
  envelope: { return_code: string | number; return_msg: string | null; msg_id: string | null; response_data: string | null };
  /** response_data decoded, big integers kept exact as strings (null when none). */
  data: any;
}

/** A frozen sandbox that validates every response it sends. */
export function waiqinSandbox(options: SandboxOptions = {}): Sandbox {
  return createSandbox({ validateResponses: true, startAt: NOW, frozen: true, ...options });
}

/** Signs `body` (an object is JSON.stringified; a string is sent byte for byte) like a waiqin365 client and posts it. */
export async function call(
  sandbox: Sandbox,
  method: string,
  body: unknown,
  over: { appkey?: string; openid?: string; timestamp?: string; msgId?: string; digest?: string; httpMethod?: string } = {},
): Promise<Call> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const signed = signWaiqinRequest({
    method,
    body: text,
    openid: over.openid ?? WAIQIN_OPENID,
    appkey: over.appkey ?? WAIQIN_APPKEY,
    now: sandbox.clock.now(),
    timestamp: over.timestamp,
    msgId: over.msgId ?? 'msg-1',
  });
  const path = over.digest ? signed.path.replace(signed.digest, over.digest) : signed.path;
  const res = await sandbox.app.request(path, {
    method: over.httpMethod ?? 'POST',
    body: over.httpMethod === 'GET' ? undefined : text,
    headers: { 'content-type': 'application/json' },
  });
  return readCall(res);
}

export async function readCall(res: Response): Promise<Call> {
  const text = await res.text();
  const envelope = JSON.parse(text);
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    text,
    envelope,
    // Decoded the careful way: big integer literals (getVoucherInfos ids) keep every digit, as strings.
    data: envelope.response_data === null ? null : exact(envelope.response_data),
  };
}

/** Asserts a success envelope, and that its decoded data matches the operation's .data schema. */
export function expectOk(result: Call, dataSchema?: string): any {
  expect(result.status).toBe(200);
  expect(result.envelope.return_msg, String(result.envelope.return_msg)).toBeNull();
  expect(result.envelope.return_code).toBe('0');
  if (dataSchema) {
    const check = schemas().validate(schemaId(`waiqin/${dataSchema}.data.json`), result.data);
    expect(check.ok ? [] : check.issues.map((i) => i.message)).toEqual([]);
  }
  return result.data;
}

/** Asserts the catalogued error `key` in the envelope (HTTP 200, code as a string, Chinese message, no data). */
export function expectError(result: Call, key: WaiqinErrorKey): void {
  const entry = errorEntry('waiqin', key);
  expect(result.status).toBe(200);
  expect({ code: result.envelope.return_code, msg: result.envelope.return_msg, data: result.envelope.response_data }).toEqual({
    code: String(entry.code),
    msg: entry.message,
    data: null,
  });
}

/** A valid addVoucherInfo body for seeded customer CUS010043 (override fields per test). */
export function voucherBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '测试满100减10',
    startDate: TODAY,
    endDate: '2030-07-31',
    money: '10',
    doorsillAmount: 100,
    doorsillType: 'Y',
    payType: 'UNLIMITED',
    remark: '使用说明',
    grantType: 'HDFF',
    eachCmNum: 1,
    num: 10,
    tradeRange: '2',
    cmCode: 'CUS010043,CUS010103',
    prodMode: 'ALL',
    ...over,
  };
}
