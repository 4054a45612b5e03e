import { describe, expect, it } from 'vitest';
import { openLab, runFromPalette, screenshot, useBrowser } from './lab';

const browser = useBrowser();

describe('model canvas panel', () => {
  it('opens from the launcher, with its empty list of steps', async () => {
    const page = await openLab(browser());
    await runFromPalette(page, 'New Launcher');
    const card = page.locator('.jp-LauncherCard', { hasText: 'Model Canvas' });
    await card.waitFor();
    await card.click();
    const canvas = page.locator('.jp-MainAreaWidget .mm-canvas').first();
    await canvas.waitFor({ state: 'visible' });
    expect(await canvas.locator('ol[aria-label="model canvas steps"] li').count()).toBe(0);
    await canvas.getByText('This canvas has no steps yet.').waitFor();
    await screenshot(page, 'canvas-from-launcher');
    await page.close();
  });

  it('opens from the command palette', async () => {
    const page = await openLab(browser());
    const before = await page.locator('.mm-canvas').count();
    await runFromPalette(page, 'New mixmodeler Model Canvas');
    await page.locator('.mm-canvas').nth(before).waitFor({ state: 'visible' });
    expect(await page.locator('.lm-TabBar-tab', { hasText: 'Model canvas' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'canvas-from-palette');
    await page.close();
  });
});
