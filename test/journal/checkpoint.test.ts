import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSandbox, type RunningSandbox } from '../../src/node.js';
import type { Sandbox } from '../../src/sandbox.js';
import { DataDirError } from '../../src/journal/data-dir-error.js';
import { client, freshDir, startOn } from './support.js';
import { state } from './plain-state.js';

/** Worlds built at one frozen instant, so two data dirs hold the same world. */
const open = (dataDir: string, checkpointEvery: number) =>
  openSandbox({ port: 0, dataDir, checkpointEvery, seed: 5, startAt: Date.UTC(2026, 2, 2, 2), frozen: true, deterministicIds: true });

/** Writes of every kind: codes given and consumed, a refusal, a snapshot, a clock move, a reset, a coupon sent, a snapshot restored. */
async function script(s: Sandbox): Promise<void> {
  const creds = s.wechat.credentials();
  const token = ((await (await s.app.request(creds.token_url)).json()) as { access_token: string }).access_token;
  const card = s.wechat.identities().apps[0]!.cards[0]!.card_id;
  for (let i = 0; i < 6; i++) {
    const { code } = s.wechat.giveCode({ card_id: card, openid: `o-ckpt-${i}` });
    if (i % 2 === 0) await s.app.request(`/card/code/consume?access_token=${token}`, { method: 'POST', body: JSON.stringify({ code }) });
  }
  await s.app.request(`/card/code/consume?access_token=${token}`, { method: 'POST', body: '{"code":"nope"}' });
  await s.app.request('/_sandbox/snapshots', { method: 'POST', body: '{"name":"s1"}' });
  await s.app.request('/_sandbox/clock', { method: 'POST', body: '{"advance_seconds":3600}' });
  await s.call('wechatpay.busifavor-send-coupon', {
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    appid: 'wxd678efh567hg6787',
    stock_id: '98065001',
    out_request_no: 'r-1',
  });
  await s.app.request('/_sandbox/snapshots/s1/restore', { method: 'POST' });
  await s.app.request('/_sandbox/clock', { method: 'POST', body: '{"freeze":true,"advance_seconds":60}' });
  for (let i = 0; i < 4; i++) s.wechat.giveCode({ card_id: card, openid: `o-ckpt-late-${i}` });
}

const nextCode = (s: Sandbox) => s.wechat.giveCode({ card_id: s.wechat.identities().apps[0]!.cards[0]!.card_id, openid: 'o-next' }).code;
const files = (dir: string, re: RegExp) =>
  readdirSync(dir)
    .filter((n) => re.test(n))
    .sort();
/** Lets the checkpoint scheduled between requests run. */
const settle = () => new Promise((done) => setImmediate(() => setImmediate(done)));

describe('checkpoints of a data dir', () => {
  it('restarts from a checkpoint with the same state, clock, snapshots, outbox and next ids as a whole replay', async () => {
    const whole = freshDir();
    const checked = freshDir();
    const a = await open(whole, 0);
    const b = await open(checked, 4);
    await script(a.sandbox);
    await script(b.sandbox);
    await settle();
    expect(files(checked, /^checkpoint-\d+\.bin$/).length, 'checkpoints were written while running').toBeGreaterThan(0);
    expect(files(whole, /^checkpoint-/)).toEqual([]);
    const position = b.sandbox.world.journal.position;
    await a.close();
    await b.close();
    expect(files(checked, /^checkpoint-\d+\.bin$/).at(-1), 'a clean close checkpoints the last position').toBe(
      `checkpoint-${String(position).padStart(6, '0')}.bin`,
    );

    const a2 = await open(whole, 0);
    const b2 = await open(checked, 4);
    try {
      expect(b2.sandbox.world.journal.replayed, 'nothing left to replay after the close checkpoint').toBe(0);
      expect(a2.sandbox.world.journal.replayed).toBe(position);
      expect(state(b2.sandbox)).toEqual(state(a2.sandbox));
      expect(b2.sandbox.clock.toJSON()).toEqual(a2.sandbox.clock.toJSON());
      expect(b2.sandbox.world.ctx.idNonce).toBe(a2.sandbox.world.ctx.idNonce);
      expect(b2.sandbox.world.builtAt).toBe(a2.sandbox.world.builtAt);
      expect(b2.sandbox.world.journal.snapshots.list()).toEqual(a2.sandbox.world.journal.snapshots.list());
      expect(b2.sandbox.world.notifications.list()).toEqual(a2.sandbox.world.notifications.list());
      expect(b2.sandbox.world.journal.position).toBe(position);
      // The next ids minted and the next seq are the same.
      expect(nextCode(b2.sandbox)).toBe(nextCode(a2.sandbox));
      expect(b2.sandbox.world.journal.position).toBe(position + 1);
      // A snapshot taken before the checkpoint restores to the same world.
      await a2.sandbox.app.request('/_sandbox/snapshots/s1/restore', { method: 'POST' });
      await b2.sandbox.app.request('/_sandbox/snapshots/s1/restore', { method: 'POST' });
      expect(state(b2.sandbox)).toEqual(state(a2.sandbox));
    } finally {
      await a2.close();
      await b2.close();
    }
  }, 60_000);

  it('replays the segments after the newest checkpoint, and keeps the disk bounded', async () => {
    const dir = freshDir();
    let running: RunningSandbox = await open(dir, 5);
    const card = running.sandbox.wechat.identities().apps[0]!.cards[0]!.card_id;
    const codes: string[] = [];
    for (let i = 0; i < 60; i++) {
      codes.push(running.sandbox.wechat.giveCode({ card_id: card, openid: `o-bound-${i}` }).code);
      await settle();
    }
    const checkpoints = files(dir, /^checkpoint-\d+\.bin$/);
    expect(checkpoints.length, 'the two newest checkpoints are kept, older ones deleted').toBe(2);
    const older = Number(/\d+/.exec(checkpoints[0]!)![0]);
    const segments = files(dir, /^journal-\d+\.log$/).map((n) => Number(/\d+/.exec(n)![0]));
    expect(segments.length).toBeLessThanOrEqual(2);
    expect(Math.min(...segments), 'segments before the older checkpoint are deleted').toBeGreaterThan(older);
    expect(existsSync(join(dir, 'journal-000001.log'))).toBe(false);
    const before = state(running.sandbox);
    // Stopped without a close checkpoint: the restart replays what the newest segment holds.
    const position = running.sandbox.world.journal.position;
    codes.push(running.sandbox.wechat.giveCode({ card_id: card, openid: 'o-bound-last' }).code);
    const after = state(running.sandbox);
    expect(after).not.toEqual(before);
    await running.close();
    running = await open(dir, 5);
    try {
      expect(running.sandbox.world.journal.position).toBe(position + 1);
      expect(state(running.sandbox)).toEqual(after);
      const journal = (await (await running.sandbox.app.request('/_sandbox/journal?limit=1000')).json()) as { entries?: unknown[] };
      expect(journal).toBeDefined();
    } finally {
      await running.close();
    }
  }, 60_000);

  it('falls back to the older checkpoint when the newest is damaged, and refuses to start when none is whole', async () => {
    const dir = freshDir();
    let running = await open(dir, 3);
    const card = running.sandbox.wechat.identities().apps[0]!.cards[0]!.card_id;
    for (let i = 0; i < 10; i++) {
      running.sandbox.wechat.giveCode({ card_id: card, openid: `o-fall-${i}` });
      await settle();
    }
    await running.close();
    const expected = state((running = await open(dir, 0)).sandbox);
    await running.close();
    const [older, newest] = files(dir, /^checkpoint-\d+\.bin$/);
    const bytes = readFileSync(join(dir, newest!));
    bytes[bytes.length - 3] ^= 0xff;
    writeFileSync(join(dir, newest!), bytes);
    // A checkpoint a crash interrupted before its rename: ignored and removed.
    writeFileSync(join(dir, 'checkpoint-999999.bin.tmp'), 'half');
    running = await open(dir, 0);
    try {
      expect(running.torn).toMatch(new RegExp(`${newest!.replace('.', '\\.')} is damaged \\(checksum mismatch\\); using the checkpoint before it`));
      expect(running.sandbox.world.journal.replayed, 'the older checkpoint and the segments after it').toBeGreaterThan(0);
      expect(state(running.sandbox)).toEqual(expected);
      expect(existsSync(join(dir, 'checkpoint-999999.bin.tmp'))).toBe(false);
    } finally {
      await running.close();
    }
    writeFileSync(join(dir, older!), readFileSync(join(dir, older!)).subarray(0, 40));
    const refused = await open(dir, 0).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DataDirError);
    expect((refused as Error).message).toMatch(/is damaged \(checksum mismatch\) and there is no older whole checkpoint to fall back on; refusing to start/);
  }, 60_000);
});

describe('kill -9 around a checkpoint (the built CLI)', () => {
  it('keeps every answered write when killed right after a checkpoint and with a checkpoint cut short', async () => {
    const dir = freshDir();
    let cli = await startOn(dir, ['--checkpoint-every', '5']);
    let c = client(cli.url);
    const card = (await c.control('GET', '/_sandbox/wechat/identities')).json.apps[0].cards[0].card_id as string;
    const codes: string[] = [];
    for (let i = 0; i < 12; i++)
      codes.push((await c.control('POST', '/_sandbox/wechat/give-code', { card_id: card, openid: `o-k9-${i}` })).json.code as string);
    await new Promise((done) => setTimeout(done, 50));
    expect(files(dir, /^checkpoint-\d+\.bin$/).length).toBeGreaterThan(0);
    cli.child.kill('SIGKILL');
    await new Promise((done) => cli.child.once('exit', done));
    // Mid-checkpoint: the temp file of one never renamed.
    writeFileSync(join(dir, 'checkpoint-000013.bin.tmp'), Buffer.alloc(100, 7));
    cli = await startOn(dir, ['--checkpoint-every', '5']);
    try {
      c = client(cli.url);
      for (const code of codes) {
        const got = await c.wechat('/card/code/get', { code });
        expect(got.json.errcode, got.text).toBe(0);
      }
      expect(existsSync(join(dir, 'checkpoint-000013.bin.tmp'))).toBe(false);
    } finally {
      await cli.stop();
    }
  }, 60_000);
});
