import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSandbox } from '../../src/sandbox.js';
import { maskSecrets } from '../../src/pipeline/log-mask.js';

describe('log masking with worlds', () => {
  afterEach(() => vi.restoreAllMocks());

  it("masks every created world's AppSecrets and appkey in an unexpected-error report, not only the default world's", async () => {
    const sandbox = createSandbox();
    const created = (await (await sandbox.app.request('/_sandbox/worlds', { method: 'POST', body: '{}' })).json()) as any;
    const secrets = [created.credentials.wechat.secret, created.credentials.wechat.apps[1].secret, created.credentials.waiqin.appkey];
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    sandbox.reportUnexpected(new Error(`rule crashed near ${secrets.join(' and ')}`), undefined);
    expect(lines).toHaveLength(1);
    for (const secret of secrets) expect(lines[0]).not.toContain(secret);
    expect(lines[0]).toContain('rule crashed near ***');
  });

  it('masks a world id (a capability) in request targets and headers', () => {
    expect(maskSecrets('GET /_sandbox/clock?world=w_0123456789abcdef01234567')).toBe('GET /_sandbox/clock?world=***');
    expect(maskSecrets('x-sandbox-world: w_0123456789abcdef01234567')).toBe('x-sandbox-world: ***');
  });
});
