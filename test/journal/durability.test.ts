import { STATE_LAYOUT } from '../../src/journal/state-layout.js';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { bigStock, client, freshDir, PAY_APPID, startOn, U0, voucher } from './support.js';

const SEGMENT = 'journal-000001.log';
/** Records in one segment after the genesis, as before checkpoints: what the framing tests damage. */
const NO_CHECKPOINTS = ['--checkpoint-every', '0'];
const SEND = '/v3/marketing/busifavor/coupons/send';

/** Waits for a child killed with SIGKILL to be gone. */
const killed = (cli: Awaited<ReturnType<typeof startOn>>) =>
  new Promise<void>((done) => {
    cli.child.once('exit', () => done());
    cli.child.kill('SIGKILL');
  });

describe('a data dir survives kill -9', () => {
  it('keeps every answered write of 200 in flight across the three vendors, and nothing half-applied', async () => {
    const dir = freshDir();
    let cli = await startOn(dir);
    let c = client(cli.url);
    await c.freeze();
    const now = await c.clockMs();
    const stock = (await c.pay('POST', '/v3/marketing/busifavor/stocks', bigStock('kill', now))).json.stock_id as string;
    const card = (await c.control('GET', '/_sandbox/wechat/identities')).json.apps[0].cards[0].card_id as string;
    const codes: string[] = [];
    for (let i = 0; i < 80; i++) {
      const given = await c.control('POST', '/_sandbox/wechat/give-code', { card_id: card, openid: `o-kill-${i}` });
      expect(given.status, given.text).toBe(200);
      codes.push(given.json.code);
    }
    await c.wechat('/card/code/get', { code: codes[0] }); // the token, before the storm

    const answered = { consume: new Set<string>(), send: new Map<string, string>(), voucher: new Set<string>() };
    const writes: Promise<unknown>[] = [];
    const swallow = (p: Promise<void>) => writes.push(p.catch(() => undefined));
    for (let i = 0; i < 80; i++) {
      swallow(c.wechat('/card/code/consume', { code: codes[i] }).then((a) => void (a.json.errcode === 0 && answered.consume.add(codes[i]!))));
      if (i < 70) {
        const no = `kill-${i}`;
        swallow(
          c
            .pay('POST', SEND, { openid: U0, appid: PAY_APPID, stock_id: stock, out_request_no: no })
            .then((a) => void (a.status === 200 && answered.send.set(no, a.json.coupon_code))),
        );
      }
      if (i < 50)
        swallow(c.waiqin('addVoucherInfo', voucher(`kill-${i}`, now)).then((a) => void (a.json.return_code === '0' && answered.voucher.add(`kill-${i}`))));
    }
    expect(writes).toHaveLength(200);
    // Kill once some writes were answered, while the others are still in flight.
    const count = () => answered.consume.size + answered.send.size + answered.voucher.size;
    while (count() < 20) await new Promise((r) => setTimeout(r, 2));
    await killed(cli);
    await Promise.all(writes);
    expect(count()).toBeGreaterThanOrEqual(20);
    expect(count(), 'some writes were still in flight at the kill').toBeLessThan(200);

    cli = await startOn(dir);
    c = client(cli.url);
    try {
      for (const code of codes) {
        const got = await c.wechat('/card/code/get', { code, check_consume: false });
        expect(got.json.errcode, got.text).toBe(0);
        if (answered.consume.has(code)) expect(got.json.user_card_status, code).toBe('CONSUMED');
        else expect(['NORMAL', 'CONSUMED']).toContain(got.json.user_card_status);
      }
      // A repeated send answers the coupon first sent: each answered send is there, with its code.
      for (const [no, code] of answered.send) {
        const again = await c.pay('POST', SEND, { openid: U0, appid: PAY_APPID, stock_id: stock, out_request_no: no });
        expect(again.json.coupon_code, no).toBe(code);
      }
      const listed = await c.waiqin('getVoucherInfos', { start_create_date: '2000-01-01', end_create_date: '2100-01-01' });
      const names = (JSON.parse(listed.json.response_data as string) as { name: string }[]).map((v) => v.name).filter((n) => n.startsWith('kill-'));
      for (const name of answered.voucher) expect(names).toContain(name);
      expect(new Set(names).size).toBe(names.length);
    } finally {
      await cli.stop();
    }
  }, 60_000);

  it('drops a torn last record with one log line and keeps the rest', async () => {
    const dir = freshDir();
    // No checkpoint on exit: the segment stays the one the genesis is in.
    let cli = await startOn(dir, NO_CHECKPOINTS);
    const c = client(cli.url);
    const card = (await c.control('GET', '/_sandbox/wechat/identities')).json.apps[0].cards[0].card_id as string;
    const code = (await c.control('POST', '/_sandbox/wechat/give-code', { card_id: card, openid: 'o-torn' })).json.code as string;
    await cli.stop();
    // Half a record: a length promising 200 bytes, 5 of them written.
    const header = Buffer.alloc(8);
    header.writeUInt32LE(200, 0);
    appendFileSync(join(dir, SEGMENT), Buffer.concat([header, Buffer.from('{"seq')]));
    cli = await startOn(dir);
    try {
      const lines = cli
        .output()
        .split('\n')
        .filter((l) => /torn/.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/dropped a torn last journal record \(13 bytes at byte \d+; its write was never answered\)/);
      const got = await client(cli.url).wechat('/card/code/get', { code });
      expect(got.json.errcode, got.text).toBe(0);
    } finally {
      await cli.stop();
    }
  }, 30_000);
});

describe('a data dir the sandbox must not start on', () => {
  /** A data dir with a genesis and three entries, the sandbox stopped. */
  async function written(): Promise<string> {
    const dir = freshDir();
    const cli = await startOn(dir, NO_CHECKPOINTS);
    const c = client(cli.url);
    for (const seed of [2, 3, 4]) await c.control('POST', '/_sandbox/reset', { seed });
    await cli.stop();
    return dir;
  }
  const start = (dir: string) => runCli(['--port', '0', '--quiet', '--data-dir', dir]);

  it('refuses a record damaged before the last one: message, exit 1, never empty', async () => {
    const dir = await written();
    const path = join(dir, SEGMENT);
    const bytes = readFileSync(path);
    bytes[20] = bytes[20]! ^ 0xff; // inside the genesis record
    writeFileSync(path, bytes);
    const run = await start(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/journal-000001\.log is corrupt at byte 0 \(checksum mismatch, with records after it\); refusing to start/);
    expect(run.stdout).not.toMatch(/listening on/);
  }, 30_000);

  it('refuses a data dir written with another state layout', async () => {
    const dir = await written();
    writeFileSync(join(dir, 'FORMAT'), JSON.stringify({ format: 'coupon-sandbox-data', layout: 999 }));
    const run = await start(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`was written with state layout 999; this coupon-sandbox reads layout ${STATE_LAYOUT} \\(refusing to start`));
  }, 30_000);

  it('refuses a directory that is not a data dir', async () => {
    const dir = freshDir();
    await runCli(['--help']);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const run = await start(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not empty and has no FORMAT file: not a coupon-sandbox data dir/);
  }, 30_000);

  it('refuses a second process on the same data dir, and takes over the lock of a killed one', async () => {
    const dir = freshDir();
    const first = await startOn(dir);
    const second = await start(dir);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is in use by another coupon-sandbox (pid ${first.child.pid}); stop it or use another --data-dir`);
    await killed(first);
    const third = await startOn(dir);
    expect((await client(third.url).control('GET', '/_sandbox/clock')).status).toBe(200);
    await third.stop();
  }, 30_000);
});
