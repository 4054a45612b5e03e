import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createModel, installSample } from 'mixmodeler';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openLab, openModelsSidebar, runFromPalette, screenshot, useBrowser, waitReady } from './lab';
import { SAMPLE_MODEL } from '../helpers/sample-workspace';

const browser = useBrowser();
const workspace = () => join(inject('labRoot'), 'mixmodeler-workspace');
const NAME = 'Sample revenue MMM';

let page: Page;

beforeAll(async () => {
  rmSync(workspace(), { recursive: true, force: true });
  installSample(workspace());
  await createModel(workspace(), {
    ...SAMPLE_MODEL,
    name: NAME,
    priors: [{ channel: 'search', roi: 2.5, sd: 0.25, source: 'experiment' }],
  });
  page = await openLab(browser());
});

afterAll(async () => {
  await page?.close();
  rmSync(workspace(), { recursive: true, force: true });
});

describe('insights, plans and the overview dashboard', () => {
  it('opens the insights of a trained sample model from the sidebar and draws every figure', async () => {
    const panel = await openModelsSidebar(page);
    await panel.getByRole('button', { name: `Actions for ${NAME}`, exact: true }).click();
    await page.locator('.mm-row-menu .lm-Menu-item', { hasText: 'Open Model Insights' }).click();
    const view = page.locator('.mm-insights').last();
    // A trained status: success, or (the sample's search and social move together) training issue.
    await view.getByText(/Status: (success|training issue) ·/).waitFor({ timeout: 60_000 });
    // The sample's search and social move together: the panel says a lift test would settle them.
    const advice = view.getByRole('list', { name: 'experiment advice' });
    expect(await advice.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await advice.textContent()).toMatch(/(search|social): ROI/);
    const plots = view.locator('.mm-plotly.js-plotly-plot');
    await expect.poll(() => plots.count(), { timeout: 60_000 }).toBe(7);
    const titles = await plots.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    expect(titles).toEqual(
      expect.arrayContaining([expect.stringMatching(/ROI/), expect.stringMatching(/[Rr]esponse/)]),
    );
    for (let i = 0; i < 7; i++) expect(await plots.nth(i).locator('.main-svg').count()).toBeGreaterThan(0);
    await screenshot(page, 'insights-view');
  });

  it('creates a plan and compares two budget scenarios side by side', async () => {
    await runFromPalette(page, 'Open mixmodeler Plans and Scenarios');
    const view = page.locator('.mm-plans').last();
    await view.getByRole('combobox', { name: 'Model' }).selectOption({ label: NAME });
    const amount = view.getByRole('textbox', { name: 'Amount' });
    await amount.waitFor({ timeout: 60_000 });
    await view.getByRole('checkbox', { name: 'tv locked' }).check();
    await view.getByRole('button', { name: 'Create plan' }).click();
    const plans = view.locator('table[aria-label="plans list"] tbody tr');
    await plans.first().waitFor({ timeout: 60_000 });
    expect(await plans.first().locator('td').nth(2).textContent()).toBe('v1');
    await amount.fill('2000000');
    await view.getByRole('button', { name: 'Add scenario' }).click();
    await amount.fill('2600000');
    await view.getByRole('button', { name: 'Add scenario' }).click();
    await view.getByRole('button', { name: 'Compare scenarios' }).click();
    const rows = view.locator('table[aria-label="scenario comparison"] tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBe(2);
    const outcome = async (i: number) =>
      Number((await rows.nth(i).locator('td').nth(2).textContent())!.replace(/,/g, ''));
    expect(await outcome(1)).toBeGreaterThan(await outcome(0));
    await view.locator('.mm-figure-host .js-plotly-plot .main-svg').first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'plans-scenarios-compared');
  });

  it('adds and removes dashboard widgets, and the layout is kept after a reload', async () => {
    const widgets = (p: Page): Locator => p.locator('.mm-dashboard').last().locator('.mm-dashboard-widget');
    await runFromPalette(page, 'Open mixmodeler Overview Dashboard');
    await expect.poll(() => widgets(page).count(), { timeout: 30_000 }).toBe(5);
    const dash = page.locator('.mm-dashboard').last();
    await dash.locator('table[aria-label="ROI leaderboard"] tbody tr').first().waitFor({ timeout: 60_000 });
    await dash.getByRole('button', { name: 'Remove Latest plans' }).click();
    await dash.getByRole('button', { name: 'Remove Last runs' }).click();
    await dash.getByRole('combobox', { name: 'Widget to add' }).selectOption({ label: 'Latest plans' });
    await dash.getByRole('button', { name: 'Add widget' }).click();
    await dash.getByRole('button', { name: 'Move Latest plans up' }).click();
    const order = (p: Page) => widgets(p).evaluateAll((n) => n.map((e) => e.getAttribute('data-widget')));
    await expect.poll(() => order(page)).toEqual(['coverage', 'status', 'plans', 'leaderboard']);
    await screenshot(page, 'dashboard-edited');

    await page.reload();
    await waitReady(page);
    if ((await page.locator('.mm-dashboard').count()) === 0)
      await runFromPalette(page, 'Open mixmodeler Overview Dashboard');
    await expect.poll(() => order(page), { timeout: 30_000 }).toEqual(['coverage', 'status', 'plans', 'leaderboard']);
    await screenshot(page, 'dashboard-after-reload');
  });
});
