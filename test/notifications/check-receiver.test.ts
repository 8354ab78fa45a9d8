import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as keys from '../../src/engine/wechatpay/test-keys.js';
import { TEST_PUBLIC_KEY_MERCHANT } from '../../src/engine/wechatpay/test-keys-merchants.js';
import { TEST_PUBLIC_KEY_OF_PUBLIC_KEY_MERCHANT } from '../../src/engine/wechatpay/test-keys-public.js';
import { checkReceiver, junitReport } from '../../src/notifications/check-receiver.js';
import { serveSandbox } from '../../src/node.js';
import { runCli } from '../support/cli.js';
import { correctV3Receiver, correctWechatReceiver, naiveReceiver } from './correct-receivers.js';
import { localReceiver, type LocalReceiver } from './receiver.js';

let receiver: LocalReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const TOKEN = 'kitToken';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APPID = 'wx28d89742f3960faa';
const V3_INVALID = [
  'bad signature',
  'stale timestamp (10 minutes old)',
  'unknown Wechatpay-Serial',
  'tampered ciphertext (signed, fails to decrypt)',
  'tampered body (signature over the original)',
  'replayed request (same nonce and signature)',
  'signature probe (WECHATPAY/SIGNTEST/)',
];

describe('the receiver kit (checkReceiver) against local receivers over real sockets', () => {
  it('passes a correct COUPON.SEND receiver: both valid deliveries accepted, every invalid one rejected', async () => {
    receiver = await localReceiver(correctV3Receiver({ [keys.TEST_PLATFORM_SERIAL]: keys.TEST_PLATFORM_PUBLIC_KEY }, keys.TEST_APIV3_KEY));
    const report = await checkReceiver({ vendor: 'wechatpay', url: receiver.url });
    expect(report.cases.filter((c) => !c.passed)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.cases.filter((c) => c.expected === 'reject').map((c) => c.name)).toEqual(V3_INVALID);
  });

  it('signs with the public key of a public-key-mode merchant (the receiver picks the verifier by serial)', async () => {
    const pub = TEST_PUBLIC_KEY_OF_PUBLIC_KEY_MERCHANT;
    receiver = await localReceiver(correctV3Receiver({ [pub.id]: pub.publicKey }, TEST_PUBLIC_KEY_MERCHANT.apiv3Key));
    const report = await checkReceiver({ vendor: 'wechatpay', url: receiver.url, mchid: TEST_PUBLIC_KEY_MERCHANT.mchid });
    expect(report.passed).toBe(true);
  });

  it('fails a naive accept-everything receiver, naming each invalid delivery it accepted', async () => {
    receiver = await localReceiver(naiveReceiver);
    const report = await checkReceiver({ vendor: 'wechatpay', url: receiver.url });
    expect(report.passed).toBe(false);
    expect(report.cases.filter((c) => !c.passed).map((c) => c.name)).toEqual(V3_INVALID);
    const junit = junitReport(report);
    for (const name of V3_INVALID) expect(junit).toContain(`the receiver accepted an invalid delivery: ${name.replace(/"/g, '&quot;')}`);
  });

  it('fails a receiver that rejects the valid delivery', async () => {
    receiver = await localReceiver(() => ({ status: 500 }));
    const report = await checkReceiver({ vendor: 'wechatpay', url: receiver.url });
    expect(report.cases.filter((c) => !c.passed).map((c) => c.name)).toEqual(['valid COUPON.SEND', "the vendor's retry: same id, new nonce and signature"]);
  });

  it.each(['plain', 'compatible', 'safe'] as const)('card events, %s mode: passes a correct receiver, fails a naive one by name', async (mode) => {
    const settings = { vendor: 'wechat' as const, token: TOKEN, appid: APPID, mode, ...(mode !== 'plain' && { encodingAesKey: AES_KEY }) };
    receiver = await localReceiver(correctWechatReceiver(TOKEN, APPID, AES_KEY));
    const good = await checkReceiver({ ...settings, url: receiver.url });
    expect(good.cases.filter((c) => !c.passed)).toEqual([]);
    await receiver.close();
    receiver = await localReceiver(naiveReceiver);
    const naive = await checkReceiver({ ...settings, url: receiver.url });
    const expected = mode === 'plain' ? ['bad signature'] : ['bad signature', 'bad msg_signature', 'tampered Encrypt (msg_signature over the original)'];
    expect(naive.cases.filter((c) => !c.passed).map((c) => c.name)).toEqual(expected);
  });
});

describe('npx coupon-sandbox check-receiver (the built CLI)', () => {
  it('prints the table and exits 0 for a correct receiver', async () => {
    receiver = await localReceiver(correctV3Receiver({ [keys.TEST_PLATFORM_SERIAL]: keys.TEST_PLATFORM_PUBLIC_KEY }, keys.TEST_APIV3_KEY));
    const run = await runCli(['check-receiver', '--vendor', 'wechatpay', '--url', receiver.url]);
    expect(run.stdout).toContain('PASS  valid COUPON.SEND');
    expect(run.stdout).toContain('all 9 cases passed');
    expect(run.code).toBe(0);
  });

  it('exits 1 and writes JUnit naming each wrongly accepted case for a naive receiver', async () => {
    receiver = await localReceiver(naiveReceiver);
    const junit = join(mkdtempSync(join(tmpdir(), 'check-receiver-')), 'receiver.xml');
    const run = await runCli(['check-receiver', '--vendor', 'wechat', '--url', receiver.url, '--token', TOKEN, '--appid', APPID, '--junit', junit]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL  bad signature');
    expect(run.stdout).toContain('accepted "bad signature"');
    expect(existsSync(junit)).toBe(true);
    expect(readFileSync(junit, 'utf8')).toContain('<failure message="the receiver accepted an invalid delivery: bad signature">');
  });

  it('with --sandbox, signs with the key the running sandbox signs with now (after a certificate rotation)', async () => {
    const sandbox = await serveSandbox({ port: 0 });
    try {
      await fetch(`${sandbox.url}/_sandbox/wechatpay/merchants/${keys.TEST_MCHID}/rotate-certificate`, { method: 'POST', body: '{}' });
      const creds = (await (await fetch(`${sandbox.url}/_sandbox/credentials`)).json()).wechatpay;
      expect(creds.merchants[0].platform_serial_no).not.toBe(keys.TEST_PLATFORM_SERIAL);
      const current = creds.merchants[0].platform_certificates.find((c: any) => c.serial_no === creds.merchants[0].platform_serial_no);
      receiver = await localReceiver(correctV3Receiver({ [current.serial_no]: current.public_key }, keys.TEST_APIV3_KEY));
      const run = await runCli(['check-receiver', '--vendor', 'wechatpay', '--url', receiver.url, '--sandbox', sandbox.url]);
      expect(run.stdout).toContain('all 9 cases passed');
      expect(run.code).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('answers a usage mistake in one line with exit code 2', async () => {
    const run = await runCli(['check-receiver', '--vendor', 'wechat', '--url', 'http://127.0.0.1:9/']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('coupon-sandbox check-receiver: --vendor wechat needs --token and --appid (or --sandbox URL)');
  });
});
