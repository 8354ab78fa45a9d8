import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, type RunningCli } from '../support/cli.js';

describe('the built CLI and the dashboard', () => {
  let cli: RunningCli;
  beforeAll(async () => {
    cli = await startCli(['--port', '0']);
  });
  afterAll(async () => {
    await cli?.stop();
  });

  it('prints the dashboard URL in its banner, and that URL serves the page', async () => {
    expect(cli.output()).toContain(`  dashboard: ${cli.url}/_sandbox/ui\n`);
    const page = await fetch(`${cli.url}/`);
    expect([page.url, page.status]).toEqual([`${cli.url}/_sandbox/ui`, 200]);
    expect(await page.text()).toContain('<title>coupon-sandbox dashboard</title>');
  });
});
