import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaId, schemas } from '../../src/index.js';
import { exampleFiles } from '../../src/openapi/example-index.js';
import { openapiDocument } from '../../src/openapi/index.js';

/** A port nobody listens on right now (the OS picks it; prism then binds it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** prism's CLI script, run with this very node (no npx shim, so the pid we kill is prism's). */
function prismBin(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('@stoplight/prism-cli/package.json');
  const bin = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: Record<string, string> }).bin.prism!;
  return join(dirname(pkgPath), bin);
}

describe('the WeChat document in a third-party mock server (Stoplight Prism)', () => {
  let child: ChildProcess | undefined;
  let dir: string;
  let base: string;
  let log = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'coupon-sandbox-openapi-'));
    const file = join(dir, 'wechat.json');
    writeFileSync(file, JSON.stringify(openapiDocument('wechat')));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [prismBin(), 'mock', '--host', '127.0.0.1', '--port', String(port), '--errors', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`prism did not start within 15 s:\n${log}`)), 15_000);
      const read = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('Prism is listening')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child!.stdout!.on('data', read);
      child!.stderr!.on('data', read);
      child!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`prism exited with ${code}:\n${log}`));
      });
    });
  }, 20_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers POST /card/code/get with a body that our code-get response schema accepts', async () => {
    const request = exampleFiles['wechat/examples/code-get.json']!.find((e) => e.valid && e.schema === schemaId('wechat/code-get.request.json'))!;
    const res = await fetch(`${base}/card/code/get?access_token=ACCESS_TOKEN`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request.data),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await res.json();
    expect(schemas().validate(schemaId('wechat/code-get.response.json'), body)).toEqual({ ok: true });
    expect(body).toMatchObject({ errcode: 0, errmsg: 'ok' });
  });

  it('enforces the documented access_token requirement (prism refuses a call without it)', async () => {
    const res = await fetch(`${base}/card/code/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":"1"}' });
    expect(res.status).toBe(401);
  });

  it('answers the documented token call without a token', async () => {
    const res = await fetch(`${base}/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s`);
    expect(res.status).toBe(200);
    expect(schemas().validate(schemaId('wechat/token.response.json'), await res.json())).toEqual({ ok: true });
  });
});
