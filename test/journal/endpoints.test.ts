import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { client } from './support.js';

/** The journal, snapshot, request-ring and rid/get surface over a real socket. */
describe('journal, snapshots, requests and rid/get', () => {
  let running: RunningSandbox;
  let c: ReturnType<typeof client>;
  let card: string;
  beforeAll(async () => {
    running = await serveSandbox({ port: 0, validateResponses: true, startAt: Date.parse('2026-03-02T10:00:00+08:00'), frozen: true, requestsLimit: 50 });
    c = client(running.url);
    card = (await c.control('GET', '/_sandbox/wechat/identities')).json.apps[0].cards[0].card_id;
    // The token first: a snapshot restore takes back a token issued after the snapshot.
    await c.wechat('/card/code/get', { code: '0' });
  });
  afterAll(() => running.close());
  const give = async (openid: string) => (await c.control('POST', '/_sandbox/wechat/give-code', { card_id: card, openid })).json.code as string;

  it('returns to a snapshot in place of everything done since, and lists and deletes snapshots', async () => {
    const before = await give('o-snap-1');
    expect((await c.control('POST', '/_sandbox/snapshots', { name: 'base' })).json).toEqual({ name: 'base', created_at: '2026-03-02T10:00:00.000+08:00' });
    const after = await give('o-snap-2');
    expect((await c.wechat('/card/code/consume', { code: before })).json.errcode).toBe(0);
    const restored = await c.control('POST', '/_sandbox/snapshots/base/restore');
    expect(restored.json).toMatchObject({ ok: true, name: 'base' });
    expect((await c.wechat('/card/code/get', { code: before, check_consume: false })).json.user_card_status).toBe('NORMAL');
    expect((await c.wechat('/card/code/get', { code: after })).json.errcode).toBe(40056);
    // Restorable again: the snapshot is not used up by a restore.
    await c.wechat('/card/code/consume', { code: before });
    await c.control('POST', '/_sandbox/snapshots/base/restore');
    expect((await c.wechat('/card/code/get', { code: before, check_consume: false })).json.user_card_status).toBe('NORMAL');
    expect((await c.control('GET', '/_sandbox/snapshots')).json).toEqual({ snapshots: [{ name: 'base', created_at: '2026-03-02T10:00:00.000+08:00' }] });
    expect((await c.control('DELETE', '/_sandbox/snapshots/base')).status).toBe(200);
    const gone = await c.control('POST', '/_sandbox/snapshots/base/restore');
    expect([gone.status, gone.json.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await c.control('POST', '/_sandbox/snapshots', { name: 'no/slash' })).status).toBe(400);
  });

  it('filters the journal by vendor, operation, q and limit, newest first, with refusals', async () => {
    const code = await give('o-journal');
    await c.wechat('/card/code/consume', { code });
    await c.wechat('/card/code/consume', { code });
    const consumes = (await c.control('GET', `/_sandbox/journal?operation=wechat.code-consume&q=${code}`)).json.entries;
    expect(consumes.map((e: { outcome: string }) => e.outcome)).toEqual([errorEntry('wechat', '40099').code.toString(), 'ok']);
    expect(consumes[1]).toMatchObject({ vendor: 'wechat', input: { code }, refs: expect.arrayContaining([code, card]), at: '2026-03-02T10:00:00.000+08:00' });
    expect(consumes[0].seq).toBeGreaterThan(consumes[1].seq);
    const sandbox = (await c.control('GET', '/_sandbox/journal?vendor=sandbox&limit=1')).json.entries;
    expect(sandbox).toHaveLength(1);
    expect(sandbox[0].operation).toBe('control:/_sandbox/wechat/give-code');
    // Reads are not journaled.
    expect((await c.control('GET', '/_sandbox/journal?operation=wechat.code-get')).json.entries).toEqual([]);
    const future = (await c.control('GET', `/_sandbox/journal?since=${encodeURIComponent('2030-01-01T00:00:00+08:00')}`)).json.entries;
    expect(future).toEqual([]);
    expect((await c.control('GET', '/_sandbox/journal?limit=x')).status).toBe(400);
  });

  it('keeps every request in the ring, counts them, masks secrets, and polls with after=', async () => {
    const code = await give('o-ring');
    await c.wechat('/card/code/get', { code });
    await c.wechat('/card/code/get', { code: '999999999999' });
    const gets = (await c.control('GET', '/_sandbox/requests?operation=wechat.code-get&limit=2')).json.requests;
    expect(gets).toHaveLength(2);
    expect(gets[0]).toMatchObject({ method: 'POST', vendor: 'wechat', outcome: '40056', status: 200, request: { body: '{"code":"999999999999"}' } });
    expect(gets[0].path).toBe('/card/code/get?access_token=***');
    expect(gets[1].outcome).toBe('ok');
    expect(gets[0].id).toBeGreaterThan(gets[1].id);
    const count = (await c.control('GET', '/_sandbox/requests/count?operation=wechat.code-get&outcome=40056')).json.count;
    expect(count).toBeGreaterThanOrEqual(1);
    const latest = gets[0].id as number;
    expect((await c.control('GET', `/_sandbox/requests?after=${latest + 1000}`)).json.requests).toEqual([]);
    const newer = (await c.control('GET', `/_sandbox/requests?after=${latest}`)).json.requests;
    expect(newer.every((r: { id: number }) => r.id > latest)).toBe(true);
    const creds = (await c.control('GET', '/_sandbox/requests?operation=control:/_sandbox/credentials&limit=1')).json.requests[0];
    const secret = (await c.control('GET', '/_sandbox/credentials')).json.wechat.secret as string;
    expect(creds.response.body).not.toContain(secret);
  });

  it('bounds the ring (requestsLimit 50 here)', async () => {
    for (let i = 0; i < 60; i++) await c.control('GET', '/_sandbox/clock');
    expect((await c.control('GET', '/_sandbox/requests/count')).json.count).toBe(50);
  });

  it('answers rid/get for the rid of an error, in WeChat format', async () => {
    const refused = await c.wechat('/card/code/get', { code: '123456789012' });
    const rid = / rid: (\S+)$/.exec(refused.json.errmsg as string)![1]!;
    const found = await c.wechat('/cgi-bin/openapi/rid/get', { rid });
    expect(found.json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      request: {
        invoke_time: Date.parse('2026-03-02T10:00:00+08:00') / 1000,
        cost_in_ms: expect.any(Number),
        request_url: 'access_token=***',
        request_body: '{"code":"123456789012"}',
        response_body: refused.text,
        client_ip: '127.0.0.1',
      },
    });
    const missing = await c.wechat('/cgi-bin/openapi/rid/get', { rid: '00000000-00000000-00000000' });
    expect(missing.json.errmsg).toMatch(new RegExp(`^${errorEntry('wechat', '76001').message} rid: `));
    // Past WeChat's 7-day retention the rid is not found either.
    await c.control('POST', '/_sandbox/clock', { advance_seconds: 7 * 86400 + 1 });
    c.useToken(''); // the old one expired too: the client asks for a new one
    expect((await c.wechat('/cgi-bin/openapi/rid/get', { rid })).json.errcode).toBe(76001);
  });
});
