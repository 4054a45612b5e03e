import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { GEO_FIGURES, INSIGHT_FIGURES, listModels, listPlans, loadModelFit, readPlan } from 'mixmodeler';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installGeoPanel } from '../helpers/geo-workspace';
import { openLab, openModelsSidebar, runFromPalette, screenshot, useBrowser } from './lab';

const browser = useBrowser();
const workspace = () => join(inject('labRoot'), 'mixmodeler-workspace');
const NAME = 'Geo revenue MMM';

let page: Page;

beforeAll(async () => {
  // A generated panel of 3 geos x 112 weeks x 4 channels with population, harmonized by week.
  rmSync(workspace(), { recursive: true, force: true });
  installGeoPanel(workspace());
  page = await openLab(browser());
});

afterAll(async () => {
  await page?.close();
  rmSync(workspace(), { recursive: true, force: true });
});

describe('a geo-level model from the canvas to the insights', () => {
  it('walks the geo step, builds on two of three geos and shows the geo x channel heatmap', async () => {
    await runFromPalette(page, 'New mixmodeler Model Canvas');
    const canvas = page.locator('.jp-MainAreaWidget .mm-canvas').last();
    await canvas.waitFor({ state: 'visible' });
    const steps = canvas.locator('nav[aria-label="model canvas steps"] li');
    // Geo data: a tenth step, the geos, after the data.
    await expect.poll(() => steps.count(), { timeout: 30_000 }).toBe(10);
    expect(await steps.nth(1).textContent()).toBe('2. Geos');
    const next = () => canvas.getByRole('button', { name: 'Next', exact: true }).click();
    await next();
    const geos = canvas.getByRole('table', { name: 'geos' });
    expect(await geos.locator('tbody tr').count()).toBe(3);
    expect(await geos.locator('thead').textContent()).toBe('GeoData (weeks)SpendPopulation');
    expect(await geos.locator('tbody tr').first().locator('[data-column="periods"]').textContent()).toMatch(
      /^112 \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)$/,
    );
    expect(await canvas.getByRole('radio', { name: /^geo-level model/ }).isChecked()).toBe(true);
    await geos.locator('tr', { hasText: 'geo03' }).getByRole('checkbox').uncheck();
    await canvas.getByText('The model fits 2 of them').waitFor();
    await screenshot(page, 'canvas-geo-step');
    await next();
    await canvas.getByRole('radio', { name: 'revenue' }).check();
    await next();
    await next();
    await canvas.getByRole('combobox', { name: 'holiday use' }).selectOption('internal');
    await canvas.getByRole('combobox', { name: 'price use' }).selectOption('external');
    await canvas.getByRole('button', { name: /^10. Review and build/ }).click();
    const review = canvas.getByRole('definition').filter({ hasText: /^geo-level model on 2 of 3 geos/ });
    expect(await review.textContent()).toMatch(/^geo-level model on 2 of 3 geos \(geo01, geo02\): /);
    await canvas.getByRole('textbox', { name: 'Model name' }).fill(NAME);
    await canvas.getByRole('button', { name: 'Build model' }).click();
    await canvas.locator('.mm-build-done').waitFor({ timeout: 150_000 });
    expect(await canvas.locator('.mm-build-done').textContent()).toMatch(/: (success|training issue)$/);
    // The choice reached model.json and the fit.
    const { id } = listModels(workspace()).find((m) => m.name === NAME)!;
    const loaded = loadModelFit(workspace(), id);
    expect(loaded.model.config).toMatchObject({ geoLevel: true, geos: ['geo01', 'geo02'] });
    expect((loaded.fit as { geo?: { geos: string[] } }).geo?.geos).toEqual(['geo01', 'geo02']);

    const panel = await openModelsSidebar(page);
    await panel.getByRole('button', { name: `Actions for ${NAME}`, exact: true }).click();
    await page.locator('.mm-row-menu .lm-Menu-item', { hasText: 'Open Model Insights' }).click();
    const view = page.locator('.mm-insights').last();
    await view.getByText(/Status: (success|training issue) ·/).waitFor({ timeout: 60_000 });
    const byGeo = view.locator('.mm-insight-geos');
    await byGeo.getByText(/^Geo-level model on 2 geos \(geo01, geo02\)/).waitFor();
    // National figures first, then the heatmap and the contributions per geo.
    const plots = view.locator('.mm-plotly.js-plotly-plot');
    await expect.poll(() => plots.count(), { timeout: 60_000 }).toBe(INSIGHT_FIGURES.length + GEO_FIGURES.length);
    expect(
      await view.locator('section[data-figure]').evaluateAll((s) => s.map((n) => n.getAttribute('data-figure'))),
    ).toEqual([...INSIGHT_FIGURES, ...GEO_FIGURES]);
    const heat = byGeo.locator('section[data-figure="geo-roi"]');
    await heat.locator('.main-svg').first().waitFor();
    expect(await heat.locator('.heatmaplayer image').count()).toBeGreaterThan(0);
    const beside = heat.getByRole('table', { name: 'ROI per geo and channel: the numbers' });
    expect(await beside.locator('tbody tr').count()).toBe(2);
    expect(await beside.locator('tbody tr').first().locator('td').first().textContent()).toMatch(
      /^\d+\.\d\d \(\d+\.\d\d–\d+\.\d\d\)$/,
    );
    for (const caption of ['Spread of effects across geos and how much pooling happened', 'Fit per geo']) {
      expect(await byGeo.getByRole('table', { name: caption }).locator('tbody tr').count()).toBeGreaterThan(1);
    }
    await heat.scrollIntoViewIfNeeded();
    await screenshot(page, 'insights-geo-heatmap');
  });

  it("plans over the geos with a geo's bounds from the plans form, and shows the allocation per geo", async () => {
    await runFromPalette(page, 'Open mixmodeler Plans and Scenarios');
    const view = page.locator('.mm-plans').last();
    await view.getByRole('combobox', { name: 'Model' }).selectOption({ label: NAME });
    const table = view.getByRole('table', { name: 'geo bounds' });
    await table.waitFor({ timeout: 60_000 });
    expect(await table.locator('tbody tr td:first-child').allTextContents()).toEqual(['geo01', 'geo02']);
    expect(await view.locator('.mm-geo-bounds-reason').textContent()).toMatch(/sum over its channels/);
    // An empty field is no bound of its own; geo01 is held at 90% of its current spend (geo02's cells can take the rest).
    expect(await view.getByRole('textbox', { name: 'geo01 highest multiple' }).inputValue()).toBe('');
    await view.getByRole('textbox', { name: 'geo01 highest multiple' }).fill('0.9');
    await view.getByRole('textbox', { name: 'Plan name' }).fill('geo01 held');
    await view.getByRole('button', { name: 'Create plan' }).click();
    const perGeo = view.locator('.mm-plan-details table[aria-label="plan allocation per geo"] tbody tr');
    await perGeo.first().waitFor({ timeout: 60_000 });
    expect(await perGeo.count()).toBe(8);
    const stored = readPlan(workspace(), listPlans(workspace()).find((p) => p.name === 'geo01 held')!.id);
    const sum = (g: string, k: 'spend' | 'current') => Object.values(stored.byGeo![g]!).reduce((s, c) => s + c[k], 0);
    expect(stored.geoBounds?.['geo01']?.max).toBeCloseTo(0.9 * sum('geo01', 'current'), 0);
    expect(sum('geo01', 'spend')).toBeLessThanOrEqual(0.9 * sum('geo01', 'current') * (1 + 1e-6));
    await view.locator('.mm-plan-details').scrollIntoViewIfNeeded();
    await screenshot(page, 'plans-geo-bounds');
  });
});
