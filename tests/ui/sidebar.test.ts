import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openLab, openModelsSidebar, screenshot, useBrowser } from './lab';

const browser = useBrowser();

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
        name: 'Revenue MMM <b>bold?</b>',
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
      expect(await row.locator('.mm-model-name').textContent()).toBe('Revenue MMM <b>bold?</b>');
      expect(await row.locator('.mm-status-success').textContent()).toBe('success');
      expect(await row.locator('td[data-column="runFrequency"]').textContent()).toBe('weekly');
      await screenshot(page, 'sidebar-with-model');
    } finally {
      rmSync(join(inject('labRoot'), 'mixmodeler-workspace'), { recursive: true, force: true });
    }
    await page.close();
  });
});
