import { seedMerchantKeys, type SigningKey } from '../engine/wechatpay/key-modes.js';
import { MERCHANT_ACCOUNTS } from '../engine/wechatpay/merchants.js';
import { TEST_ROTATION_CERTIFICATES } from '../engine/wechatpay/test-keys-platform.js';
import { pushSettings, type PushConfig } from '../engine/wechat/push-config.js';
import { formatRfc3339 } from '../engine/shanghai-time.js';
import { randomToken } from '../http/wechatpay/crypto.js';
import type { WireRequest } from './notification.js';
import { received, sendAttempt } from './send-attempt.js';
import { pushRequest, type PushOptions } from './wechat-wire.js';
import { couponSendBody, notificationId, notifyKey, probeSignature, v3CallbackRequest, type V3CallbackOptions } from './wechatpay-wire.js';

/** What the kit checks a receiver of one vendor with. */
export type CheckReceiverOptions =
  | {
      vendor: 'wechatpay';
      url: string;
      /** The merchant whose keys sign (TEST-ONLY keys of the sandbox; default the sandbox merchant). */
      mchid?: string;
      /** Override of the merchant's APIv3 key (what the receiver decrypts with). */
      apiv3Key?: string;
      /** Sign with the sandbox's TEST-ONLY key this serial (or PUB_KEY_ID_) names: the one a running sandbox signs with now (after a rotation, say). */
      serial?: string;
      /** Override of the signing key: a PKCS#8 PEM and the serial (or PUB_KEY_ID_) naming it. */
      signingKey?: SigningKey;
    }
  | {
      vendor: 'wechat';
      url: string;
      token: string;
      appid: string;
      mode?: PushConfig['mode'];
      format?: PushConfig['format'];
      encodingAesKey?: string;
    };

/** One case of the battery and what the receiver answered. */
export interface ReceiverCase {
  name: string;
  /** What a correct receiver does. */
  expected: 'accept' | 'reject';
  status: number | null;
  body: string;
  error: string | null;
  /** Whether the receiver took it as received (2xx for WeChat Pay; 200 with empty, `success` or a reply for WeChat). */
  accepted: boolean;
  passed: boolean;
}

export interface ReceiverReport {
  vendor: 'wechatpay' | 'wechat';
  url: string;
  passed: boolean;
  cases: ReceiverCase[];
}

interface Case {
  name: string;
  expected: 'accept' | 'reject';
  request: WireRequest;
}

/** The keys a merchant's notifications are signed with in a fresh sandbox, by mchid. */
function merchantSigning(mchid: string): { key: SigningKey; apiv3Key: string } {
  const account = MERCHANT_ACCOUNTS.find((m) => m.mchid === mchid);
  const keys = seedMerchantKeys().get(mchid);
  if (!account || !keys) throw new RangeError(`no TEST-ONLY keys for merchant ${mchid}: one of ${MERCHANT_ACCOUNTS.map((m) => m.mchid).join(', ')}`);
  return { key: notifyKey(keys), apiv3Key: account.apiv3Key };
}

/** The sandbox's TEST-ONLY key a serial or public-key id names (seeded certificates, public keys, rotation spares). */
function testKeyOf(serial: string): SigningKey {
  for (const keys of seedMerchantKeys().values()) {
    for (const c of keys.certificates) if (c.serial === serial) return { serial, privateKeyPem: c.privateKeyPem };
    if (keys.publicKey?.id === serial) return { serial, privateKeyPem: keys.publicKey.privateKeyPem };
  }
  const spare = TEST_ROTATION_CERTIFICATES.find((c) => c.serial === serial);
  if (spare) return { serial, privateKeyPem: spare.privateKey };
  throw new RangeError(`no TEST-ONLY key of the sandbox has serial ${serial}`);
}

/** A serial no merchant has (40 hex digits, like a certificate's). */
const unknownSerial = () => randomToken(40, '0123456789ABCDEF');

/** WeChat Pay: a fresh COUPON.SEND each (new id, new coupon) unless the case is about repeating one. */
async function wechatpayCases(options: Extract<CheckReceiverOptions, { vendor: 'wechatpay' }>): Promise<Case[]> {
  const base = merchantSigning(options.mchid ?? MERCHANT_ACCOUNTS[0]!.mchid);
  const key = options.signingKey ?? (options.serial !== undefined ? testKeyOf(options.serial) : base.key);
  const apiv3Key = options.apiv3Key ?? base.apiv3Key;
  const mchid = options.mchid ?? MERCHANT_ACCOUNTS[0]!.mchid;
  const now = Date.now();
  const resource = (code: string) => ({
    event_type: 'EVENT_TYPE_BUSICOUPON_SEND',
    coupon_code: code,
    stock_id: '98065001',
    send_time: formatRfc3339(now),
    send_channel: 'BUSICOUPON_SEND_CHANNEL_API',
    send_merchant: mchid,
  });
  const body = (id = notificationId()) => couponSendBody(id, formatRfc3339(now), resource(randomToken(22, '0123456789')), apiv3Key);
  const signed = async (text: string, options: V3CallbackOptions = {}) => v3CallbackRequest(url, text, key, options);
  const url = options.url;

  const validBody = await body();
  const valid = await signed(validBody);
  const tampered = JSON.parse(await body()) as { resource: { ciphertext: string } };
  const bytes = tampered.resource.ciphertext;
  tampered.resource.ciphertext = (bytes[0] === 'A' ? 'B' : 'A') + bytes.slice(1);
  const other = await body();
  const wrongSignature = (await signed(`${other} `)).headers['wechatpay-signature'];
  return [
    { name: 'valid COUPON.SEND', expected: 'accept', request: valid },
    { name: "the vendor's retry: same id, new nonce and signature", expected: 'accept', request: await signed(validBody) },
    { name: 'bad signature', expected: 'reject', request: await signed(other, { signature: wrongSignature }) },
    { name: 'stale timestamp (10 minutes old)', expected: 'reject', request: await signed(await body(), { timestamp: Math.floor(now / 1000) - 600 }) },
    { name: 'unknown Wechatpay-Serial', expected: 'reject', request: await signed(await body(), { serial: unknownSerial() }) },
    { name: 'tampered ciphertext (signed, fails to decrypt)', expected: 'reject', request: await signed(JSON.stringify(tampered)) },
    {
      name: 'tampered body (signature over the original)',
      expected: 'reject',
      request: { ...valid, body: validBody.replace('"COUPON.SEND"', '"COUPON.USE"') },
    },
    { name: 'replayed request (same nonce and signature)', expected: 'reject', request: valid },
    { name: 'signature probe (WECHATPAY/SIGNTEST/)', expected: 'reject', request: await signed(await body(), { signature: probeSignature() }) },
  ];
}

async function wechatCases(options: Extract<CheckReceiverOptions, { vendor: 'wechat' }>): Promise<Case[]> {
  const config: PushConfig = pushSettings({ ...options, encoding_aes_key: options.encodingAesKey });
  const event = (openid: string) => ({
    config,
    fields: {
      ToUserName: 'gh_000000000000',
      FromUserName: openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'user_get_card',
      CardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc',
      IsGiveByFriend: 0,
      FriendUserName: '',
      UserCardCode: randomToken(12, '0123456789'),
      OldUserCardCode: '',
      OuterId: 0,
      OuterStr: '',
      IsRestoreMemberCard: 0,
      IsRecommendByFriend: 0,
    },
  });
  const push = (o: PushOptions = {}) => pushRequest(event(`o-kit-${randomToken(8)}`), o);
  const wrong = randomToken(40, '0123456789abcdef');
  const cases: Case[] = [
    { name: 'valid user_get_card', expected: 'accept', request: await push() },
    { name: 'bad signature', expected: 'reject', request: await push({ signature: wrong }) },
  ];
  if (config.mode !== 'plain') {
    cases.push({ name: 'bad msg_signature', expected: 'reject', request: await push({ msgSignature: wrong }) });
    cases.push({
      name: 'tampered Encrypt (msg_signature over the original)',
      expected: 'reject',
      request: await push({ tamperBody: (b) => b.replace(/(Encrypt(?:><!\[CDATA\[|":"))(.)/, (_m, p: string, c: string) => `${p}${c === 'A' ? 'B' : 'A'}`) }),
    });
  }
  return cases;
}

/**
 * The receiver test kit: sends a receiver one valid delivery and a battery of invalid ones, and
 * reports what it answered. It passes when the receiver accepts the valid one (and, for WeChat
 * Pay, the vendor's retry of it) and rejects every other: bad signature, stale timestamp, unknown
 * serial, tampered ciphertext or body, a replayed request, WeChat Pay's signature probe; for card
 * events a bad `signature` / `msg_signature` and a tampered `Encrypt`. Usable from vitest.
 *
 * @example
 * const report = await checkReceiver({ vendor: 'wechatpay', url: 'http://127.0.0.1:3000/notify' });
 * expect(report.cases.filter((c) => !c.passed)).toEqual([]);
 */
export async function checkReceiver(options: CheckReceiverOptions): Promise<ReceiverReport> {
  const cases = options.vendor === 'wechatpay' ? await wechatpayCases(options) : await wechatCases(options);
  const results: ReceiverCase[] = [];
  // One after another: the replay must come after the request it replays.
  for (const c of cases) {
    const answer = await sendAttempt({ id: c.name, vendor: options.vendor, event: 'check-receiver', kind: 'delivery', request: c.request }, undefined);
    const accepted =
      options.vendor === 'wechatpay' ? answer.status !== null && answer.status >= 200 && answer.status < 300 : received('wechat', answer.status, answer.body);
    results.push({
      name: c.name,
      expected: c.expected,
      status: answer.status,
      body: answer.body.slice(0, 200),
      error: answer.error,
      accepted,
      passed: accepted === (c.expected === 'accept'),
    });
  }
  return { vendor: options.vendor, url: options.url, passed: results.every((r) => r.passed), cases: results };
}

/** The report as a table for a terminal. */
export function formatReport(report: ReceiverReport): string {
  const rows = report.cases.map((c) => [
    c.passed ? 'PASS' : 'FAIL',
    c.name,
    c.expected,
    c.status === null ? (c.error ?? 'no answer') : String(c.status),
    c.body.replace(/\s+/g, ' ').slice(0, 40),
  ]);
  const head = ['', 'case', 'expected', 'answer', 'body'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const failed = report.cases.filter((c) => !c.passed);
  const verdict = report.passed
    ? `receiver ${report.url}: all ${report.cases.length} cases passed`
    : `receiver ${report.url}: ${failed.length} of ${report.cases.length} cases failed: ${failed.map((c) => (c.expected === 'reject' ? `accepted "${c.name}"` : `rejected "${c.name}"`)).join('; ')}`;
  return [line(head), ...rows.map(line), verdict].join('\n');
}

/** The report as JUnit XML (one testsuite, a testcase per case, a failure for each one that failed). */
export function junitReport(report: ReceiverReport): string {
  const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const failures = report.cases.filter((c) => !c.passed).length;
  const cases = report.cases.map((c) => {
    const what = `${c.name} (${report.vendor})`;
    if (c.passed) return `  <testcase classname="check-receiver.${report.vendor}" name="${esc(what)}"/>`;
    const message = c.expected === 'reject' ? `the receiver accepted an invalid delivery: ${c.name}` : `the receiver rejected a valid delivery: ${c.name}`;
    const detail = `answer: ${c.status ?? c.error ?? 'none'} ${c.body}`;
    return `  <testcase classname="check-receiver.${report.vendor}" name="${esc(what)}">\n    <failure message="${esc(message)}">${esc(detail)}</failure>\n  </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="check-receiver ${esc(report.url)}" tests="${report.cases.length}" failures="${failures}">\n${cases.join('\n')}\n</testsuite>\n`;
}
