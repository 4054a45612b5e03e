import { describe, expect, it } from 'vitest';
import { clickMenu, openLab, screenshot, useBrowser } from './lab';

const browser = useBrowser();

describe('a notebook in the tslab kernel', () => {
  it('imports from mixmodeler, runs every cell and draws the plotly figure in the page', async () => {
    const page = await openLab(browser(), 'lab/tree/00-quickstart.ipynb');
    const notebook = page.locator('.jp-NotebookPanel');
    await notebook.waitFor();
    // The kernel is idle once tslab has started.
    await page.locator('.jp-NotebookPanel-toolbar .jp-Toolbar-kernelName', { hasText: 'TypeScript' }).waitFor();
    await clickMenu(page, 'Run', 'Run All Cells');
    await notebook.getByText('tv weights: 1.000 0.600 0.360').waitFor({ timeout: 120_000 });
    const plot = notebook.locator('.mm-plotly.js-plotly-plot');
    await plot.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await plot.locator('.scatterlayer .trace').count()).toBe(2);
    expect(await plot.getAttribute('aria-label')).toContain('Adstock decay');
    // The HTML fallback (for exported reports) is hidden where the extension draws the figure.
    const fallback = notebook.locator('.jp-OutputArea-child:has(.mixmodeler-fallback)');
    await fallback.waitFor({ state: 'attached' });
    expect(await fallback.count()).toBe(1);
    expect(await fallback.isVisible()).toBe(false);
    await notebook.getByText('response:  0.500').waitFor();
    expect(
      await notebook.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count(),
    ).toBe(0);
    await plot.scrollIntoViewIfNeeded();
    await screenshot(page, 'notebook-figure');
    await page.close();
  });
});
