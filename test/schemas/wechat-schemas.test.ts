import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../src/operations.js';
import { errorCatalogue, isErrorKey } from '../../src/errors/catalogue.js';
import { schemaId, schemas } from '../../src/schema/registry.js';
import { allSchemas } from '../../src/schema/schema-index.js';
import { loadExamples } from '../support/examples.js';

const wx = (name: string) => schemaId(`wechat/${name}.json`);
const wechatOps = operationsOf('wechat');
const wechatSchemas = (allSchemas as Array<Record<string, unknown>>).filter((s) => String(s.$id).includes('/schemas/wechat/'));
const examples = loadExamples().filter((e) => e.file.startsWith('schemas/wechat/'));

/** The catalogue key the vendor answers for this body: the first issue's errorKey (ajv stops at the first failure). */
function errorKeyOf(schema: string, data: unknown): string | undefined {
  const result = schemas().validate(schema, data);
  if (result.ok) return 'valid';
  return result.issues[0]?.errorKey;
}

/** Every `x-errors` value anywhere in a schema. */
function xErrorKeys(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => xErrorKeys(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'x-errors') Object.values(v as Record<string, string>).forEach((key) => out.add(key));
      else xErrorKeys(v, out);
    }
  }
  return out;
}

/** The `x-errors` keys a request can produce: the schema itself and every schema it reaches through `$ref`. */
function reachableErrorKeys(rootId: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (node: unknown, fileId: string) => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, fileId));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'x-errors') Object.values(v as Record<string, string>).forEach((key) => out.add(key));
      else if (k === '$ref' && typeof v === 'string') {
        const [file, pointer = ''] = v.split('#');
        const target = file ? new URL(file, fileId).href : fileId;
        const ref = `${target}#${pointer}`;
        if (seen.has(ref)) continue;
        seen.add(ref);
        let resolved: unknown = schemas().schema(target);
        for (const part of pointer.split('/').filter(Boolean)) resolved = (resolved as Record<string, unknown>)[part];
        visit(resolved, target);
      } else visit(v, fileId);
    }
  };
  visit(schemas().schema(rootId), rootId);
  return out;
}

const card = (type: string, body: Record<string, unknown>) => ({ card: { card_type: type, [type.toLowerCase()]: body } });
const baseInfo = {
  logo_url: 'http://mmbiz.qpic.cn/logo.png',
  code_type: 'CODE_TYPE_TEXT',
  brand_name: '微信餐厅',
  title: '9折优惠券',
  color: 'Color010',
  notice: '到店使用',
  description: '',
  date_info: { type: 'DATE_TYPE_FIX_TERM', fixed_term: 30 },
  sku: { quantity: 100 },
};

describe('wechat schemas: x-errors give the vendor code for each kind of bad input', () => {
  it.each([
    ['card_id missing on card/get', 'card-get.request', {}, '41012'],
    ['card_id missing on card/update', 'card-update.request', { member_card: { prerogative: '' } }, '41012'],
    ['card_id missing on card/modifystock', 'card-modifystock.request', { increase_stock_value: 1 }, '41012'],
    ['card_id missing on card/delete', 'card-delete.request', {}, '41012'],
    ['card_id missing on getcardmembercarddetail', 'datacube-getcardmembercarddetail.request', { begin_date: '2015-06-15', end_date: '2015-06-30' }, '41012'],
    ['code missing on code/get', 'code-get.request', { card_id: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc' }, '41013'],
    ['code missing on code/consume', 'code-consume.request', {}, '41013'],
    ['code missing on code/update', 'code-update.request', { new_code: '1' }, '41013'],
    ['code missing on code/unavailable', 'code-unavailable.request', {}, '41013'],
    ['count missing on batchget', 'card-batchget.request', { offset: 0 }, '41011'],
    ['openid missing on getcardlist', 'user-getcardlist.request', {}, '41011'],
    ['cond_source missing on getcardbizuininfo', 'datacube-getcardbizuininfo.request', { begin_date: '2015-06-15', end_date: '2015-06-30' }, '41011'],
    ['both new_code and newcode missing', 'code-update.request', { code: '12345678' }, '41011'],
    ['card body missing from card/create', 'card-create.request', {}, '41011'],
    ['type body not under the lower-cased card_type', 'card-create.request', { card: { card_type: 'CASH', groupon: {} } }, '41011'],
    ['base_info.title missing', 'card-create.request', card('GIFT', { base_info: { ...baseInfo, title: undefined }, gift: 'x' }), '41011'],
    ['update with only card_id', 'card-update.request', { card_id: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc' }, '41011'],
    ['count as a string', 'card-batchget.request', { offset: 0, count: '10' }, '47001'],
    ['card_id as a number', 'card-get.request', { card_id: 42 }, '47001'],
    ['check_consume as a string', 'code-get.request', { code: '1', check_consume: 'true' }, '47001'],
    ['a JSON array instead of an object', 'card-get.request', [], '47001'],
    [
      'a non-numeric end_timestamp (real 47001)',
      'card-create.request',
      card('GIFT', { base_info: { ...baseInfo, date_info: { type: 1, begin_timestamp: 1, end_timestamp: 'end_timestamp' } }, gift: 'x' }),
      '47001',
    ],
    ['datacube date 2015/06/15', 'datacube-getcardbizuininfo.request', { begin_date: '2015/06/15', end_date: '2015-06-30', cond_source: 0 }, '61500'],
    ['datacube date as a number', 'datacube-getcardcardinfo.request', { begin_date: '2015-06-15', end_date: 20150630, cond_source: 0 }, '61500'],
    [
      'datacube date with a time',
      'datacube-getcardmembercarddetail.request',
      { begin_date: '2015-06-15 00:00', end_date: '2015-06-30', card_id: 'x' },
      '61500',
    ],
    ['unknown card_type', 'card-create.request', card('COUPON', { base_info: baseInfo }), '40071'],
    ['update under a key that is no card type', 'card-update.request', { card_id: 'p', coupon: {} }, '40071'],
    ['batchget count 51 (no documented code: 47001)', 'card-batchget.request', { offset: 0, count: 51 }, '47001'],
    [
      'total_quantity 100000001',
      'card-create.request',
      card('GIFT', { base_info: { ...baseInfo, sku: { quantity: 1, total_quantity: 100000001 } }, gift: 'x' }),
      '40122',
    ],
    ['increase_stock_value 100000001', 'card-modifystock.request', { card_id: 'p', increase_stock_value: 100000001 }, '40122'],
    ['code longer than string(20)', 'code-get.request', { code: '1'.repeat(21) }, '45021'],
    ['notice longer than string(48)', 'card-update.request', { card_id: 'p', cash: { base_info: { notice: 'n'.repeat(49) } } }, '45021'],
    ['brand_name in an update (not updatable)', 'card-update.request', { card_id: 'p', cash: { base_info: { brand_name: 'x' } } }, '40150'],
    ['two type keys in an update', 'card-update.request', { card_id: 'p', cash: {}, gift: {} }, '40150'],
    [
      'update date_info to DATE_TYPE_FIX_TERM',
      'card-update.request',
      { card_id: 'p', cash: { base_info: { date_info: { type: 'DATE_TYPE_FIX_TERM' } } } },
      '40100',
    ],
  ])('%s -> %s', (_what, schema, data, key) => {
    expect(errorKeyOf(wx(schema), JSON.parse(JSON.stringify(data)))).toBe(key);
  });

  it('maps the /cgi-bin/token query to 41002 / 41004 / 40002', () => {
    const query = (q: Record<string, unknown>) => {
      const result = schemas().validateCoercing(wx('token.query'), q);
      return result.ok ? 'valid' : result.issues[0]?.errorKey;
    };
    expect(query({ grant_type: 'client_credential', secret: 's' })).toBe('41002');
    expect(query({ grant_type: 'client_credential', appid: 'a' })).toBe('41004');
    expect(query({ appid: 'a', secret: 's' })).toBe('40002');
    expect(query({ grant_type: 'authorization_code', appid: 'a', secret: 's' })).toBe('40002');
    expect(query({ grant_type: 'client_credential', appid: 'a', secret: 's' })).toBe('valid');
  });

  it('gives every rejected request fixture a catalogued error, and the one its note names', () => {
    const requestCounters = examples.filter((e) => !e.valid && /\.(request|query)\.json$/.test(e.schema));
    expect(requestCounters.length).toBeGreaterThan(40);
    for (const example of requestCounters) {
      const key = errorKeyOf(example.schema, example.data);
      expect(key, example.file).toBeDefined();
      expect(isErrorKey('wechat', key as string), example.file).toBe(true);
      const named = /\((-?\d{5}|-1)\)/.exec(example.note ?? '');
      if (named) expect(key, `${example.file}: ${example.note}`).toBe(named[1]);
    }
  });
});

describe('wechat schemas: catalogue and operations agree', () => {
  it('has a request (or query) and a response schema for every wechat operation', () => {
    expect(wechatOps.length).toBe(17);
    for (const op of wechatOps) {
      const input = op.request ?? op.query;
      expect(input, op.id).toBeDefined();
      expect(schemas().has(input as string), `${op.id} ${input}`).toBe(true);
      expect(schemas().has(op.response), `${op.id} ${op.response}`).toBe(true);
    }
  });

  it('lists only catalogued errors on wechat operations', () => {
    for (const op of wechatOps) {
      for (const key of op.errors) expect(isErrorKey('wechat', key), `${op.id} ${key}`).toBe(true);
    }
  });

  it('lists on each operation every error its request schema can produce', () => {
    const missing: Record<string, string[]> = {};
    for (const op of wechatOps) {
      const unlisted = [...reachableErrorKeys((op.request ?? op.query) as string)].filter((key) => !(op.errors as readonly string[]).includes(key));
      if (unlisted.length) missing[op.id] = unlisted.sort();
    }
    expect(missing).toEqual({});
  });

  it('only names catalogued keys in x-errors', () => {
    const keys = new Set<string>();
    for (const schema of wechatSchemas) xErrorKeys(schema, keys);
    for (const key of keys) expect(isErrorKey('wechat', key), key).toBe(true);
  });

  it('catalogues each WeChat error once, keyed by its errcode, with HTTP 200 and a bare message', () => {
    const catalogue = errorCatalogue('wechat');
    expect(schemas().validate(schemaId('error-catalogue.schema.json'), { vendor: 'wechat', errors: catalogue }).ok).toBe(true);
    expect(new Set(catalogue.map((e) => e.key)).size).toBe(catalogue.length);
    for (const entry of catalogue) {
      expect(entry.key).toBe(String(entry.code));
      expect(entry.status).toBe(200);
      // the trace suffix is added per request, never stored
      expect(entry.message, entry.key).not.toMatch(/ (rid:|hint: \[)|\s{2}|^\s|\s$/);
      expect(entry.when, entry.key).toMatch(/\S/);
      expect(entry.source, entry.key).toMatch(/api[-]facts|VENDOR-BEHAVIOUR|wechat-|official/);
    }
    const codes = catalogue.map((e) => e.code);
    for (const code of [
      -1, 40001, 40002, 40003, 40013, 40014, 40053, 40056, 40071, 40072, 40073, 40075, 40078, 40079, 40080, 40099, 40100, 40107, 40109, 40116, 40122, 40124,
      40125, 40127, 40136, 40146, 40147, 40150, 40164, 40243, 41001, 41002, 41004, 41011, 41012, 41013, 42001, 43002, 43017, 44002, 45009, 45011, 45021, 45030,
      45031, 45033, 47001, 48001, 50004, 50007, 61500, 61501, 61503,
    ]) {
      expect(codes, String(code)).toContain(code);
    }
  });

  it('validates a rendered catalogue error against the error envelope', () => {
    for (const entry of errorCatalogue('wechat')) {
      const body = { errcode: entry.code, errmsg: `${entry.message} rid: 6aac0064-355b48ab-4c5b487e` };
      expect(schemas().validate(wx('error'), body).ok, entry.key).toBe(true);
    }
  });
});

describe('wechat schemas: card/update annotations the engine reads', () => {
  const update = schemas().schema(wx('card-update.request')) as { $defs: Record<string, { properties: Record<string, Record<string, unknown>> }> };
  const containers = new Set(['base_info', 'advanced_info']);
  const fields = Object.entries(update.$defs)
    .filter(([name]) => name !== 'UpdateCustomField')
    .flatMap(([name, def]) => Object.entries(def.properties).map(([field, s]) => [name, field, s] as const))
    .filter(([, field]) => !containers.has(field));

  it('marks every field the update pages list as updatable, with a review flag', () => {
    expect(fields.length).toBeGreaterThan(35);
    for (const [def, field, s] of fields) {
      expect(s['x-updatable'], `${def}.${field}`).toBe(true);
      expect(typeof s['x-review'], `${def}.${field}`).toBe('boolean');
    }
  });

  it('flags for review exactly the fields of the EN "Review Required" column (plus the [I] member/movie texts)', () => {
    const review = new Set(fields.filter(([, , s]) => s['x-review'] === true).map(([, field]) => field));
    expect([...review].sort()).toEqual(
      ['color', 'consume_share_card_list', 'consume_share_self_num', 'description', 'detail', 'logo_url', 'notice', 'prerogative', 'time_limit'].sort(),
    );
  });

  it('accepts any lower-cased card type as the update key', () => {
    const keys = [
      'groupon',
      'cash',
      'discount',
      'gift',
      'general_coupon',
      'member_card',
      'scenic_ticket',
      'movie_ticket',
      'boarding_pass',
      'meeting_ticket',
      'bus_ticket',
    ];
    for (const key of keys) {
      expect(schemas().validate(wx('card-update.request'), { card_id: 'p', [key]: { base_info: { service_phone: '1' } } }).ok, key).toBe(true);
    }
  });
});

describe('wechat fixtures cover every operation', () => {
  it('has a valid fixture for every wechat request and response schema, and a counter-example for every request', () => {
    for (const op of wechatOps) {
      const input = (op.request ?? op.query) as string;
      expect(
        examples.some((e) => e.valid && e.schema === input),
        `${op.id} valid request`,
      ).toBe(true);
      expect(
        examples.some((e) => e.valid && e.schema === op.response),
        `${op.id} valid response`,
      ).toBe(true);
      expect(
        examples.some((e) => !e.valid && e.schema === input),
        `${op.id} counter-example`,
      ).toBe(true);
    }
  });
});
