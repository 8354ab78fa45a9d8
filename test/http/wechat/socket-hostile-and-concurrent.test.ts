import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandbox, type RunningSandbox } from '../../../src/node.js';
import { operationsOf } from '../../../src/operations.js';
import { cardBody, errmsgPattern, START } from './support.js';
import { errorEntry } from '../../../src/errors/catalogue.js';
import type { WechatErrorKey } from '../../../src/types/error-key.js';

/**
 * Audit over a real loopback socket: methods, unknown paths, hostile bodies and concurrent writes,
 * each answered in WeChat's envelope with the server still serving and state unchanged.
 */

let running: RunningSandbox;
let token: string;
let cardId: string;

const JSON_UTF8 = 'application/json; charset=utf-8';

async function call(path: string, init?: RequestInit) {
  const res = await fetch(running.url + path, init);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, json: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

const post = (path: string, body: unknown, init: RequestInit = {}) =>
  call(`${path}?access_token=${token}`, {
    method: 'POST',
    body: typeof body === 'string' || body instanceof ReadableStream ? body : JSON.stringify(body),
    ...init,
  });

function expectWechatError(reply: Awaited<ReturnType<typeof call>>, key: WechatErrorKey) {
  expect(reply.status).toBe(200);
  expect(reply.type).toBe(JSON_UTF8);
  expect(reply.json).toEqual({ errcode: errorEntry('wechat', key).code, errmsg: expect.stringMatching(errmsgPattern(key)) });
}

/** Everything observable about the test card (detail + the codes of a user), to prove refusals change nothing. */
async function snapshot() {
  const card = await post('/card/get', { card_id: cardId });
  const list = await post('/card/user/getcardlist', { openid: 'oAuditSocket' });
  return { card: card.json, list: list.json };
}

beforeAll(async () => {
  running = await serveSandbox({ port: 0, empty: true, startAt: START, frozen: true, validateResponses: true });
  const { appid, secret } = running.sandbox.wechat.credentials();
  token = (await call(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json!.access_token;
  cardId = (await post('/card/create', cardBody('CASH', { sku: { quantity: 1000 }, get_limit: 1000 }, { reduce_cost: 100 }))).json!.card_id;
  await call('/_sandbox/wechat/review', { method: 'POST', body: JSON.stringify({ card_id: cardId, result: 'VERIFY_OK' }) });
  await call('/_sandbox/wechat/give-code', { method: 'POST', body: JSON.stringify({ card_id: cardId, openid: 'oAuditSocket' }) });
});

afterAll(async () => {
  await running.close();
});

describe('methods and paths over a socket', () => {
  const ops = operationsOf('wechat');
  for (const op of ops.filter((o) => o.method === 'POST')) {
    it(`${op.path}: OPTIONS, PUT, DELETE, PATCH answer 43002; HEAD gets 200 JSON headers and no body`, async () => {
      for (const method of ['OPTIONS', 'PUT', 'DELETE', 'PATCH', 'GET']) expectWechatError(await call(`${op.path}?access_token=${token}`, { method }), '43002');
      const head = await call(`${op.path}?access_token=${token}`, { method: 'HEAD' });
      expect([head.status, head.type, head.text]).toEqual([200, JSON_UTF8, '']);
    });
  }

  it('/cgi-bin/token: POST, OPTIONS, PUT answer 43001', async () => {
    for (const method of ['POST', 'OPTIONS', 'PUT', 'DELETE'])
      expectWechatError(await call('/cgi-bin/token?grant_type=client_credential', { method }), '43001');
  });

  it('HEAD /cgi-bin/token issues nothing: the live token is not superseded', async () => {
    const { appid, secret } = running.sandbox.wechat.credentials();
    const head = await call(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`, { method: 'HEAD' });
    expect([head.status, head.type, head.text]).toEqual([200, JSON_UTF8, '']);
    // A minted token would have put `token` into its 300 s grace period: past it, 40001.
    running.sandbox.clock.advance(301 * 1000);
    try {
      expect((await post('/card/get', { card_id: cardId })).json!.errcode).toBe(0);
    } finally {
      running.sandbox.clock.advance(-301 * 1000);
    }
  });

  for (const path of [
    '/card',
    '/cgi-bin',
    '/datacube',
    '/card/nope',
    '/card/get/',
    '/card/code/get/x',
    '/cgi-bin/token/',
    '/cgi-bin/nope',
    '/datacube/',
    '/datacube/getcardbizuininfo/',
    '/card//get',
  ]) {
    it(`answers 40066 invalid url to ${path} for every method`, async () => {
      for (const method of ['GET', 'POST', 'OPTIONS', 'PUT'])
        expectWechatError(await call(`${path}?access_token=${token}`, { method, ...(method === 'POST' || method === 'PUT' ? { body: '{}' } : {}) }), '40066');
    });
  }
});

describe('hostile input over a socket changes nothing', () => {
  it('answers every bad body in the WeChat envelope, keeps serving, and leaves the card and codes unchanged', async () => {
    const before = await snapshot();
    const cases: [unknown, WechatErrorKey][] = [
      ['', '44002'],
      ['{', '47001'],
      ['[]', '47001'],
      ['"card_id"', '47001'],
      ['42', '47001'],
      ['null', '47001'],
      ['card_id=x&reduce_stock_value=1', '47001'],
      [{ card_id: cardId, reduce_stock_value: '1' }, '47001'],
      [{ card_id: cardId, reduce_stock_value: null }, '47001'],
      [{ card_id: cardId, reduce_stock_value: 1.5 }, '47001'],
      [{ card_id: cardId, reduce_stock_value: -1 }, '40122'],
      [{ card_id: cardId, reduce_stock_value: 1e300 }, '40122'],
      [{ card_id: cardId, increase_stock_value: 100000001 }, '40122'],
      [{ card_id: 'x'.repeat(33), reduce_stock_value: 1 }, '45021'],
      [{ card_id: '卡券😀', reduce_stock_value: 1 }, '40073'],
      [{ card_id: cardId, reduce_stock_value: 1, increase_stock_value: 'x' }, '47001'],
    ];
    for (const [body, key] of cases) expectWechatError(await post('/card/modifystock', body), key);
    // Over the 256 KiB WeChat body cap, with a declared length and chunked (no length).
    expectWechatError(await post('/card/modifystock', JSON.stringify({ card_id: cardId, reduce_stock_value: 1, pad: 'x'.repeat(300 * 1024) })), '47001');
    // Chunked uploads over the cap, repeatedly on kept-alive connections: each must get its answer
    // (the server used to close mid-upload, so the client saw EPIPE about once in three).
    for (let round = 0; round < 12; round++) {
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`{"card_id":"${cardId}","reduce_stock_value":1,"pad":"`));
          for (let i = 0; i < 300; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
        },
      });
      expectWechatError(await post('/card/modifystock', chunks, { duplex: 'half' } as RequestInit), '47001');
    }
    // batchget with an offset no 32-bit int can hold.
    expectWechatError(await post('/card/batchget', '{"offset":1e300,"count":10}'), '47001');
    expectWechatError(await post('/card/batchget', { offset: 2 ** 53, count: 10 }), '47001');
    expect((await post('/card/batchget', { offset: 2 ** 31 - 1, count: 10 })).json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      card_id_list: [],
      total_num: 1,
      card_list: [],
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe('bodies over a socket read exactly as in process', () => {
  /** The answer without its rid (each error answer has its own). */
  const withoutRid = (text: string) => text.replace(/ rid: [0-9a-f-]+/, '');
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const join = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  };
  /** A card/get body of exactly `bytes` bytes, padded with a 2-byte character (and one ASCII one when odd). */
  const sized = (bytes: number) => {
    const head = utf8(`{"card_id":"${cardId}","pad":"`);
    const room = bytes - head.length - 2;
    return join(head, utf8('é'.repeat(Math.floor(room / 2)) + 'x'.repeat(room % 2)), utf8('"}'));
  };

  it('answers a BOM, invalid UTF-8 and the 256 KiB cap to the byte as app.request does', async () => {
    const bodies: [string, Uint8Array<ArrayBuffer>][] = [
      ['a UTF-8 BOM first', join(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(`{"card_id":"${cardId}"}`))],
      ['invalid UTF-8 in a string', join(utf8('{"card_id":"'), new Uint8Array([0xff, 0xc3, 0x28]), utf8('"}'))],
      ['invalid UTF-8 outside strings', join(utf8('{"card_id":'), new Uint8Array([0xfe]), utf8('}'))],
      ['exactly the cap', sized(256 * 1024)],
      ['one byte over the cap', sized(256 * 1024 + 1)],
    ];
    for (const [name, body] of bodies) {
      const overSocket = await call(`/card/get?access_token=${token}`, { method: 'POST', body });
      const inProcess = await running.sandbox.app.request(`/card/get?access_token=${token}`, {
        method: 'POST',
        body,
        headers: { 'content-length': String(body.length) },
      });
      expect(withoutRid(overSocket.text), name).toBe(withoutRid(await inProcess.text()));
    }
    const [over, exact] = running.sandbox.world.requests.list({ operation: 'wechat.card-get', limit: 4 }).filter((_, i) => i % 2 === 1);
    expect(over).toMatchObject({ outcome: '47001' });
    expect((exact as { request: { body: string } }).request.body).toBe(new TextDecoder().decode(sized(256 * 1024)));
  });
});

describe('~200 concurrent writes over loopback', () => {
  it('consumes one code exactly once', async () => {
    const code = (await call('/_sandbox/wechat/give-code', { method: 'POST', body: JSON.stringify({ card_id: cardId, openid: 'oRace' }) })).json!
      .code as string;
    const replies = await Promise.all(Array.from({ length: 200 }, () => post('/card/code/consume', { code })));
    const codes = replies.map((r) => r.json!.errcode);
    expect(codes.filter((c) => c === 0)).toHaveLength(1);
    expect(codes.filter((c) => c === 40099)).toHaveLength(199);
    expect(replies.every((r) => r.status === 200 && r.type === JSON_UTF8)).toBe(true);
  });

  it('reduces stock by exactly what exists (never below zero)', async () => {
    const id = (await post('/card/create', cardBody('CASH', { sku: { quantity: 57 } }, { reduce_cost: 1 }))).json!.card_id;
    const replies = await Promise.all(Array.from({ length: 200 }, () => post('/card/modifystock', { card_id: id, reduce_stock_value: 1 })));
    const codes = replies.map((r) => r.json!.errcode);
    expect(codes.filter((c) => c === 0)).toHaveLength(57);
    expect(codes.filter((c) => c === 40122)).toHaveLength(143);
    expect((await post('/card/get', { card_id: id })).json!.card.cash.base_info.sku).toEqual({ quantity: 0, total_quantity: 0 });
  });

  it('gives at most the stock to 200 users receiving at once', async () => {
    const id = (await post('/card/create', cardBody('CASH', { sku: { quantity: 23 } }, { reduce_cost: 1 }))).json!.card_id;
    await call('/_sandbox/wechat/review', { method: 'POST', body: JSON.stringify({ card_id: id, result: 'VERIFY_OK' }) });
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call('/_sandbox/wechat/give-code', { method: 'POST', body: JSON.stringify({ card_id: id, openid: `oCrowd${i}` }) }),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(23);
    const refused = replies.filter((r) => r.status === 409);
    expect(refused).toHaveLength(177);
    for (const r of refused) expect(r.json!.error.vendor_error).toEqual({ vendor: 'wechat', code: 45031, message: errorEntry('wechat', '45031').message });
    expect(new Set(replies.filter((r) => r.status === 200).map((r) => r.json!.code)).size).toBe(23);
  });

  it('renames one code once when 200 renames race', async () => {
    const id = (await post('/card/create', cardBody('CASH', { use_custom_code: true }, { reduce_cost: 1 }))).json!.card_id;
    await call('/_sandbox/wechat/review', { method: 'POST', body: JSON.stringify({ card_id: id, result: 'VERIFY_OK' }) });
    await call('/_sandbox/wechat/give-code', { method: 'POST', body: JSON.stringify({ card_id: id, openid: 'oRename', code: 'RACE-OLD' }) });
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post('/card/code/update', { code: 'RACE-OLD', card_id: id, new_code: `RACE-${i}` })),
    );
    const winners = replies.map((r, i) => [r.json!.errcode, i] as const).filter(([c]) => c === 0);
    expect(winners).toHaveLength(1);
    expect(replies.filter((r) => r.json!.errcode === 40056)).toHaveLength(199);
    const list = (await post('/card/user/getcardlist', { openid: 'oRename' })).json!;
    expect(list.card_list).toEqual([{ code: `RACE-${winners[0]![1]}`, card_id: id }]);
  });
});
