import { readFileSync } from 'node:fs';
import { operationsOf } from '../../../src/operations.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signedV3Request } from '../../../src/http/wechatpay/signer.js';
import { serveSandbox } from '../../../src/node.js';
import { readmeBlocks } from '../../support/readme.js';

describe('the signers take the credentials the sandbox serves, as-is', () => {
  it('signs a v3 POST with GET /_sandbox/credentials wechatpay, over a real socket', async () => {
    const running = await serveSandbox({ port: 0 });
    try {
      const { wechatpay } = (await (await fetch(`${running.url}/_sandbox/credentials`)).json()) as {
        wechatpay: { mchid: string; merchant_serial_no: string; merchant_private_key: string; openids: string[]; appids: string[] };
      };
      const body = {
        stock_id: '98065001',
        openid: wechatpay.openids[0],
        appid: wechatpay.appids[0],
        out_request_no: 'as-served-1',
        send_coupon_merchant: wechatpay.mchid,
      };
      const res = await fetch(await signedV3Request(wechatpay, 'POST', `${running.url}/v3/marketing/busifavor/coupons/send`, body));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { coupon_code: string }).coupon_code).toMatch(/^\d+$/);
    } finally {
      await running.close();
    }
  });

  it('runs the README example of signing a POST', async () => {
    const [block] = readmeBlocks('Signing a POST from code').filter((b) => b.lang === 'ts');
    const running = await serveSandbox({ port: 0 });
    try {
      const code = block!.code
        .replace("from 'coupon-sandbox'", `from '${pathToFileURL(join(process.cwd(), 'dist/src/index.js')).href}'`)
        .replace("'http://127.0.0.1:4010'", `'${running.url}'`)
        .replace(/console\.log\(answer\.status, await answer\.json\(\)\);.*$/m, 'export const status = answer.status;');
      const file = join(mkdtempSync(join(tmpdir(), 'readme-sign-')), 'sign.mjs');
      writeFileSync(file, code);
      const mod = (await import(pathToFileURL(file).href)) as { status: number };
      expect(mod.status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

describe('the README', () => {
  it('lists every WeChat Pay v3 path of the catalogue', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const ops = operationsOf('wechatpay');
    expect(ops.length).toBeGreaterThan(10);
    const rows = new Set([...readme.matchAll(/^\| (GET|POST|PATCH|DELETE) +\| `([^`]+)` +\|/gm)].map((m) => `${m[1]} ${m[2]}`));
    expect(ops.filter((op) => !rows.has(`${op.method} ${op.path}`)).map((op) => op.id)).toEqual([]);
  });
});
