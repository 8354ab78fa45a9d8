import { readFileSync, existsSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateAll, ROOT } from '../../src/tools/generate.js';
import { exportedNames } from '../../src/tools/schema-imports.js';

describe('generated files', () => {
  let generated: Map<string, string>;
  beforeAll(async () => {
    generated = await generateAll();
  }, 60_000);

  it('match what `npm run generate` produces from schemas/ (types and schema index are fresh)', () => {
    const stale = [...generated].filter(([path, content]) => !existsSync(path) || readFileSync(path, 'utf8') !== content).map(([path]) => relative(ROOT, path));
    expect(stale, 'run `npm run generate` and commit the result').toEqual([]);
  });

  it('declare every exported type once: a shared definition lives in its own file and is imported elsewhere', () => {
    const declaredIn = new Map<string, string[]>();
    for (const [path, content] of generated) {
      if (!path.endsWith('.ts') || path.endsWith('/index.ts')) continue;
      for (const name of exportedNames(content)) declaredIn.set(name, [...(declaredIn.get(name) ?? []), relative(ROOT, path)]);
    }
    expect(declaredIn.size).toBeGreaterThan(100);
    expect([...declaredIn].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it('import the shared definitions from their own module (the card, the stock, the coupon, the common types)', () => {
    const at = (rel: string) => generated.get(`${ROOT}/src/types/${rel}`) ?? '';
    expect(at('wechat/card-create.request.ts')).toMatch(/^import type \{[^}]*\bWechatCard\b[^}]*\} from "\.\/card\.js";$/m);
    expect(at('wechat/card-get.response.ts')).toMatch(/^import type \{[^}]*\bWechatCard\b[^}]*\} from "\.\/card\.js";$/m);
    expect(at('wechatpay/query-stock.response.ts')).toMatch(/^export type BusifavorQueryStockResponse = BusifavorStock;$/m);
    expect(at('wechatpay/list-user-coupons.response.ts')).toMatch(/^import type \{[^}]*\bBusifavorCoupon\b[^}]*\} from "\.\/coupon\.js";$/m);
    expect(at('waiqin/add-voucher-info.request.ts')).toMatch(/from "\.\/common\.js";$/m);
    for (const shared of ['GrouponCard', 'BaseInfo', 'CouponUseRule', 'DisplayPatternInfo']) {
      const owners = [...generated].filter(([path, content]) => path.endsWith('.ts') && exportedNames(content).includes(shared));
      expect(
        owners.map(([path]) => relative(ROOT, path)),
        shared,
      ).toHaveLength(1);
    }
  });
});
