import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCommandLine } from '../../src/cli-args.js';
import { errorEntry } from '../../src/errors/catalogue.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { client } from './support.js';

/** `--requests-limit 0`: no request ring, so no recording cost per request. */
describe('the request ring turned off', () => {
  let running: RunningSandbox;
  let c: ReturnType<typeof client>;
  beforeAll(async () => {
    running = await serveSandbox({ port: 0, requestsLimit: 0 });
    c = client(running.url);
  });
  afterAll(() => running.close());

  it('keeps no request, counts none, and rid/get finds no rid', async () => {
    const failed = await c.wechat('/card/code/get', { code: '0' });
    expect(failed.json.errcode).toBe(40056);
    const rid = /rid: (\S+)$/.exec(failed.json.errmsg)![1];
    expect((await c.control('GET', '/_sandbox/requests')).json).toEqual({ requests: [] });
    expect((await c.control('GET', '/_sandbox/requests/count?operation=wechat.code-get')).json).toEqual({ count: 0 });
    const lookup = await c.wechat('/cgi-bin/openapi/rid/get', { rid });
    expect(lookup.json.errcode).toBe(76001);
    expect(lookup.json.errmsg).toMatch(new RegExp(`^${errorEntry('wechat', '76001').message} rid: `));
  });

  it('is what --requests-limit 0 asks for on the command line', () => {
    const parsed = readCommandLine(['--requests-limit', '0'], {});
    expect(parsed).toMatchObject({ options: { requestsLimit: 0 } });
  });
});
