import { describe, expect, it } from 'vitest';
import { dashboardFixture, openDashboard, skipChromium } from './support.js';

// The panels of the optional endpoints (snapshots, notifications, worlds), driven against the sandbox's own.
describe.skipIf(skipChromium)('dashboard panels of the optional endpoints', () => {
  const fx = dashboardFixture();

  it('saves, restores and deletes a snapshot', async () => {
    const problems: string[] = [];
    const page = await openDashboard(fx.browser, `${fx.base}/_sandbox/ui#/snapshots`, problems);
    await page.getByLabel('Snapshot name').fill('dash-snap');
    await page.getByRole('button', { name: 'Save snapshot' }).click();
    await page.getByRole('button', { name: 'Restore dash-snap' }).waitFor({ timeout: 10_000 });
    const listed = (await (await fetch(`${fx.base}/_sandbox/snapshots`)).json()) as { snapshots: { name: string }[] };
    expect(listed.snapshots.map((s) => s.name)).toContain('dash-snap');
    await page.getByRole('button', { name: 'Restore dash-snap' }).click();
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Restored dash-snap');
    await page.getByRole('button', { name: 'Delete dash-snap' }).click();
    await page.getByRole('button', { name: 'Restore dash-snap' }).waitFor({ state: 'detached', timeout: 10_000 });
    const after = (await (await fetch(`${fx.base}/_sandbox/snapshots`)).json()) as { snapshots: { name: string }[] };
    expect(after.snapshots.map((s) => s.name)).not.toContain('dash-snap');
    expect(problems).toEqual([]);
  });

  it('lists notifications with their attempts and redelivers one', async () => {
    const problems: string[] = [];
    const listed = (await (await fetch(`${fx.base}/_sandbox/notifications?limit=100`)).json()) as { notifications: { id: string }[] };
    const page = await openDashboard(fx.browser, `${fx.base}/_sandbox/ui#/notifications`, problems);
    await page.waitForSelector('main .live > *');
    expect(await page.$$eval('[data-notification]', (all) => all.map((n) => n.getAttribute('data-notification')))).toEqual(
      listed.notifications.map((n) => n.id),
    );
    if (listed.notifications.length === 0) {
      expect(await page.textContent('main .live')).toBe('No notification yet.');
    } else {
      await page.getByRole('button', { name: 'Redeliver' }).first().click();
      await page.waitForFunction((id) => document.getElementById('status')?.textContent === `Redelivered ${id}`, listed.notifications[0]!.id);
    }
    expect(problems).toEqual([]);
  });

  it('offers every world in a labelled picker, the default one chosen', async () => {
    const problems: string[] = [];
    const worlds = (await (await fetch(`${fx.base}/_sandbox/worlds`)).json()) as { worlds: { id: string; default: boolean }[] };
    const page = await openDashboard(fx.browser, `${fx.base}/_sandbox/ui`, problems);
    const picker = page.getByLabel('World', { exact: true });
    expect(await picker.locator('option').count()).toBe(worlds.worlds.length);
    expect(await picker.inputValue()).toBe('');
    expect(problems).toEqual([]);
  });
});
