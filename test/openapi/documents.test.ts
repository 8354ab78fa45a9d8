import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { errorEntry, operationsOf, type Operation, type Vendor } from '../../src/index.js';
import { OPENAPI_DOCUMENT_NAMES, OPENAPI_DOCUMENT_VERSION, openapiDocument, type OpenApiDocument } from '../../src/openapi/index.js';
import { exampleFiles } from '../../src/openapi/example-index.js';
import { allSchemas } from '../../src/schema/schema-index.js';
import { atPointer, documentValidator, mediaTypes, refsOf } from './support.js';

const vendors: Vendor[] = ['wechat', 'wechatpay', 'waiqin'];
const root = join(import.meta.dirname, '..', '..');

/** The example name the document must give a catalogued error (WeChat's numeric keys get a prefix). */
const exampleName = (vendor: Vendor, key: string) => (vendor === 'wechat' ? `errcode_${key}` : key);

/** The code field of a vendor's error body. */
const codeOf = (vendor: Vendor, value: Record<string, unknown>) =>
  vendor === 'wechat' ? value.errcode : vendor === 'wechatpay' ? value.code : value.return_code;

function operationObject(doc: OpenApiDocument, op: Operation) {
  const found = doc.paths[op.path]?.[op.method.toLowerCase() as 'get' | 'post'];
  if (!found) throw new Error(`${op.id}: no ${op.method} ${op.path} in the document`);
  return found;
}

describe('the OpenAPI documents', () => {
  it.each(OPENAPI_DOCUMENT_NAMES.map((name) => [name]))('%s is a valid OpenAPI 3.1 document', async (name) => {
    const validator = new Validator();
    // A copy: the validator may annotate what it is given, and the document is frozen.
    const result = await validator.validate(structuredClone(openapiDocument(name)) as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it.each(OPENAPI_DOCUMENT_NAMES.map((name) => [name]))('%s is self-contained: every $ref is local and resolves', (name) => {
    const doc = openapiDocument(name);
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => atPointer(doc, ref) === undefined)).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain('"$id"');
  });

  it.each(OPENAPI_DOCUMENT_NAMES.map((name) => [name]))('%s: every example validates against the schema beside it', (name) => {
    const doc = openapiDocument(name);
    const validate = documentValidator(doc);
    const failures: string[] = [];
    let checked = 0;
    for (const media of mediaTypes(doc)) {
      for (const [exampleKey, example] of Object.entries(media.examples)) {
        checked++;
        const errors = validate(media.keys, example.value);
        if (errors.length > 0) failures.push(`${media.operationId} ${media.status ?? 'request'} ${exampleKey}: ${JSON.stringify(errors[0])}`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });

  it('builds each document once and hands out the same frozen object', () => {
    const doc = openapiDocument('wechat');
    expect(openapiDocument('wechat')).toBe(doc);
    expect(Object.isFrozen(doc.paths)).toBe(true);
  });

  it('carries the package version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(OPENAPI_DOCUMENT_VERSION).toBe(pkg.version);
    for (const name of OPENAPI_DOCUMENT_NAMES) expect(openapiDocument(name).info.version).toBe(pkg.version);
  });
});

describe.each(vendors.map((vendor) => [vendor]))('the %s document', (vendor) => {
  const doc = openapiDocument(vendor);
  const ops = operationsOf(vendor);

  it('has every catalogued operation under its id, method and path', () => {
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) expect(operationObject(doc, op).operationId).toBe(op.id);
    const all = Object.values(doc.paths).flatMap((item) => Object.values(item).map((o) => o!.operationId));
    expect(all.sort()).toEqual(ops.map((op) => op.id).sort());
  });

  it('lists every catalogued error of every operation as a named example under its HTTP status', () => {
    let expected = 0;
    let found = 0;
    for (const op of ops) {
      const responses = operationObject(doc, op).responses;
      const keys = [...new Set(op.errors)];
      expect(keys.length, op.id).toBeGreaterThan(0);
      expected += keys.length;
      for (const key of keys) {
        const entry = errorEntry(vendor, key);
        const media = Object.values(responses[String(entry.status)]?.content ?? {})[0];
        const example = media?.examples?.[exampleName(vendor, key)];
        expect(example, `${op.id} ${key}`).toBeDefined();
        const value = example!.value as Record<string, unknown>;
        expect(codeOf(vendor, value), `${op.id} ${key}`).toEqual(vendor === 'wechat' ? Number(entry.code) : String(entry.code));
        expect(String(value.errmsg ?? value.message ?? value.return_msg)).toContain(entry.message);
        found++;
      }
      // And nothing else: every example that is not a success names one of the operation's errors.
      const documented = Object.values(responses).flatMap((r) => Object.values(r.content ?? {}).flatMap((m) => Object.keys(m.examples ?? {})));
      expect(documented.filter((name) => !/^ok\d*$/.test(name)).sort()).toEqual(keys.map((key) => exampleName(vendor, key)).sort());
    }
    expect(expected).toBeGreaterThan(ops.length);
    expect(found).toBe(expected);
  });

  it('puts a documented success example first, so mock servers answer with a success', () => {
    let withExamples = 0;
    for (const op of ops) {
      // A 204 operation (WeChat Pay's PATCH stock) has no body, so no example to order.
      if (op.noContent) {
        expect(operationObject(doc, op).responses['204'], op.id).toBeDefined();
        continue;
      }
      const examples = Object.values(operationObject(doc, op).responses['200']!.content!)[0]!.examples ?? {};
      const first = Object.keys(examples)[0];
      if (first === undefined) continue;
      withExamples++;
      if (!/^ok\d*$/.test(first)) expect.fail(`${op.id}: first 200 example is ${first}`);
    }
    expect(withExamples).toBeGreaterThanOrEqual(vendor === 'wechatpay' ? 5 : ops.length);
  });

  it('declares every path segment and every query-schema property as a parameter', () => {
    let count = 0;
    for (const op of ops) {
      const params = operationObject(doc, op).parameters ?? [];
      for (const name of [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)) {
        expect(
          params.find((p) => p.name === name && p.in === 'path' && p.required),
          `${op.id} {${name}}`,
        ).toBeDefined();
        count++;
      }
      const query = (allSchemas as unknown as Record<string, unknown>[]).find((s) => s.$id === op.query);
      for (const name of Object.keys((query?.properties ?? {}) as object)) {
        expect(
          params.find((p) => p.name === name),
          `${op.id} ${name}`,
        ).toBeDefined();
        count++;
      }
    }
    expect(count).toBeGreaterThan(0);
  });
});

describe('vendor specifics', () => {
  it('WeChat: access_token in the query for every call but the token call, JSON with charset=utf-8', () => {
    const doc = openapiDocument('wechat');
    expect(doc.components.securitySchemes?.access_token).toEqual(expect.objectContaining({ type: 'apiKey', in: 'query', name: 'access_token' }));
    expect(doc.security).toEqual([{ access_token: [] }]);
    expect(doc.paths['/cgi-bin/token']!.get!.security).toEqual([]);
    expect(doc.paths['/card/code/get']!.post!.security).toBeUndefined();
    expect(Object.keys(doc.paths['/card/code/get']!.post!.responses)).toEqual(['200']);
    expect(Object.keys(doc.paths['/card/code/get']!.post!.responses['200']!.content!)).toEqual(['application/json; charset=utf-8']);
  });

  it('WeChat Pay: the Authorization scheme, errors grouped by status, the Wechatpay-* headers on every response', () => {
    const doc = openapiDocument('wechatpay');
    const scheme = doc.components.securitySchemes?.WechatPayV3;
    expect(scheme).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'Authorization' }));
    expect(scheme?.description).toContain('WECHATPAY2-SHA256-RSA2048');
    expect(scheme?.description).toContain('METHOD\\nPATH_AND_QUERY\\nUNIX_SECONDS\\nNONCE\\nBODY\\n');
    const send = doc.paths['/v3/marketing/busifavor/coupons/send']!.post!;
    expect(Object.keys(send.responses)).toEqual(['200', '400', '401', '403', '404', '429', '500']);
    for (const response of Object.values(send.responses)) {
      expect(Object.keys(response.headers ?? {})).toEqual([
        'Request-ID',
        'Wechatpay-Timestamp',
        'Wechatpay-Nonce',
        'Wechatpay-Serial',
        'Wechatpay-Signature',
        'Wechatpay-Signature-Type',
      ]);
    }
  });

  it('waiqin365: the digest recipe on the path, response_data described as JSON-encoded data', () => {
    const doc = openapiDocument('waiqin');
    const op = doc.paths['/api/voucher/v1/getVoucherInfos/{openid}/{timestamp}/{digest}/{msg_id}']!.post!;
    expect(op.parameters!.map((p) => p.name)).toEqual(['openid', 'timestamp', 'digest', 'msg_id']);
    expect(op.parameters!.find((p) => p.name === 'digest')!.description).toContain('MD5');
    const schema = JSON.stringify(op.responses['200']!.content!['application/json;charset=UTF-8']!.schema);
    expect(schema).toContain('"contentMediaType":"application/json"');
    expect(schema).toContain('"contentSchema":{"$ref":"#/components/schemas/WaiqinGetVoucherInfosData"}');
  });

  it('every server list starts with the {sandbox} variable, defaulting to http://127.0.0.1:4010', () => {
    const real = { wechat: 'https://api.weixin.qq.com', wechatpay: 'https://api.mch.weixin.qq.com', waiqin: 'https://openapi.waiqin365.com' };
    for (const name of OPENAPI_DOCUMENT_NAMES) {
      const servers = openapiDocument(name).servers;
      expect(servers[0]).toEqual(
        expect.objectContaining({ url: '{sandbox}', variables: { sandbox: expect.objectContaining({ default: 'http://127.0.0.1:4010' }) } }),
      );
      if (name !== 'sandbox') expect(servers[1]!.url).toBe(real[name]);
    }
  });
});

describe('the sources of the documents', () => {
  it('src/openapi imports nothing from node:', () => {
    const dir = join(root, 'src', 'openapi');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/from ['"]node:|import\(['"]node:/);
  });

  it('the example index holds every file under schemas/*/examples/', () => {
    const onDisk = readdirSync(join(root, 'schemas'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => {
        try {
          return readdirSync(join(root, 'schemas', d.name, 'examples'))
            .filter((f) => f.endsWith('.json'))
            .map((f) => `${d.name}/examples/${f}`);
        } catch {
          return [];
        }
      });
    expect(onDisk.length).toBeGreaterThan(0);
    expect(Object.keys(exampleFiles).sort()).toEqual(onDisk.sort());
  });

  it('component names come from schema titles, which are unique', () => {
    const titles = (allSchemas as unknown as { title?: string }[]).map((s) => s.title);
    expect(titles.filter((t) => typeof t !== 'string')).toEqual([]);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
