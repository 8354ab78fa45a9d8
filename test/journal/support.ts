import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedV3Request } from '../../src/http/wechatpay/signer.js';
import { signWaiqinRequest } from '../../src/http/waiqin/signer.js';
import * as keys from '../../src/engine/wechatpay/test-keys.js';
import { APPIDS, TEST_OPENIDS } from '../../src/engine/wechatpay/identities.js';
import { startCli, type RunningCli } from '../support/cli.js';

export const PAY_APPID: string = APPIDS[0];
export const U0: string = TEST_OPENIDS[0];
const MERCHANT = { mchid: keys.TEST_MCHID, serial: keys.TEST_MERCHANT_SERIAL, privateKeyPem: keys.TEST_MERCHANT_PRIVATE_KEY };

/** A new empty directory under the system temp dir, the data dir of one test. */
export function freshDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'coupon-journal-')), 'data');
}

/** The built CLI on a free port, on a data dir, ids pinned. */
export function startOn(dir: string, more: string[] = []): Promise<RunningCli> {
  return startCli(['--port', '0', '--quiet', '--deterministic-ids', '--data-dir', dir, ...more]);
}

export interface Answer {
  status: number;
  text: string;
  json: any;
}

/** One client of a running sandbox, for all three vendors (WeChat Pay signed, waiqin365 digested). */
export function client(url: string) {
  const answer = async (res: Response): Promise<Answer> => {
    const text = await res.text();
    return { status: res.status, text, json: text === '' ? undefined : JSON.parse(text) };
  };
  let token = '';
  let waiqin: { openid: string; appkey: string } | undefined;
  const self = {
    /** The WeChat access_token this client uses (a restarted sandbox still accepts it). */
    token: () => token,
    useToken: (t: string) => void (token = t),
    control: async (method: string, path: string, body?: unknown) =>
      answer(await fetch(url + path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } })),
    clockMs: async () => (await self.control('GET', '/_sandbox/clock')).json.now as number,
    /** Freezes the sandbox clock where it is (answers then repeat to the second). */
    freeze: () => self.control('POST', '/_sandbox/clock', { freeze: true }),
    async wechat(path: string, body: unknown): Promise<Answer> {
      if (!token) {
        const creds = (await self.control('GET', '/_sandbox/credentials')).json.wechat;
        token = (await answer(await fetch(url + creds.token_url))).json.access_token;
      }
      return answer(await fetch(`${url}${path}?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) }));
    },
    async pay(method: string, path: string, body?: unknown): Promise<Answer> {
      const timestamp = Math.floor((await self.clockMs()) / 1000);
      return answer(await fetch(await signedV3Request(MERCHANT, method, url + path, body, { timestamp })));
    },
    async waiqin(method: string, payload: object): Promise<Answer> {
      waiqin ??= (await self.control('GET', '/_sandbox/credentials')).json.waiqin;
      const body = JSON.stringify(payload);
      const signed = signWaiqinRequest({ method, body, openid: waiqin!.openid, appkey: waiqin!.appkey, now: await self.clockMs() });
      return answer(await fetch(url + signed.path, { method: 'POST', body, headers: { 'content-type': 'application/json;charset=UTF-8' } }));
    },
  };
  return self;
}

const DAY = 86_400_000;
/** Shanghai wall-clock date of an instant, `2026-03-02`. */
const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/** A WeChat Pay stock 100 coupons per user can be sent from, valid around `now`. */
export const bigStock = (n: string, now: number) => ({
  stock_name: '沙箱满减券',
  belong_merchant: keys.TEST_MCHID,
  comment: '测试批次',
  goods_name: '全场通用',
  stock_type: 'NORMAL',
  coupon_use_rule: {
    coupon_available_time: { available_begin_time: `${day(now - DAY)}T00:00:00+08:00`, available_end_time: `${day(now + 20 * DAY)}T23:59:59+08:00` },
    fixed_normal_coupon: { discount_amount: 500, transaction_minimum: 1000 },
    use_method: 'OFF_LINE',
  },
  stock_send_rule: { max_coupons: 10000, max_coupons_per_user: 100, transferable: false, shareable: true },
  out_request_no: `stock-${n}`,
  display_pattern_info: { description: '每单限用一张', merchant_name: '沙箱商户', background_color: 'Color020' },
  coupon_code_mode: 'WECHATPAY_MODE',
});

/** A waiqin365 voucher body with its own name, valid from `now`'s day. */
export const voucher = (name: string, now: number) => ({
  name,
  startDate: day(now),
  endDate: day(now + 20 * DAY),
  money: '30',
  doorsillType: 'Y',
  doorsillAmount: '200',
  payType: 'UNLIMITED',
  grantType: 'HDFF',
  eachCmNum: 1,
  num: 100,
  tradeRange: '2',
  cmCode: 'CUS010043',
  prodMode: 'ALL',
});
