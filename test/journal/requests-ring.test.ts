import { describe, expect, it } from 'vitest';
import { RequestsRing } from '../../src/journal/requests-ring.js';
import { CHUNK_BYTES } from '../../src/journal/text-chunks.js';

const RID = 'aaaaaaaa-bbbbbbbb-0000000';

/** Records request `n` (its path and bodies name it; every fifth is a WeChat error with a rid). */
function add(ring: RequestsRing, n: number, body = `{"n":${n}}`): void {
  const failed = n % 5 === 0;
  ring.add(
    1_000 + n,
    'POST',
    `/card/code/get?access_token=T${n}`,
    'wechat',
    'wechat.code-get',
    failed ? '40056' : 'ok',
    200,
    n / 10,
    body,
    failed ? `{"errcode":40056,"errmsg":"invalid serial code rid: ${RID}${n % 10}"}` : '{"errcode":0,"errmsg":"ok"}',
    'wx1',
  );
}

const ids = (ring: RequestsRing, filter = {}) => ring.list({ limit: 10_000, ...filter }).map((r) => r.id);

describe('the request ring', () => {
  it('keeps the newest `limit` requests in order through many wraps of its columns', () => {
    const ring = new RequestsRing(37);
    for (let n = 1; n <= 1_000; n++) add(ring, n);
    expect(ids(ring)).toEqual(Array.from({ length: 37 }, (_, k) => 1_000 - k));
    expect(ring.count({})).toBe(37);
    expect(ring.list({ limit: 1 })[0]).toMatchObject({
      id: 1_000,
      method: 'POST',
      path: '/card/code/get?access_token=***',
      vendor: 'wechat',
      operation: 'wechat.code-get',
      outcome: '40056',
      status: 200,
      ms: 100,
      request: { body: '{"n":1000}' },
    });
  });

  it('evicts by bytes, but always keeps the newest request', () => {
    // Each record counts the UTF-8 bytes of its path and bodies + 200: 318 for request 50 (an
    // error answer), 266 for 49 and 48; 47 would make 1,116.
    const ring = new RequestsRing(10_000, 1_000);
    for (let n = 1; n <= 50; n++) add(ring, n);
    expect(ids(ring)).toEqual([50, 49, 48]);
    add(ring, 51, 'x'.repeat(2_000));
    expect(ids(ring)).toEqual([51]);
    // What counts is UTF-8 bytes: 20 CJK characters weigh what 60 ASCII ones do (not a third).
    const ascii = new RequestsRing(10_000, 1_000);
    const wide = new RequestsRing(10_000, 1_000);
    for (let n = 11; n <= 20; n++) {
      add(ascii, n, `{"n":"${'a'.repeat(60)}"}`);
      add(wide, n, `{"n":"${'满'.repeat(20)}"}`);
    }
    expect(ids(ascii)).toEqual([10, 9]);
    expect(ids(wide)).toEqual([10, 9]);
  });

  it('keeps every text exact through 20,000 records, some bodies larger than a chunk', () => {
    const ring = new RequestsRing(50);
    // Every 97th body is larger than a chunk (it gets one of its own); the rest vary in length.
    const body = (n: number) => (n % 97 === 0 ? `{"big":"${String(n).repeat(CHUNK_BYTES / 4)}"}` : `{"n":${n},"pad":"${'p'.repeat(n % 300)}"}`);
    for (let n = 1; n <= 20_000; n++) add(ring, n, body(n));
    const shown = ring.list({ limit: 50 });
    expect(shown.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, k) => 20_000 - k));
    const wrong = shown.filter((r) => (r.request as { body: string }).body !== body(r.id as number) || r.path !== '/card/code/get?access_token=***');
    expect(wrong.map((r) => r.id)).toEqual([]);
    // The one large body still held (19,982 = 206 × 97) came back whole too.
    expect(shown.filter((r) => (r.id as number) % 97 === 0).map((r) => r.id)).toEqual([19_982]);
    expect(ring.findRid(`${RID}0`)).toMatchObject({ id: 20_000, requestBody: body(20_000) });
  });

  it('finds a rid while the ring holds its request, not after', () => {
    // Requests 5, 10, 15, 20... fail; their rids end in 5, 0, 5, 0...
    const ring = new RequestsRing(4);
    for (let n = 1; n <= 10; n++) add(ring, n);
    expect(ring.findRid(`${RID}0`)).toMatchObject({ id: 10, requestBody: '{"n":10}', caller: 'wx1', ms: 1, at: 1_010 });
    expect(ring.findRid(`${RID}5`)).toBeUndefined(); // request 5 was evicted
    for (let n = 11; n <= 15; n++) add(ring, n);
    expect(ring.findRid(`${RID}5`)).toMatchObject({ id: 15 });
    expect(ring.findRid(`${RID}0`)).toBeUndefined();
    expect(ring.findRid(`${RID}9`)).toBeUndefined();
  });

  it('filters by vendor, operation, outcome and `after`, newest first', () => {
    const ring = new RequestsRing(100);
    for (let n = 1; n <= 12; n++) add(ring, n);
    expect(ids(ring, { outcome: '40056' })).toEqual([10, 5]);
    expect(ids(ring, { after: 9 })).toEqual([12, 11, 10]);
    expect(ids(ring, { vendor: 'wechatpay' })).toEqual([]);
    expect(ring.count({ operation: 'wechat.code-get', outcome: 'ok' })).toBe(10);
  });

  it('gives every text back exactly: non-ASCII, emoji, a leading BOM, a lone surrogate, bodies larger than a chunk', () => {
    const ring = new RequestsRing(1_000);
    const texts = ['{"title":"满100减10 卡券"}', '😀 done', '\ufeff{"a":1}', 'half \ud800 of a pair', 'z'.repeat(100_000), ''];
    for (let n = 0; n < 600; n++) {
      const text = texts[n % texts.length]!;
      ring.add(n, 'POST', `/card/get?q=${text.slice(0, 20)}`, 'waiqin', 'op', 'ok', 200, 1, text, `[${text}]`, undefined);
    }
    const shown = ring.list({ limit: 600 }).reverse();
    expect(shown).toHaveLength(600);
    shown.forEach((record, n) => {
      const text = texts[n % texts.length]!;
      expect(record).toMatchObject({ path: `/card/get?q=${text.slice(0, 20)}`, request: { body: text }, response: { body: `[${text}]` } });
    });
  });

  it('starts empty after clear, ids going on', () => {
    const ring = new RequestsRing(100);
    for (let n = 1; n <= 30; n++) add(ring, n);
    ring.clear();
    expect(ring.count({})).toBe(0);
    expect(ring.findRid(`${RID}0`)).toBeUndefined();
    add(ring, 31);
    expect(ids(ring)).toEqual([31]);
  });
});
