import { describe, expect, it } from 'vitest';
import { createSandbox, schemas, signWaiqinRequest } from '../../src/index.js';
import { openapiDocument, type OpenApiDocument } from '../../src/openapi/index.js';
import { operationsOf } from '../../src/index.js';
import { documentValidator } from './support.js';

/**
 * What the documents promise, checked against what the sandbox really answers: status, content
 * type, headers, and bodies that fit the documented schema and match the documented example.
 */

function documented(doc: OpenApiDocument, path: string, method: 'get' | 'post', status: string) {
  const response = doc.paths[path]![method]!.responses[status];
  if (!response) throw new Error(`${method} ${path}: no ${status} response documented`);
  const [type, media] = Object.entries(response.content ?? {})[0]!;
  return { response, type, media, keys: ['paths', path, method, 'responses', status, 'content', type, 'schema'] };
}

const withoutRid = (text: unknown) => String(text).replace(/ rid: [0-9a-f-]+$/, '');

describe('the documents describe what the sandbox answers', () => {
  it('WeChat: an error is HTTP 200 with the documented content type, schema and example', async () => {
    const doc = openapiDocument('wechat');
    const { app } = createSandbox({ empty: true });
    const res = await app.request('/card/code/get', { method: 'POST', body: '{"code":"1"}' });
    const spec = documented(doc, '/card/code/get', 'post', '200');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(spec.type);
    const body = (await res.json()) as Record<string, unknown>;
    expect(documentValidator(doc)(spec.keys, body)).toEqual([]);
    const example = spec.media.examples!['errcode_41001']!.value as Record<string, unknown>;
    expect(body.errcode).toBe(example.errcode);
    expect(withoutRid(body.errmsg)).toBe(withoutRid(example.errmsg));
  });

  it('WeChat: a token success fits the documented 200 schema', async () => {
    const doc = openapiDocument('wechat');
    const sandbox = createSandbox({ empty: true });
    const res = await sandbox.app.request(sandbox.wechat.credentials().token_url);
    const spec = documented(doc, '/cgi-bin/token', 'get', '200');
    expect(res.headers.get('content-type')).toBe(spec.type);
    expect(documentValidator(doc)(spec.keys, await res.json())).toEqual([]);
  });

  it('WeChat Pay: an unsigned call is the documented 401 example, with every documented header', async () => {
    const doc = openapiDocument('wechatpay');
    const { app } = createSandbox({ empty: true });
    const res = await app.request('/v3/certificates');
    expect(res.status).toBe(401);
    const spec = documented(doc, '/v3/certificates', 'get', '401');
    expect(res.headers.get('content-type')).toBe(spec.type);
    const headers = Object.keys(spec.response.headers ?? {});
    expect(headers.length).toBe(6);
    for (const name of headers) expect(res.headers.get(name), name).toBeTruthy();
    const body = await res.json();
    expect(documentValidator(doc)(spec.keys, body)).toEqual([]);
    expect(body).toEqual(spec.media.examples!['SIGN_ERROR_HEADER']!.value);
  });

  it('WeChat Pay: a success fits the documented schema and carries every documented header', async () => {
    const doc = openapiDocument('wechatpay');
    const { app } = createSandbox({ empty: true, lenientAuth: true });
    const res = await app.request('/v3/certificates');
    expect(res.status).toBe(200);
    const spec = documented(doc, '/v3/certificates', 'get', '200');
    for (const name of Object.keys(spec.response.headers ?? {})) expect(res.headers.get(name), name).toBeTruthy();
    expect(res.headers.get('Wechatpay-Signature-Type')).toBe('WECHATPAY2-SHA256-RSA2048');
    expect(documentValidator(doc)(spec.keys, await res.json())).toEqual([]);
  });

  it('waiqin365: a wrong digest is the documented HTTP 200 envelope example', async () => {
    const doc = openapiDocument('waiqin');
    const sandbox = createSandbox({ empty: true });
    const { openid, appkey } = sandbox.waiqin.credentials() as { openid: string; appkey: string };
    const body = JSON.stringify({ page_number: 1, page_length: 10 });
    const signed = signWaiqinRequest({ method: 'getVoucherInfos', body, openid, appkey, now: sandbox.clock.now(), msgId: 'X000001' });
    const wrong = signed.path.replace(signed.digest, '0'.repeat(32));
    const res = await sandbox.app.request(wrong, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const path = operationsOf('waiqin').find((op) => op.id === 'waiqin.getVoucherInfos')!.path;
    const spec = documented(doc, path, 'post', '200');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(spec.type);
    const answer = await res.json();
    expect(documentValidator(doc)(spec.keys, answer)).toEqual([]);
    expect(answer).toEqual(spec.media.examples!['BAD_DIGEST']!.value);
  });

  it("waiqin365: each success example's response_data decodes to data its data schema accepts", () => {
    const doc = openapiDocument('waiqin');
    let checked = 0;
    for (const op of operationsOf('waiqin')) {
      const examples = documented(doc, op.path, 'post', '200').media.examples ?? {};
      for (const [name, example] of Object.entries(examples).filter(([n]) => /^ok\d*$/.test(n))) {
        const raw = (example.value as { response_data: string | null }).response_data;
        expect(schemas().validate(op.responseData!, raw === null ? null : JSON.parse(raw)), `${op.id} ${name}`).toEqual({ ok: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(operationsOf('waiqin').length);
  });

  it('control surface: the clock and a bad body answer as documented', async () => {
    const doc = openapiDocument('sandbox');
    const validate = documentValidator(doc);
    const { app } = createSandbox({ empty: true });
    const clock = await app.request('/_sandbox/clock');
    expect(validate(documented(doc, '/_sandbox/clock', 'get', '200').keys, await clock.json())).toEqual([]);
    const bad = await app.request('/_sandbox/reset', { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(validate(documented(doc, '/_sandbox/reset', 'post', '400').keys, await bad.json())).toEqual([]);
  });
});
