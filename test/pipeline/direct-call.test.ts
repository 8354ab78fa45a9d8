import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readmeBlocks } from '../support/readme.js';
import { createSandbox } from '../../src/sandbox.js';
import type { WechatErrorKey } from '../../src/types/error-key.js';
import { VendorError } from '../../src/engine/vendor-error.js';
import { errorEntry } from '../../src/errors/catalogue.js';
import { wechatSandbox } from '../http/wechat/support.js';
import { call as payCall, paySandbox, SEEDED, U0, APPID } from '../http/wechatpay/support.js';
import { call as waiqinCall, waiqinSandbox } from '../http/waiqin/support.js';

/** The VendorError a direct call rejects with (fails the test when it resolves). */
async function rejection(pending: Promise<unknown>): Promise<VendorError> {
  const outcome = await pending.then(
    (body) => ({ body }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a vendor error, got ${JSON.stringify(outcome.body)}`);
  expect(outcome.error).toBeInstanceOf(VendorError);
  return outcome.error as VendorError;
}

describe('sandbox.call runs an operation through the same input check and rule as HTTP', () => {
  it('answers WeChat code/get with the very body HTTP answers', async () => {
    const w = wechatSandbox();
    const app = w.sandbox.wechat.identities().apps[0]!;
    const code = app.users.find((u) => u.codes.length > 0)!.codes[0]!.code;
    const direct = await w.sandbox.call('wechat.code-get', { code }, { as: app.appid });
    const overHttp = await w.post('/card/code/get', { code }, await w.token());
    expect(direct).toEqual(overHttp.json);
    expect(direct.errcode).toBe(0);
  });

  it.each<[string, Record<string, unknown>, WechatErrorKey]>([
    ['a missing code', {}, '41013'],
    ['an empty code', { code: '' }, '41013'],
    ['a code of the wrong type', { code: 12 }, '47001'],
    ['a code longer than string(20)', { code: 'x'.repeat(21) }, '45021'],
  ])('refuses %s with the WeChat code HTTP answers', async (_name, body, key) => {
    const w = wechatSandbox();
    const token = await w.token();
    const error = await rejection(w.sandbox.call('wechat.code-consume', body as { code: string }));
    expect(error.key).toBe(key);
    expect((await w.post('/card/code/consume', body, token)).json.errcode).toBe(Number(errorEntry('wechat', key).code));
  });

  it('issues a WeChat access_token that then works over HTTP, checking appid before grant_type as WeChat does', async () => {
    const w = wechatSandbox();
    const { appid, secret } = w.sandbox.wechat.credentials();
    const issued = await w.sandbox.call('wechat.token', { grant_type: 'client_credential', appid, secret });
    expect((await w.post('/card/batchget', { offset: 0, count: 1 }, issued.access_token)).json.errcode).toBe(0);
    expect((await rejection(w.sandbox.call('wechat.token', { appid: 'wx-nobody', secret }))).key).toBe('40013');
  });

  it('refuses a WeChat Pay body with the PARAM_ERROR detail HTTP answers, and changes nothing', async () => {
    const ctx = paySandbox();
    const body = { stock_id: SEEDED.normal, openid: U0, appid: APPID, out_request_no: 12, send_coupon_merchant: '1230000109' };
    const error = await rejection(ctx.sandbox.call('wechatpay.busifavor-send-coupon', body as never));
    const overHttp = await payCall(ctx.sandbox, 'POST', '/v3/marketing/busifavor/coupons/send', body);
    expect(error.key).toBe('PARAM_ERROR');
    expect(overHttp.status).toBe(errorEntry('wechatpay', 'PARAM_ERROR').status);
    expect(overHttp.json).toEqual({ code: 'PARAM_ERROR', message: errorEntry('wechatpay', 'PARAM_ERROR').message, detail: error.detail });
  });

  it('answers waiqin365 with the envelope HTTP answers (msg_id aside) and the same vendor errors', async () => {
    const sandbox = waiqinSandbox();
    const direct = await sandbox.call('waiqin.getVoucherInfos', { page_length: 3 });
    const overHttp = await waiqinCall(sandbox, 'getVoucherInfos', { page_length: 3 });
    expect({ ...direct, msg_id: 'msg-1' }).toEqual(overHttp.envelope);
    expect((await rejection(sandbox.call('waiqin.finishVoucher', {} as never))).key).toBe('VOUCHER_ID_REQUIRED');
    expect((await waiqinCall(sandbox, 'finishVoucher', {})).envelope.return_msg).toBe(errorEntry('waiqin', 'VOUCHER_ID_REQUIRED').message);
  });

  it('acts as the caller it is told to be: another app’s code is unknown to the default app', async () => {
    const w = wechatSandbox();
    const [main, other] = w.sandbox.wechat.identities().apps;
    const code = other!.users.find((u) => u.codes.length > 0)!.codes[0]!.code;
    expect((await w.sandbox.call('wechat.code-get', { code }, { as: other!.appid })).errcode).toBe(0);
    expect((await rejection(w.sandbox.call('wechat.code-get', { code }, { as: main!.appid }))).key).toBe('40056');
  });
});

describe('the README example of plain calls', () => {
  it('runs as written: the first consume answers ok, the second 40099', async () => {
    const [block] = readmeBlocks('Arranging and inspecting state: plain calls, typed').filter((b) => b.lang === 'ts');
    const sandbox = createSandbox();
    // The block's awaits run inside an async function with `sandbox` in scope; each answer is collected.
    const lines = block!.code.trim().split('\n');
    const answers: unknown[] = [];
    const body = lines.map((line) => (line.startsWith('await ') ? `answers.push(${line.slice(6).replace(/;.*$/, '')});` : line)).join('\n');
    // Written out as a module and imported: the block runs as a user's file would (TypeScript's `!` dropped).
    const file = join(mkdtempSync(join(tmpdir(), 'readme-call-')), 'example.mjs');
    writeFileSync(file, `export default async (sandbox, answers) => {\n${body.replace(/!\./g, '.')}\n};\n`);
    const run = (await import(pathToFileURL(file).href)) as { default: (s: unknown, a: unknown[]) => Promise<void> };
    await run.default(sandbox, answers);
    const settled = await Promise.all(answers);
    expect((settled[0] as { errcode: number }).errcode).toBe(0);
    expect(settled[1]).toBe('40099');
  });
});
