import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/node.js';
import { serveWorlds } from './support.js';

/** A raw request, so Host, Origin and Sec-Fetch-* are exactly what a page on another origin sends. */
function raw(r: RunningSandbox, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; json: any; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: r.port,
        method,
        path,
        headers: { host: `127.0.0.1:${r.port}`, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...headers },
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : undefined, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const PAGE = { origin: 'http://localhost:5173', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' };

/**
 * A test page on another origin (a Vite dev server, say) may create a world and drive it by id:
 * the random id is the capability. The default world stays protected as before.
 */
describe('created worlds from another origin’s page', () => {
  let r: RunningSandbox;
  beforeAll(async () => {
    r = await serveWorlds();
  });
  afterAll(() => r.close());

  it('answers the preflight of /_sandbox/worlds and of world-scoped requests, echoing the origin', async () => {
    for (const [path, asked] of [
      ['/_sandbox/worlds', 'content-type'],
      ['/_sandbox/clock', 'content-type, x-sandbox-world'],
    ] as const) {
      const res = await raw(r, 'OPTIONS', path, { origin: PAGE.origin, 'access-control-request-method': 'POST', 'access-control-request-headers': asked });
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(PAGE.origin);
      expect(res.headers['access-control-allow-headers']).toBe('content-type, x-sandbox-world, x-sandbox-token');
      expect(res.headers['access-control-allow-methods']).toBe('GET, POST, DELETE');
    }
  });

  it('lets the page create a world, move its clock, read its credentials and delete it', async () => {
    const created = await raw(r, 'POST', '/_sandbox/worlds', PAGE, '{}');
    expect(created.status).toBe(200);
    expect(created.headers['access-control-allow-origin']).toBe(PAGE.origin);
    const id = created.json.id as string;
    const before = r.sandbox.clock.now();
    const moved = await raw(r, 'POST', '/_sandbox/clock', { ...PAGE, 'x-sandbox-world': id }, JSON.stringify({ advance_seconds: 60 }));
    expect(moved.status).toBe(200);
    expect(moved.headers['access-control-allow-origin']).toBe(PAGE.origin);
    expect(r.sandbox.inWorld(id).clock.now()).toBe(before + 60_000);
    expect(r.sandbox.clock.now()).toBe(before);
    const creds = await raw(r, 'GET', `/_sandbox/credentials?world=${id}`, { origin: PAGE.origin, 'sec-fetch-site': 'cross-site' });
    expect(creds.headers['access-control-allow-origin']).toBe(PAGE.origin);
    expect(creds.json.wechat.appid).toBe(created.json.credentials.wechat.appid);
    expect((await raw(r, 'DELETE', `/_sandbox/worlds/${id}`, PAGE)).status).toBe(200);
  });

  it('keeps the default world protected exactly as before', async () => {
    const before = r.sandbox.clock.now();
    for (const headers of [PAGE, { ...PAGE, 'x-sandbox-world': 'default' }]) {
      const res = await raw(r, 'POST', '/_sandbox/clock', headers, JSON.stringify({ advance_seconds: 60 }));
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('FORBIDDEN');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect((await raw(r, 'DELETE', '/_sandbox/worlds/default', PAGE)).status).toBe(403);
    expect(r.sandbox.clock.now()).toBe(before);
    // No CORS grant to read the default world or the list of world ids.
    const preflight = await raw(r, 'OPTIONS', '/_sandbox/reset', {
      origin: PAGE.origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const list = await raw(r, 'GET', '/_sandbox/worlds', { origin: PAGE.origin, 'sec-fetch-site': 'cross-site' });
    expect(list.headers['access-control-allow-origin']).toBeUndefined();
    const creds = await raw(r, 'GET', '/_sandbox/credentials', { origin: PAGE.origin, 'sec-fetch-site': 'cross-site' });
    expect(creds.headers['access-control-allow-origin']).toBeUndefined();
  });
});
