import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WechatState } from '../../src/engine/wechat/model.js';
import { TEST_MERCHANT_PRIVATE_KEY } from '../../src/engine/wechatpay/test-keys.js';
import { maskSecrets } from '../../src/pipeline/log-mask.js';
import { serveSandbox } from '../../src/node.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the unexpected-error log line', () => {
  it('masks the access_token of the URL and keeps the rest readable', async () => {
    const running = await serveSandbox({ port: 0 });
    try {
      const logged: string[] = [];
      vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
      const { appid, secret } = running.sandbox.wechat.credentials();
      const token = (await (await fetch(`${running.url}/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json())
        .access_token as string;
      // A bug inside a rule: batchget reads the app's cards.
      running.sandbox.world.store<WechatState>('wechat').read((s) => {
        Object.defineProperty(s.apps[0]!, 'cards', {
          get: () => {
            throw new Error(`boom while serving ${token} with secret=${secret}`);
          },
          configurable: true,
        });
      });
      const res = await fetch(`${running.url}/card/batchget?access_token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"offset":0,"count":1}',
      });
      expect((await res.json()).errcode).toBe(-1);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('POST');
      expect(logged[0]).toContain('/card/batchget?access_token=***');
      expect(logged[0]).toContain('secret=***');
      expect(logged[0]).not.toContain(secret);
      expect(logged[0]).not.toContain(token);
      expect(logged[0]).toContain('boom while serving');
    } finally {
      await running.close();
    }
  });
});

describe('maskSecrets', () => {
  it('masks tokens, secrets, bearer tokens, v3 signatures and private keys', () => {
    const text = [
      '/cgi-bin/token?grant_type=client_credential&appid=wx1234&secret=abcdef0123',
      '/_sandbox/clock?sandbox_token=tok',
      '{"appid":"wx1234","secret":"abcdef","access_token":"12_xyz","merchant_private_key":"k"}',
      'Authorization: Bearer tok-9',
      'WECHATPAY2-SHA256-RSA2048 mchid="1230000109",signature="c2lnbmF0dXJl"',
      TEST_MERCHANT_PRIVATE_KEY,
    ].join('\n');
    const masked = maskSecrets(text);
    for (const secret of ['abcdef0123', 'sandbox_token=tok', '"abcdef"', '12_xyz', 'tok-9', 'c2lnbmF0dXJl', TEST_MERCHANT_PRIVATE_KEY.split('\n')[1]!]) {
      expect(masked).not.toContain(secret);
    }
    for (const kept of ['appid=wx1234', '"appid":"wx1234"', 'mchid="1230000109"']) expect(masked).toContain(kept);
  });
});
