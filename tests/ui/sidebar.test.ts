import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openLab, openModelsSidebar, screenshot, useBrowser, waitForFocus } from './lab';

const browser = useBrowser();
// HTML, an ANSI escape, other control characters and line/paragraph separators: all stay text.
const NAME = 'Revenue MMM <b>bold?</b><img src=x onerror=alert(1)> \u001b[31mred\u001b[0m \u0007\u2028\u2029&amp;';

describe('model status sidebar', () => {
  it('sits in the left area, opens, says the workspace is empty, then lists a model written to the store', async () => {
    const page = await openLab(browser());
    const tab = page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="mixmodeler-models"]');
    await expect(tab.count()).resolves.toBe(1);
    const panel = await openModelsSidebar(page);
    await panel.getByText('No models yet in').waitFor();
    await screenshot(page, 'sidebar-empty');

    // A model written by the CLI or a kernel raises no event: the sidebar finds it by polling.
    const modelDir = join(inject('labRoot'), 'mixmodeler-workspace', 'models', 'rev-1');
    mkdirSync(modelDir, { recursive: true });
    writeFileSync(
      join(modelDir, 'model.json'),
      JSON.stringify({
        name: NAME,
        description: 'weekly revenue',
        conversion: 'revenue',
        status: 'success',
        lastRun: '2026-11-20T09:30:00Z',
        schedule: { enabled: true, frequency: 'weekly' },
      }),
    );
    try {
      const row = panel.locator('tr[data-model-id="rev-1"]');
      await row.waitFor({ timeout: 30_000 });
      // User text is shown as text, never as HTML.
      expect(await row.locator('.mm-model-name').textContent()).toBe(NAME);
      expect(await row.locator('b, img').count()).toBe(0);
      expect(await row.locator('.mm-status-success').textContent()).toBe('success');
      expect(await row.locator('td[data-column="runFrequency"]').textContent()).toBe('weekly');
      await screenshot(page, 'sidebar-with-model');
      // The row's action menu: Escape closes it and gives the focus back to the row's button.
      const actions = row.getByRole('button', { name: `Actions for ${NAME}`, exact: true });
      await actions.click();
      await page.locator('.mm-row-menu').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('.mm-row-menu').waitFor({ state: 'detached' });
      await waitForFocus(actions);

      // A run left `running` by a process that died: its heartbeat is old, so the row says failed
      // (lib's one rule for an interrupted run), while a run with a fresh heartbeat stays running.
      const stale = new Date(Date.now() - 10 * 60_000).toISOString();
      const fresh = () => new Date().toISOString();
      for (const [id, at] of [
        ['dead-1', stale],
        ['live-1', fresh()],
      ] as const) {
        mkdirSync(join(modelDir, '..', id), { recursive: true });
        writeFileSync(join(modelDir, '..', id, 'progress.json'), JSON.stringify({ stage: 'fitting', at }));
        writeFileSync(
          join(modelDir, '..', id, 'model.json'),
          JSON.stringify({ name: id, conversion: 'revenue', status: 'running', lastRun: null }),
        );
      }
      const dead = panel.locator('tr[data-model-id="dead-1"]');
      await dead.locator('.mm-status-failed').waitFor({ timeout: 30_000 });
      const live = panel.locator('tr[data-model-id="live-1"]');
      await live.waitFor();
      expect(await live.locator('.mm-status-failed').count()).toBe(0);
      expect(await live.locator('.mm-status-running').count()).toBe(1);
    } finally {
      rmSync(join(inject('labRoot'), 'mixmodeler-workspace'), { recursive: true, force: true });
    }
    await page.close();
  });
});
