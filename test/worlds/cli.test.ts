import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, type RunningCli } from '../support/cli.js';
import { createWorld, json } from './support.js';

/** The built CLI's world flags: --max-worlds caps created worlds, --world-ttl is their default TTL. */
describe('npm start -- --max-worlds / --world-ttl', () => {
  let cli: RunningCli;

  beforeAll(async () => {
    cli = await startCli(['--port', '0', '--quiet', '--max-worlds', '1', '--world-ttl', '120']);
  });
  afterAll(() => cli.stop());

  it('holds at most --max-worlds worlds, each expiring --world-ttl after its last use', async () => {
    const first = await createWorld(cli.url);
    const listed = (await json(`${cli.url}/_sandbox/worlds`)).body.worlds.find((w: any) => w.id === first.id);
    expect(Date.parse(listed.expires_at) - Date.parse(listed.created_at)).toBeGreaterThanOrEqual(119_000);
    expect(Date.parse(listed.expires_at) - Date.parse(listed.created_at)).toBeLessThanOrEqual(121_000);
    const second = await json(`${cli.url}/_sandbox/worlds`, { method: 'POST', body: '{}' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('WORLD_LIMIT');
  });

  it('refuses unusable values with a usage error', async () => {
    for (const [args, message] of [
      [['--world-ttl', '0'], /--world-ttl must be at least 1, got "0"/],
      [['--max-worlds', 'many'], /--max-worlds must be an integer/],
    ] as const) {
      const result = await runCli([...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect((await runCli(['--help'])).stdout).toMatch(/--world-ttl SECONDS .*\n.*--max-worlds N/s);
  });
});
