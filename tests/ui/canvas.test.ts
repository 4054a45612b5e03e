import { describe, expect, it } from 'vitest';
import { openLab, runFromPalette, screenshot, useBrowser } from './lab';

const browser = useBrowser();

describe('model canvas panel', () => {
  it('opens from the launcher, with its nine steps, the first one current', async () => {
    const page = await openLab(browser());
    await runFromPalette(page, 'New Launcher');
    // The new launcher is the current tab; the one JupyterLab opened on the empty main area sits behind it.
    const card = page.locator('.jp-LauncherCard:visible', { hasText: 'Model Canvas' });
    await card.waitFor();
    await card.click();
    const canvas = page.locator('.jp-MainAreaWidget .mm-canvas').last();
    await canvas.waitFor({ state: 'visible' });
    const steps = canvas.locator('nav[aria-label="model canvas steps"] li');
    expect(await steps.count()).toBe(9);
    expect(await steps.first().getByRole('button').getAttribute('aria-current')).toBe('step');
    expect(await steps.last().textContent()).toBe('9. Review and build');
    await screenshot(page, 'canvas-from-launcher');
    await page.close();
  });

  it('opens from the command palette', async () => {
    const page = await openLab(browser());
    await runFromPalette(page, 'New mixmodeler Model Canvas');
    // The new canvas is the current tab (canvases restored from the last layout sit behind it).
    await page.locator('.jp-MainAreaWidget .mm-canvas').last().waitFor({ state: 'visible' });
    expect(await page.locator('.lm-TabBar-tab', { hasText: 'Model canvas' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'canvas-from-palette');
    await page.close();
  });
});
