import { describe, expect, it } from 'vitest';
import { createSandbox, errorCatalogue, operations, schemas, schemaId, type Vendor } from '../src/index.js';

const vendors: Vendor[] = ['wechat', 'wechatpay', 'waiqin'];

describe('the operation catalogue', () => {
  it('has unique ids and unique method + path pairs', () => {
    expect(new Set(operations.map((op) => op.id)).size).toBe(operations.length);
    expect(new Set(operations.map((op) => `${op.method} ${op.path}`)).size).toBe(operations.length);
  });

  it.each(operations.map((op) => [op.id, op] as const))('%s names schemas that exist', (_id, op) => {
    for (const id of [op.request, op.query, op.response, op.responseData].filter(Boolean) as string[]) {
      expect(schemas().has(id), id).toBe(true);
    }
  });

  it.each(operations.map((op) => [op.id, op] as const))('%s lists only catalogued errors', (_id, op) => {
    const keys = new Set<string>(errorCatalogue(op.vendor).map((e) => e.key));
    expect(op.errors.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('is what the app routes: every operation answers differently from an unknown path of its vendor', async () => {
    const { app } = createSandbox({ empty: true });
    // What each vendor answers for a path it does not know (its own "no such API" error).
    const unknown: Record<Vendor, string> = {
      wechat: '/card/no-such-api',
      wechatpay: '/v3/marketing/busifavor/no-such-api',
      waiqin: '/api/voucher/v1/noSuchMethod/o/20260101000000/d/m',
    };
    const outcome = async (method: string, path: string) => {
      const res = await app.request(path, { method, body: method === 'POST' ? '{}' : undefined });
      const body = (await res.json()) as Record<string, unknown>;
      return JSON.stringify([res.status, body.errcode ?? body.code ?? body.return_code]);
    };
    const unrouted: string[] = [];
    for (const op of operations) {
      const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'timestamp' ? '20260101000000' : `x${name}`));
      if ((await outcome(op.method, path)) === (await outcome(op.method, unknown[op.vendor]))) unrouted.push(op.id);
    }
    expect(unrouted).toEqual([]);
  });
});

describe('the error catalogues', () => {
  it.each(vendors)('%s validates against error-catalogue.schema.json and has unique keys', (vendor) => {
    const entries = errorCatalogue(vendor);
    expect(schemas().validate(schemaId('error-catalogue.schema.json'), { vendor, errors: entries }).ok).toBe(true);
    expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
  });
});
