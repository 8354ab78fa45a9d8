import { afterAll, beforeAll, expect } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { signedV3Request } from '../../src/http/wechatpay/signer.js';
import { signWaiqinRequest } from '../../src/http/waiqin/signer.js';
import * as keys from '../../src/engine/wechatpay/test-keys.js';
import type { WaiqinErrorKey, WechatErrorKey, WechatpayErrorKey } from '../../src/types/error-key.js';
import { startCli, type RunningCli } from '../support/cli.js';
import { cardBody, errmsgPattern } from '../http/wechat/support.js';
import { bigStock, client, PAY_APPID, U0, type Answer } from '../journal/support.js';
import { RedisServer, skipRedis } from './redis-server.js';

export { PAY_APPID, U0, type Answer };
const MERCHANT = { mchid: keys.TEST_MCHID, serial: keys.TEST_MERCHANT_SERIAL, privateKeyPem: keys.TEST_MERCHANT_PRIVATE_KEY };

/** One sandbox process on the shared store, with a client of all three vendors (test/journal/support.ts). */
export type Instance = ReturnType<typeof client> & {
  cli: RunningCli;
  url: string;
  /** `GET /_sandbox/health`. */
  health(): Promise<Answer>;
  /** A signed v3 call with a given timestamp (no clock read first: for bursts). */
  payAt(timestamp: number, method: string, path: string, body?: unknown): Promise<Answer>;
  /** A waiqin365 call signed for the instant `now` (no clock read first: usable while Redis is down). */
  waiqinAt(tenant: { openid: string; appkey: string }, now: number, method: string, payload: object): Promise<Answer>;
  /** The WeChat answer of card/code/get (check_consume false). */
  codeGet(code: string, cardId?: string): Promise<Answer>;
};

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, text, json: text === '' ? undefined : JSON.parse(text) };
}

/** A client of a sandbox process already running (or restarted) at `cli`. */
export function instanceOf(cli: RunningCli): Instance {
  const base = client(cli.url);
  const self: Instance = Object.assign(base, {
    cli,
    url: cli.url,
    health: async () => answerOf(await fetch(`${cli.url}/_sandbox/health`)),
    payAt: async (timestamp: number, method: string, path: string, body?: unknown) =>
      answerOf(await fetch(await signedV3Request(MERCHANT, method, cli.url + path, body, { timestamp }))),
    waiqinAt: async (tenant: { openid: string; appkey: string }, now: number, method: string, payload: object) => {
      const body = JSON.stringify(payload);
      const signed = signWaiqinRequest({ method, body, openid: tenant.openid, appkey: tenant.appkey, now });
      return answerOf(await fetch(cli.url + signed.path, { method: 'POST', body, headers: { 'content-type': 'application/json;charset=UTF-8' } }));
    },
    codeGet: (code: string, cardId?: string) => base.wechat('/card/code/get', { code, check_consume: false, ...(cardId && { card_id: cardId }) }),
  });
  return self;
}

/** Starts one built CLI on `store` (a redis:// URL). */
export async function startInstance(store: string): Promise<Instance> {
  return instanceOf(await startCli(['--port', '0', '--quiet', '--store', store]));
}

/** N built CLI processes on one Redis database, started at once (they race for the genesis), sharing one WeChat token. */
export async function startInstances(store: string, n: number): Promise<Instance[]> {
  const instances = await Promise.all(Array.from({ length: n }, () => startInstance(store)));
  await shareToken(instances);
  return instances;
}

/** Mints one WeChat access_token on the first instance and gives it to every client (a second mint would supersede it). */
export async function shareToken(instances: Instance[]): Promise<string> {
  const token = await wechatToken(instances[0]!);
  for (const i of instances) i.useToken(token);
  return token;
}

/** `GET /cgi-bin/token` of the default app, on one instance. */
export async function wechatToken(instance: Instance): Promise<string> {
  const creds = (await instance.control('GET', '/_sandbox/credentials')).json.wechat;
  const answer = await answerOf(await fetch(instance.url + creds.token_url));
  expect(answer.json?.access_token, answer.text).toBeTypeOf('string');
  return answer.json.access_token as string;
}

/** Redis and the instances of one test file: started in beforeAll, everything stopped in afterAll. */
export interface Cluster {
  redis: RedisServer;
  instances: Instance[];
  store: string;
}

export async function startCluster(n: number, db: number): Promise<Cluster> {
  const redis = await RedisServer.start();
  try {
    const store = redis.url(db);
    return { redis, store, instances: await startInstances(store, n) };
  } catch (error) {
    await redis.stop();
    throw error;
  }
}

/** Stops every process a file started: instances first (they give the lease back), then Redis. */
export async function stopCluster(cluster: Cluster | undefined, more: Instance[] = []): Promise<void> {
  if (!cluster) return;
  // A child killed with SIGKILL has exited already (signalCode set, exitCode null): nothing to stop.
  const running = [...cluster.instances, ...more].filter((i) => i.cli.child.exitCode === null && i.cli.child.signalCode === null);
  try {
    await Promise.all(running.map((i) => stopWithin(i, 10_000)));
  } finally {
    // Whatever happened to the instances, no redis-server outlives the file.
    await cluster.redis.stop();
  }
}

/** SIGTERM, then SIGKILL if the instance has not exited within `ms` (a hung shutdown must not hang the suite). */
async function stopWithin(instance: Instance, ms: number): Promise<void> {
  const timer = setTimeout(() => instance.cli.child.kill('SIGKILL'), ms);
  try {
    await instance.cli.stop();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Redis and `n` instances on database `db` for the tests of one file: started before them (unless
 * the tests are skipped), stopped after them with the instances a test adds to `extra`. The
 * arrays are filled in place, so a file may keep `cluster.instances` in a constant.
 */
export function useCluster(n: number, db: number): Cluster & { extra: Instance[] } {
  const cluster = { instances: [] as Instance[], extra: [] as Instance[] } as Cluster & { extra: Instance[] };
  beforeAll(async () => {
    if (skipRedis) return;
    const started = await startCluster(n, db);
    cluster.redis = started.redis;
    cluster.store = started.store;
    cluster.instances.push(...started.instances);
  });
  afterAll(() => (cluster.redis ? stopCluster(cluster, cluster.extra) : undefined));
  return cluster;
}

/** No instance printed a sandbox bug (an unexpected error, an entry that failed to apply). */
export function expectNoBugLines(instances: Instance[]): void {
  for (const i of instances) expect(i.cli.output()).not.toMatch(/unexpected error|failed here|not JSON: skipped/);
}

/** Polls `GET /_sandbox/health` on every instance until all answer 200 (bounded); returns how long it took. */
export async function healthyWithin(instances: Instance[], ms: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    const answers = await Promise.all(instances.map((i) => i.health().catch(() => undefined)));
    if (answers.every((a) => a?.status === 200)) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`not every instance healthy within ${ms} ms: ${answers.map((a) => a?.text).join(' | ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The seeded codes of the default app the dashboard lists as NORMAL (code and card). */
export async function seededNormalCodes(instance: Instance): Promise<{ code: string; card_id: string }[]> {
  const list = (await instance.control('GET', '/_sandbox/ui/api/lists/codes?limit=200')).json;
  return (list.rows as { cells: Record<string, string> }[])
    .filter((r) => r.cells.user_card_status === 'NORMAL')
    .map((r) => ({ code: r.cells.code!, card_id: r.cells.card_id! }));
}

/** A new CASH card of `quantity` codes, created and approved on `instance` (valid around the sandbox's now). */
export async function newCard(instance: Instance, quantity: number): Promise<string> {
  const now = Math.floor((await instance.clockMs()) / 1000);
  const created = await instance.wechat('/card/create', cardBody('CASH', { sku: { quantity } }, { least_cost: 0, reduce_cost: 100 }, now));
  expect(created.json.errcode, created.text).toBe(0);
  const reviewed = await instance.control('POST', '/_sandbox/wechat/review', { card_id: created.json.card_id, result: 'VERIFY_OK' });
  expect(reviewed.status, reviewed.text).toBe(200);
  return created.json.card_id as string;
}

/** A user receives a code of `cardId` (the give-code control); the code. */
export async function giveCode(instance: Instance, cardId: string, openid: string): Promise<string> {
  const given = await instance.control('POST', '/_sandbox/wechat/give-code', { card_id: cardId, openid });
  expect(given.status, given.text).toBe(200);
  return given.json.code as string;
}

/** A new WeChat Pay stock (10,000 coupons, 100 per user) created on `instance`; its stock_id. */
export async function newStock(instance: Instance, name: string, over: Record<string, unknown> = {}): Promise<string> {
  const stock = await instance.pay('POST', '/v3/marketing/busifavor/stocks', { ...bigStock(name, await instance.clockMs()), ...over });
  expect(stock.status, stock.text).toBe(200);
  return stock.json.stock_id as string;
}

/** A v3 coupons/send of `stock` to the test user through `instance`; asserts it was answered 200. */
export async function sendCoupon(instance: Instance, stock: string, outRequestNo: string): Promise<Answer> {
  const sent = await instance.pay('POST', '/v3/marketing/busifavor/coupons/send', {
    openid: U0,
    appid: PAY_APPID,
    stock_id: stock,
    out_request_no: outRequestNo,
  });
  expect(sent.status, sent.text).toBe(200);
  return sent;
}

/** A WeChat error answer: HTTP 200, the catalogue's errcode and errmsg (plus the rid suffix). */
export function expectWechatError(answer: Answer, key: WechatErrorKey): void {
  expect({ status: answer.status, json: answer.json }, answer.text).toEqual({
    status: 200,
    json: { errcode: errorEntry('wechat', key).code, errmsg: expect.stringMatching(errmsgPattern(key)) },
  });
}

/** A WeChat Pay error answer: the catalogue's HTTP status, code and message. */
export function expectPayError(answer: Answer, key: WechatpayErrorKey): void {
  const entry = errorEntry('wechatpay', key);
  expect({ status: answer.status, code: answer.json?.code, message: answer.json?.message }, answer.text).toEqual({
    status: entry.status,
    code: entry.code,
    message: entry.message,
  });
}

/** A waiqin365 error envelope: HTTP 200, the catalogue's return_code (a string) and return_msg, no data. */
export function expectWaiqinError(answer: Answer, key: WaiqinErrorKey): void {
  const entry = errorEntry('waiqin', key);
  expect({ status: answer.status, code: answer.json?.return_code, msg: answer.json?.return_msg, data: answer.json?.response_data }, answer.text).toEqual({
    status: 200,
    code: String(entry.code),
    msg: entry.message,
    data: null,
  });
}

/** The `vendor_error` a control answers (409 VENDOR_RULE) when it hits WeChat catalogue error `key`. */
export function wechatVendorError(key: WechatErrorKey): { vendor: string; code: number; message: string } {
  const entry = errorEntry('wechat', key);
  return { vendor: 'wechat', code: Number(entry.code), message: entry.message };
}

/** Counts answers by a key (`200`, or the error code). */
export function countBy<T>(items: T[], key: (item: T) => string | number): Record<string, number> {
  return items.reduce<Record<string, number>>((acc, item) => {
    const k = String(key(item));
    acc[k] = (acc[k] ?? 0) + 1;
    return acc;
  }, {});
}
