import { describe, expect, it } from 'vitest';
import { ControlError } from '../../src/pipeline/control-error.js';
import { createSandbox } from '../../src/sandbox.js';

/** Library users reach created worlds: `sandbox.inWorld(id)` and `sandbox.call(..., { world })`. */
describe('worlds from code', () => {
  it('binds a world’s controls, credentials and clock, and runs direct calls in it', async () => {
    const sandbox = createSandbox({ startAt: Date.parse('2026-03-02T10:00:00+08:00'), frozen: true });
    const { id } = sandbox.worlds.create({ seed: 1 });
    const world = sandbox.inWorld(id);
    const { appid } = world.wechat.credentials();
    expect(appid).not.toBe(sandbox.wechat.credentials().appid);
    expect(world.wechatpay.credentials().mchid).not.toBe(sandbox.wechatpay.credentials().mchid);
    const code = world.wechat
      .identities()
      .apps[0]!.users.flatMap((u) => u.codes)
      .find((c) => c.status === 'NORMAL')!.code;
    expect((await sandbox.call('wechat.code-consume', { code }, { world: id, as: appid })).errcode).toBe(0);
    await expect(world.call('wechat.code-consume', { code })).rejects.toMatchObject({ key: '40099' });
    expect((await sandbox.call('wechat.code-get', { code })).user_card_status).toBe('NORMAL');
    // WeChat Pay direct calls: the world's own mchid as `as`, answers in the world's names.
    const stock = await world.call('wechatpay.busifavor-query-stock', { stock_id: '98065001' }, { as: world.wechatpay.credentials().mchid });
    expect(stock.belong_merchant).toBe(world.wechatpay.credentials().mchid);
    world.clock.advance(1000);
    expect(world.clock.now()).toBe(sandbox.clock.now() + 1000);
    expect(() => sandbox.inWorld('w_nope')).toThrow(ControlError);
    expect(sandbox.inWorld('default').world).toBe(sandbox.world);
  });
});
