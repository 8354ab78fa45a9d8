import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEntry } from '../../src/errors/catalogue.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';

let running: RunningSandbox;
beforeAll(async () => {
  running = await serveSandbox({ port: 0, headersTimeoutMs: 400, requestTimeoutMs: 400 });
});
afterAll(() => running.close());

/** Sends raw bytes (optionally leaving the request unfinished) and reads the whole answer until the server closes. */
function exchange(raw: string): Promise<{ status: number; headers: string; json: any }> {
  return new Promise((resolve, reject) => {
    const socket = connect(running.port, '127.0.0.1', () => socket.write(raw));
    let text = '';
    socket.on('data', (c) => (text += c.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, body = ''] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head ?? '')?.[1] ?? 0);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      resolve({ status, headers: head ?? '', json });
    });
  });
}

const long = 'a'.repeat(20 * 1024);

describe("Node's own refusals, answered with a body", () => {
  it('answers a 64 KB header with 431 and a JSON body, whatever part of the request Node still sees', async () => {
    const r = await exchange(`GET /v3/certificates HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(64 * 1024)}\r\n\r\n`);
    expect(r.status).toBe(431);
    expect(r.json).toBeTypeOf('object');
  });

  it("answers a 20 KB WeChat URL with 431 and WeChat's 45021", async () => {
    const r = await exchange(`GET /cgi-bin/token?grant_type=${long} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(r.status).toBe(431);
    expect(r.json.errcode).toBe(errorEntry('wechat', '45021').code);
  });

  it('answers a 20 KB header on a WeChat Pay path with 431 and PARAM_ERROR in the v3 envelope', async () => {
    const r = await exchange(`GET /v3/certificates HTTP/1.1\r\nHost: x\r\nX-Big: ${long}\r\n\r\n`);
    expect(r.status).toBe(431);
    const entry = errorEntry('wechatpay', 'PARAM_ERROR');
    expect({ code: r.json.code, message: r.json.message }).toEqual({ code: entry.code, message: entry.message });
    expect(r.headers).toMatch(/wechatpay-signature: /i);
  });

  it('answers a 20 KB waiqin365 path with 431 and BODY_TOO_LARGE in its envelope', async () => {
    const r = await exchange(`POST /api/voucher/v1/getVoucherInfos/${long} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(r.status).toBe(431);
    const entry = errorEntry('waiqin', 'BODY_TOO_LARGE');
    expect({ code: r.json.return_code, msg: r.json.return_msg }).toEqual({ code: String(entry.code), msg: entry.message });
  });

  it("answers a 20 KB control URL, a malformed request line and CONNECT in the sandbox's JSON error shape", async () => {
    const control = await exchange(`GET /_sandbox/clock?x=${long} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect([control.status, control.json.error.code]).toEqual([431, 'BAD_REQUEST']);
    const garbage = await exchange('NOT HTTP AT ALL\r\n\r\n');
    expect([garbage.status, garbage.json.error.code]).toEqual([400, 'BAD_REQUEST']);
    const tunnel = await exchange('CONNECT api.weixin.qq.com:443 HTTP/1.1\r\nHost: api.weixin.qq.com:443\r\n\r\n');
    expect([tunnel.status, tunnel.json.error.code]).toEqual([405, 'BAD_REQUEST']);
  });

  it('answers headers that never finish with 408 within about a second of the timeout', async () => {
    const started = Date.now();
    const r = await exchange('GET /cgi-bin/token HTTP/1.1\r\nHost: x\r\n');
    expect(r.status).toBe(408);
    expect(r.json.error.code).toBe('BAD_REQUEST');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
