import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../src/operations.js';
import { WECHAT_MAX_BODY } from '../../src/http/wechat/read-body.js';
import { expectError, expectOk, wechatSandbox } from './support.js';

const postOps = operationsOf('wechat').filter((op) => op.method === 'POST');

describe('WeChat transport', () => {
  for (const op of postOps) {
    it(`answers 43002 require POST method to GET ${op.path}`, async () => {
      const w = wechatSandbox();
      expectError(await w.send(`${op.path}?access_token=${await w.token()}`), '43002');
    });
  }

  for (const path of ['/card/nothing', '/cgi-bin/user/info', '/datacube/getusersummary', '/card/get/extra']) {
    it(`answers 40066 invalid url for the unknown path ${path}`, async () => {
      const w = wechatSandbox();
      expectError(await w.post(path, {}, await w.token()), '40066');
      expectError(await w.send(path), '40066');
    });
  }

  it('answers 44002 empty post data to an empty body', async () => {
    const w = wechatSandbox();
    const token = await w.token();
    expectError(await w.post('/card/get', '', token), '44002');
    expectError(await w.post('/card/get', '  \n', token), '44002');
    expectError(await w.send(`/card/batchget?access_token=${token}`, { method: 'POST' }), '44002');
  });

  const badBodies: [string, string][] = [
    ['malformed JSON', '{"card_id": "p'],
    ['a form-encoded body', 'card_id=pFS7Fjg8kV1IdDz01r4SQwMkuCKc'],
    ['a JSON array', '[1,2]'],
    ['JSON null', 'null'],
    ['a JSON string', '"card"'],
  ];
  for (const [name, body] of badBodies) {
    it(`answers 47001 data format error to ${name}`, async () => {
      const w = wechatSandbox();
      expectError(await w.post('/card/get', body, await w.token()), '47001');
    });
  }

  it('answers 47001 to a body over the size limit without a crash', async () => {
    const w = wechatSandbox();
    const huge = JSON.stringify({ card_id: 'x'.repeat(WECHAT_MAX_BODY + 10) });
    expectError(await w.post('/card/get', huge, await w.token()), '47001');
  });

  it('checks the token before the body', async () => {
    const w = wechatSandbox();
    expectError(await w.post('/card/get', '{nope'), '41001');
  });

  const fieldCases: [string, string, unknown, string][] = [
    ['card/get without card_id', '/card/get', {}, '41012'],
    ['card/get with a numeric card_id', '/card/get', { card_id: 123 }, '47001'],
    ['code/get without code', '/card/code/get', { check_consume: true }, '41013'],
    ['code/get with check_consume as a string', '/card/code/get', { code: '123', check_consume: 'yes' }, '47001'],
    ['code/consume without code', '/card/code/consume', {}, '41013'],
    ['batchget without count', '/card/batchget', { offset: 0 }, '41011'],
    ['batchget with a string count', '/card/batchget', { offset: 0, count: '10' }, '47001'],
    ['getcardlist without openid', '/card/user/getcardlist', {}, '41011'],
    ['modifystock without card_id', '/card/modifystock', { increase_stock_value: 1 }, '41012'],
    ['card/create without card', '/card/create', {}, '41011'],
    ['datacube with a slash date', '/datacube/getcardbizuininfo', { begin_date: '2026/03/01', end_date: '2026-03-02', cond_source: 0 }, '61500'],
    ['datacube without cond_source', '/datacube/getcardbizuininfo', { begin_date: '2026-03-01', end_date: '2026-03-02' }, '41011'],
  ];
  for (const [name, path, body, key] of fieldCases) {
    it(`answers ${key} for ${name}`, async () => {
      const w = wechatSandbox();
      expectError(await w.post(path, body, await w.token()), key);
    });
  }

  it('leaves state unchanged when a write is refused for its input', async () => {
    const w = wechatSandbox();
    const token = await w.token();
    const before = JSON.stringify(w.sandbox.wechat.identities());
    const cash = w.card((c) => c.card_type === 'CASH' && !c.use_custom_code);
    const code = w.sandbox.wechat.identities().apps[0]!.users[0]!.codes.find((c) => c.status === 'NORMAL')!.code;
    expectError(await w.post('/card/modifystock', `{"card_id":"${cash.card_id}","increase_stock_value":`, token), '47001');
    expectError(await w.post('/card/modifystock', { card_id: cash.card_id, increase_stock_value: '5' }, token), '47001');
    expectError(await w.post('/card/code/consume', { code: 12345 }, token), '47001');
    expectError(await w.post('/card/code/consume', 'code=' + code, token), '47001');
    expectError(await w.post('/card/update', { card_id: cash.card_id, cash: { base_info: { title: 'new', notice: 'changed' } } }, token), '40150');
    expect(JSON.stringify(w.sandbox.wechat.identities())).toBe(before);
  });

  it('answers a sandbox bug as -1 system error in the WeChat envelope', async () => {
    const seen: unknown[] = [];
    const w = wechatSandbox({ onUnexpectedError: (e) => void seen.push(e) });
    const token = await w.token();
    // Put back on the same object below, so `this` is what it was.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const original = w.sandbox.wechat.getCard;
    w.sandbox.wechat.getCard = () => {
      throw new TypeError('boom');
    };
    expectError(await w.post('/card/get', { card_id: 'p' }, token), '-1');
    w.sandbox.wechat.getCard = original;
    expect(seen).toHaveLength(1);
  });

  it('serves every success with the ok envelope and charset=utf-8', async () => {
    const w = wechatSandbox();
    expectOk(await w.post('/card/batchget', { offset: 0, count: 1 }, await w.token()));
  });
});
