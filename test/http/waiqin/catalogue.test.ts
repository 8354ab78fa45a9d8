import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, errorEntry, isErrorKey } from '../../../src/errors/catalogue.js';
import { operationsOf } from '../../../src/operations.js';
import { schemas } from '../../../src/schema/registry.js';

/** Errors only the order control action raises (the voucher API has no order operation). */
const CONTROL_ONLY = ['HOLDING_NOT_FOUND', 'DOORSILL_NOT_MET', 'PAY_TYPE_MISMATCH', 'PROD_OUT_OF_RANGE', 'ORDER_NO_DUPLICATE', 'VOUCHER_NOT_STARTED_USE'];

describe('waiqin365 error catalogue', () => {
  const keys = errorCatalogue('waiqin').map((e) => e.key);

  it('has unique keys and codes, Chinese messages and HTTP 200 everywhere', () => {
    expect(new Set(keys).size).toBe(keys.length);
    const codes = errorCatalogue('waiqin').map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of errorCatalogue('waiqin')) {
      expect(e.status, e.key).toBe(200);
      expect(e.message, e.key).toMatch(/[\u4e00-\u9fff]/);
      expect(e.code, e.key).not.toBe(0);
    }
    expect(errorEntry('waiqin', 'FAILURE').code).toBe(1);
  });

  it('lists only catalogued keys on the operations, and every key on an operation or the order control action', () => {
    const used = new Set<string>(CONTROL_ONLY);
    for (const op of operationsOf('waiqin')) {
      for (const key of op.errors) {
        expect(isErrorKey('waiqin', key), `${op.id} ${key}`).toBe(true);
        used.add(key);
      }
      expect(schemas().has(op.request!), op.id).toBe(true);
      expect(schemas().has(op.responseData!), op.id).toBe(true);
    }
    expect(keys.filter((k) => !used.has(k))).toEqual([]);
  });

  it('names every x-errors key of the waiqin schemas in the catalogue', () => {
    const dir = join(import.meta.dirname, '../../../schemas/waiqin');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'errors.json')) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/"(?:missing|invalid|minLength|maxLength|type)": "([A-Z_]+)"/g)) {
        expect(keys, `${file}: ${m[1]}`).toContain(m[1]);
      }
    }
  });

  it('has a test asserting every catalogued error (except FAILURE, which the crash test covers)', () => {
    const dir = import.meta.dirname;
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts') && f !== 'catalogue.test.ts')
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(keys.filter((k) => !sources.includes(`'${k}'`))).toEqual([]);
  });
});
