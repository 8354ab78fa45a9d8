import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractConfig, runContracts, type ContractRunWithLog } from '../../contracts/index.js';
import { WriteGuard } from '../../contracts/safety.js';
import { RequestRefused } from '../../contracts/transport.js';
import { operation, operations } from '../../src/operations.js';
import { serveWrapped, type Received } from './support.js';

/** The catalogue operation a received request addressed, by matching the documented path templates. */
function operationOf(request: Received) {
  return operations.find((op) => op.method === request.method && new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(request.path));
}

describe('the contract kit against a real-target configuration without write opt-in', () => {
  let target: Awaited<ReturnType<typeof serveWrapped>>;
  let run: ContractRunWithLog;

  beforeAll(async () => {
    // A local stand-in for the real hosts: the kit only knows base URLs and credentials, no /_sandbox/.
    target = await serveWrapped();
    const creds = target.sandbox.credentials() as Record<string, Record<string, unknown>>;
    const pay = creds.wechatpay as Record<string, string | string[]>;
    const wq = creds.waiqin as Record<string, string>;
    run = await runContracts(
      contractConfig({
        target: 'real',
        wechat: { baseUrl: target.url, appid: String(creds.wechat.appid), secret: String(creds.wechat.secret) },
        wechatpay: {
          baseUrl: target.url,
          mchid: String(pay.mchid),
          serialNo: String(pay.merchant_serial_no),
          privateKey: String(pay.merchant_private_key),
          platformCertificate: String(pay.platform_certificate),
          platformSerial: String(pay.platform_serial_no),
          appid: (pay.appids as string[])[0],
        },
        waiqin: { baseUrl: target.url, openid: wq.openid, appkey: wq.appkey },
        fixtures: { wechatpay: { openid: (pay.openids as string[])[0] } },
        paceMs: 0,
        reportsDir: false,
        progressMs: false,
      }),
    );
  });
  afterAll(() => target.close());

  it('sends requests, and none of them to a writing operation or the control surface', () => {
    expect(target.received.length).toBeGreaterThan(20);
    expect(target.received.filter((r) => r.path.startsWith('/_sandbox/'))).toEqual([]);
    const writes = target.received.map((r) => ({ ...r, op: operationOf(r) })).filter((r) => r.op?.writes);
    expect(writes).toEqual([]);
    // Every request it made is accounted for by a read operation of the catalogue.
    expect(target.received.filter((r) => !operationOf(r))).toEqual([]);
  });

  it('skips every writing and control-surface case with its reason, never silently', () => {
    const skipped = run.results.filter((r) => r.status === 'skipped');
    const writing = run.results.filter((r) => r.operations.some((id) => operation(id).writes) || r.kind === 'scenario');
    expect(writing.length).toBeGreaterThan(0);
    for (const r of writing) expect(r.status, r.id).toBe('skipped');
    for (const r of skipped) expect(r.reason, r.id).toMatch(/read-only|control surface|no .* available|no documented example|no .* found|refused/);
  });
});

describe('the write guard', () => {
  const consume = operation('wechat.code-consume');

  it('lets everything through on a sandbox', () => {
    expect(() => new WriteGuard(false, { allow: false, fixtures: {} }).check(consume, { code: '1' })).not.toThrow();
  });

  it('refuses writes on a real target without opt-in, and the control surface always', () => {
    const guard = new WriteGuard(true, { allow: false, fixtures: {} });
    expect(() => guard.check(consume, { code: '1' })).toThrow(RequestRefused);
    expect(() => guard.check('control', {})).toThrow(/control surface/);
    expect(() => guard.check(operation('wechat.code-get'), { code: '1' })).not.toThrow();
  });

  it("on somebody else's sandbox run read-only, refuses writes and state-changing control actions, not reads", () => {
    const guard = new WriteGuard(false, { allow: true, fixtures: {} }, 'read-only here: set CONTRACT_RESET_SANDBOX=1');
    expect(guard.writesAllowed).toBe(false);
    expect(() => guard.check(consume, { code: '1' })).toThrow(/CONTRACT_RESET_SANDBOX=1/);
    expect(() => guard.check('control', {}, 'POST')).toThrow(/CONTRACT_RESET_SANDBOX=1/);
    expect(() => guard.check('control', {}, 'GET')).not.toThrow();
    expect(() => guard.check(operation('wechat.code-get'), { code: '1' })).not.toThrow();
  });

  it('with opt-in, lets a write touch only named fixtures and ids the run created', () => {
    const guard = new WriteGuard(true, { allow: true, fixtures: { wechat: { code: ['111'] } } });
    expect(() => guard.check(consume, { code: '111' })).not.toThrow();
    expect(() => guard.check(consume, { code: '222' })).toThrow(/code 222/);
    guard.adopt('222');
    expect(() => guard.check(consume, { code: '222' })).not.toThrow();
  });
});
