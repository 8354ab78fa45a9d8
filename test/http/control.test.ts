import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/index.js';

describe('sandbox control surface', () => {
  it('serves credentials for every vendor as JSON', async () => {
    const sandbox = createSandbox();
    const res = await sandbox.app.request('/_sandbox/credentials');
    expect(res.status).toBe(200);
    expect(Object.keys(await res.json())).toEqual(['wechat', 'wechatpay', 'waiqin']);
  });

  it('freezes, sets and advances the clock', async () => {
    const sandbox = createSandbox();
    const post = (body: unknown) =>
      sandbox.app.request('/_sandbox/clock', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    let res = await post({ set: '2026-01-02T03:04:05.000Z', freeze: true });
    expect(await res.json()).toEqual({ now: Date.parse('2026-01-02T03:04:05.000Z'), iso: '2026-01-02T03:04:05.000Z', frozen: true });
    res = await post({ advance_seconds: 7200 });
    expect((await res.json()).iso).toBe('2026-01-02T05:04:05.000Z');
    expect(sandbox.clock.now()).toBe(Date.parse('2026-01-02T05:04:05.000Z'));
  });

  it('answers 400 BAD_REQUEST for a clock body that breaks its schema, and changes nothing', async () => {
    const sandbox = createSandbox({ startAt: 0, frozen: true });
    const res = await sandbox.app.request('/_sandbox/clock', { method: 'POST', body: '{"advance_seconds":"soon"}' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('BAD_REQUEST');
    expect(sandbox.clock.now()).toBe(0);
  });

  it('answers 400 for malformed JSON on a control route', async () => {
    const sandbox = createSandbox();
    const res = await sandbox.app.request('/_sandbox/reset', { method: 'POST', body: '{nope' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'body is not valid JSON' } });
  });

  it('resets the clock to its start-up mode', async () => {
    const sandbox = createSandbox({ startAt: 1_000_000, frozen: true });
    sandbox.clock.advance(5000);
    const res = await sandbox.app.request('/_sandbox/reset', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(sandbox.clock.now()).toBe(1_000_000);
  });

  it('answers unknown sandbox paths with 404 NOT_FOUND', async () => {
    const res = await createSandbox().app.request('/_sandbox/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });
});
