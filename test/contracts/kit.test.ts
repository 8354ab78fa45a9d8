import { describe, expect, it } from 'vitest';
import { contractConfigFromEnv, DriftCollector, ResponseValidator, waiqinDigest, waiqinTimestamp, wechatpaySignatureMessage } from '../../contracts/index.js';
import { SchemaDocs } from '../../contracts/schema-docs.js';
import { Transport } from '../../contracts/transport.js';

const ID = 'https://coupon-sandbox.dev/schemas/test/thing.json';
const thing = {
  $id: ID,
  type: 'object',
  required: ['id', 'items'],
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    items: { type: 'array', items: { $ref: '#/$defs/Item' } },
    note: { type: 'string' },
  },
  $defs: { Item: { type: 'object', additionalProperties: true, properties: { n: { type: 'integer' } } } },
};

describe('waiqin365 signing', () => {
  it('reproduces the documented digest example', () => {
    const body = '{"org_id":"ORG001","org_name":"南京掌控网络","org_parent_id":"","org_sequence":001}';
    expect(waiqinDigest(body, 'BFCO0PAgIUgd50c0l6', '20150806142836')).toBe('74267bf0cae0998a719879ec9b3c7780');
  });

  it('writes the path timestamp in China Standard Time', () => {
    expect(waiqinTimestamp(Date.UTC(2015, 7, 6, 6, 28, 36))).toBe('20150806142836');
  });
});

describe('WeChat Pay signing', () => {
  it('signs METHOD, path, timestamp, nonce and body, each line ending in \\n', () => {
    expect(wechatpaySignatureMessage('GET', '/v3/certificates', '1610469421', 'N', '')).toBe('GET\n/v3/certificates\n1610469421\nN\n\n');
  });
});

describe('response checking', () => {
  const validator = new ResponseValidator([thing]);

  it('lists every break with its path, expected and actual value', () => {
    expect(validator.check('op', ID, { items: [{ n: 'x' }, { n: 2 }] })).toEqual([
      { operation: 'op', path: '/id', expected: 'present (required)', actual: 'missing', message: '' },
      { operation: 'op', path: '/items/0/n', expected: 'type integer', actual: 'string "x"', message: '' },
    ]);
  });

  it('reports undocumented fields and documented fields never seen, without failing', () => {
    const data = { id: 'a', items: [{ n: 1, extra: true }], surprise: 1 };
    expect(validator.check('op', ID, data)).toEqual([]);
    const drift = new DriftCollector(new SchemaDocs([thing]));
    drift.record('op', ID, data);
    expect(drift.entries()).toEqual([{ operation: 'op', schema: ID, responses: 1, undocumented: ['/items/[]/extra', '/surprise'], neverSeen: ['/note'] }]);
  });
});

describe('configuration from the environment', () => {
  it('builds a read-only real target with pacing, fixtures and write fixtures', () => {
    const config = contractConfigFromEnv({
      CONTRACT_TARGET: 'real',
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's',
      WECHAT_CARD_ID: 'p1',
      WECHAT_WRITE_CODE: '111, 222',
      WAIQIN_OPENID: 'o'.repeat(19),
      WAIQIN_APPKEY: 'k',
    });
    expect(config).toMatchObject({
      target: 'real',
      vendors: ['wechat', 'waiqin'],
      paceMs: 1000,
      wechat: { baseUrl: 'https://api.weixin.qq.com', appid: 'wx1', secret: 's' },
      waiqin: { baseUrl: 'https://openapi.waiqin365.com' },
      fixtures: { wechat: { card_id: 'p1' } },
      writes: { allow: false, fixtures: { wechat: { code: ['111', '222'] } } },
    });
  });

  it('defaults to a sandbox with every vendor and no pacing', () => {
    expect(contractConfigFromEnv({})).toMatchObject({ target: 'sandbox', vendors: ['wechat', 'wechatpay', 'waiqin'], paceMs: 0 });
  });

  it('reads the shared-sandbox opt-in, progress and reports settings', () => {
    expect(
      contractConfigFromEnv({
        CONTRACT_SANDBOX_URL: 'http://127.0.0.1:4010',
        CONTRACT_RESET_SANDBOX: '1',
        CONTRACT_PROGRESS_MS: '0',
        CONTRACT_REPORTS_DIR: 'out',
      }),
    ).toMatchObject({
      target: 'sandbox',
      sandboxUrl: 'http://127.0.0.1:4010',
      resetSandbox: true,
      progressMs: 0,
      reportsDir: 'out',
    });
    expect(contractConfigFromEnv({})).toMatchObject({ resetSandbox: false, progressMs: 2000, reportsDir: 'reports' });
    expect(contractConfigFromEnv({ CONTRACT_PROGRESS_MS: 'off', CONTRACT_REPORTS_DIR: 'off' })).toMatchObject({ progressMs: false, reportsDir: false });
    expect(() => contractConfigFromEnv({ CONTRACT_PROGRESS_MS: 'fast' })).toThrow(/CONTRACT_PROGRESS_MS/);
    // A token of your own for a sandbox you started does not make the target "real".
    expect(contractConfigFromEnv({ CONTRACT_SANDBOX_URL: 'http://127.0.0.1:4010', WECHAT_ACCESS_TOKEN: 't' })).toMatchObject({
      target: 'sandbox',
      wechat: { accessToken: 't' },
    });
  });

  it('rejects an unknown target', () => {
    expect(() => contractConfigFromEnv({ CONTRACT_TARGET: 'prod' })).toThrow(/CONTRACT_TARGET/);
  });
});

describe('the transport', () => {
  it('sends one request at a time, in order, and records each', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const fakeFetch = (async (url: string) => {
      inFlight++;
      most = Math.max(most, inFlight);
      seen.push(url);
      await Promise.resolve();
      inFlight--;
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const transport = new Transport({ paceMs: 0, timeoutMs: 1000, fetch: fakeFetch });
    await Promise.all(['a', 'b', 'c'].map((p) => transport.send({ method: 'GET', url: `http://x/${p}`, headers: {} }, 'control')));
    expect(most).toBe(1);
    expect(seen).toEqual(['http://x/a', 'http://x/b', 'http://x/c']);
    expect(transport.log.map((e) => e.json)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
  });
});
