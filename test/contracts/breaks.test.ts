import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractConfig, coverageMarkdown, driftMarkdown, runContracts, type ContractRunWithLog, type Violation } from '../../contracts/index.js';
import { serveWrapped, withJson } from './support.js';

/**
 * A target that breaks the contract in four ways, each on top of a faithful sandbox: card/batchget
 * loses a required field, card/code/get sends a boolean as a string, a missing access_token earns
 * the wrong errcode, and /v3/certificates comes back unsigned; user/getcardlist also carries a field no
 * schema knows (drift, not a break).
 */
async function breakContract(request: Request, response: Response): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path === '/v3/certificates') {
    const headers = new Headers(response.headers);
    headers.delete('wechatpay-signature');
    return new Response(response.body, { status: response.status, headers });
  }
  if (!response.headers.get('content-type')?.includes('json')) return response;
  const body = (await response.clone().json()) as Record<string, unknown>;
  if (path === '/card/batchget' && body.errcode === 0) {
    delete body.total_num;
    return withJson(response, body);
  }
  if (path === '/card/code/get' && body.errcode === 0) return withJson(response, { ...body, can_consume: 'yes' });
  if (path === '/card/user/getcardlist' && body.errcode === 0) return withJson(response, { ...body, kit_surprise: { level: 1 } });
  if (body.errcode === 41001) return withJson(response, { ...body, errcode: 40001 });
  return response;
}

describe('the contract kit against a target that breaks the contract', () => {
  let target: Awaited<ReturnType<typeof serveWrapped>>;
  let run: ContractRunWithLog;
  const find = (operation: string, path: string): Violation | undefined =>
    run.results.flatMap((r) => r.violations).find((v) => v.operation === operation && v.path === path);

  beforeAll(async () => {
    target = await serveWrapped(breakContract);
    run = await runContracts(
      contractConfig({
        sandboxUrl: target.url,
        reportsDir: false,
        progressMs: false,
        only: ['wechat.card-batchget', 'wechat.card-get !41001', 'wechat.user-getcardlist', 'wechat.code-get', 'wechatpay.certificates'],
      }),
    );
  });
  afterAll(() => target.close());

  it('reports a missing required field with its path', () => {
    expect(find('wechat.card-batchget', '/total_num')).toMatchObject({ expected: 'present (required)', actual: 'missing' });
  });

  it('reports a wrong type with expected and actual values', () => {
    expect(find('wechat.code-get', '/can_consume')).toMatchObject({ expected: 'type boolean', actual: 'string "yes"' });
  });

  it('reports a wrong error code', () => {
    expect(find('wechat.card-get', '/errcode')).toMatchObject({ expected: '41001', actual: '40001' });
  });

  it('reports an unsigned v3 response', () => {
    expect(find('wechatpay.certificates', 'header:Wechatpay-Signature')).toMatchObject({ expected: 'present on every 2xx response', actual: 'missing' });
  });

  it('fails exactly the broken cases and lists each break in the coverage report', () => {
    const failed = run.results.filter((r) => r.status === 'failed').map((r) => r.id);
    expect(failed).toEqual(
      expect.arrayContaining(['wechat.card-batchget', 'wechat.code-get', 'wechat.card-get !41001 (no access_token)', 'wechatpay.certificates']),
    );
    expect(run.failed).toBe(failed.length);
    const report = coverageMarkdown(run);
    expect(report).toContain('wechat.card-batchget /total_num: expected present (required), got missing');
    expect(report).toContain('wechatpay.certificates header:Wechatpay-Signature: expected present on every 2xx response, got missing');
  });

  it('puts real drift (schema mismatches, unknown fields) at the top of drift.md, never-seen fields last', () => {
    const drift = driftMarkdown(run);
    const at = (text: string) => {
      const i = drift.indexOf(text);
      expect(i, text).toBeGreaterThanOrEqual(0);
      return i;
    };
    const real = at('## Real drift');
    const mismatch = at('wechat.code-get /can_consume: expected type boolean, got string "yes"');
    const unknown = at('`/kit_surprise`');
    const neverSeen = at('## Documented fields never seen');
    expect(real).toBeLessThan(mismatch);
    expect(mismatch).toBeLessThan(unknown);
    expect(unknown).toBeLessThan(neverSeen);
    expect(drift.slice(0, real)).toMatch(/Real drift: [1-9]\d* schema mismatches, 1 undocumented fields/);
    // Nothing of the drift section comes after the never-seen list.
    expect(drift.slice(neverSeen)).not.toMatch(/kit_surprise|can_consume/);
  });
});
