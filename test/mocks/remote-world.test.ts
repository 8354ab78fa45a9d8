import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxHandlers } from '../../mocks/handlers.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { createWorld, type RemoteWorld } from '../../src/worlds/client.js';

/**
 * msw handlers pointed at a world of a running sandbox: an app calling the real vendor hosts is
 * answered by that world (state in the shared server), and nothing reaches the default world.
 */
describe('createSandboxHandlers({ remote: world })', () => {
  let running: RunningSandbox;
  let world: RemoteWorld;
  let server: ReturnType<typeof setupServer>;

  beforeAll(async () => {
    running = await serveSandbox({ port: 0, startAt: Date.parse('2026-03-02T10:00:00+08:00'), frozen: true });
    world = await createWorld(running.url, { seed: 3 });
    const remote = createSandboxHandlers({ remote: world, sandboxOrigin: 'http://sandbox.test' });
    expect(remote.world).toBe(world);
    server = setupServer(...remote.handlers);
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(async () => {
    server.close();
    await world.close();
    await running.close();
  });

  it("answers api.weixin.qq.com from the world: its token, its codes, the default world's untouched", async () => {
    const { appid, secret } = world.credentials.wechat;
    const token = await (await fetch(`https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`)).json();
    expect(token).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    const identities = running.sandbox.inWorld(world.id).wechat.identities();
    const code = identities.apps[0]!.users.flatMap((u) => u.codes).find((c) => c.status === 'NORMAL')!.code;
    const consumed = await fetch(`https://api.weixin.qq.com/card/code/consume?access_token=${token.access_token}`, {
      method: 'POST',
      body: JSON.stringify({ code }),
    });
    expect(await consumed.json()).toMatchObject({ errcode: 0 });
    const after = running.sandbox.inWorld(world.id).wechat.identities();
    expect(after.apps[0]!.users.flatMap((u) => u.codes).find((c) => c.code === code)!.status).toBe('CONSUMED');
    // The default world of seed 1 never saw a call; its own tokens do not include the world's.
    const defaultToken = await fetch(`https://api.weixin.qq.com/card/batchget?access_token=x${token.access_token}`, {
      method: 'POST',
      body: '{"offset":0,"count":1}',
    });
    expect((await defaultToken.json()).errcode).toBe(40001);
  });

  it('sends /_sandbox/ requests on the sandbox origin to the world (X-Sandbox-World added)', async () => {
    const moved = await fetch('http://sandbox.test/_sandbox/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"advance_seconds":60}',
    });
    expect(moved.status).toBe(200);
    expect(running.sandbox.inWorld(world.id).clock.now()).toBe(running.sandbox.clock.now() + 60_000);
    const creds = await (await fetch('http://sandbox.test/_sandbox/credentials')).json();
    expect(creds.wechat.appid).toBe(world.credentials.wechat.appid);
  });
});
