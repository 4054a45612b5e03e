import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createModel, installSample, listModels } from 'mixmodeler';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formDialog, openLab, openModelsSidebar, runFromPalette, screenshot, useBrowser } from './lab';
import { SAMPLE_CHANNELS } from '../helpers/sample-workspace';

// Issue 22: the models table legible at the default sidebar width, a grey row from the moment a run
// starts, one build per click, the canvas in the user's words and aware of the data's range, insights
// in sections with tables and units, and an overview that opens without a 404.

const browser = useBrowser();
const workspace = () => join(inject('labRoot'), 'mixmodeler-workspace');
const REVENUE = 'Legible revenue MMM';
const ORDERS = 'Legible orders MMM';
const CHANNELS = [...SAMPLE_CHANNELS];

let page: Page;
let panel: Locator;
/** Responses of the Contents API with a status of 400 or more, since the page opened. */
const failures: string[] = [];

beforeAll(async () => {
  rmSync(workspace(), { recursive: true, force: true });
  installSample(workspace());
  for (const [name, conversion] of [
    [REVENUE, 'revenue'],
    [ORDERS, 'orders'],
  ] as const) {
    await createModel(workspace(), {
      name,
      description: `weekly ${conversion}, every channel's spend`,
      conversion,
      touchpoints: CHANNELS.map((channel) => ({ channel, metric: 'spend' })),
      factors: { internal: ['holiday'], external: ['price'] },
    });
  }
  page = await openLab(browser());
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().includes('/api/contents')) failures.push(`${r.status()} ${r.url()}`);
  });
  panel = await openModelsSidebar(page);
  await panel.locator('.mm-model-name', { hasText: ORDERS }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await page?.close();
  rmSync(workspace(), { recursive: true, force: true });
});

const row = (name: string) => panel.locator('tbody tr', { has: page.getByText(name, { exact: true }) });

describe('the models table at the default sidebar width', () => {
  it('shows every column of every model inside the sidebar, nothing cut', async () => {
    const box = (await panel.boundingBox())!;
    expect(box.width).toBeLessThan(400); // JupyterLab's default: the compact layout is what is tested
    for (const name of [REVENUE, ORDERS]) {
      for (const column of ['name', 'status', 'conversion', 'runFrequency', 'lastRun']) {
        const cell = row(name).locator(`td[data-column="${column}"]`);
        const b = (await cell.boundingBox())!;
        expect(b.x).toBeGreaterThanOrEqual(box.x - 1);
        expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 1);
        // Not cut: the cell's content fits its box.
        expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      }
    }
    const status = row(REVENUE).locator('td[data-column="status"]');
    expect(await status.textContent()).toMatch(/^(success|training issue)$/);
    expect(await row(REVENUE).locator('td[data-column="conversion"]').textContent()).toBe('revenue');
    await screenshot(page, 'sidebar-default-width-legible');
  });

  it('greys a row from the moment a re-train starts, until it ends', async () => {
    await panel.getByRole('button', { name: `Actions for ${REVENUE}`, exact: true }).click();
    await page.locator('.mm-row-menu .lm-Menu-item', { hasText: 'Train Model…' }).click();
    const dialog = await formDialog(page);
    await dialog.getByRole('button', { name: 'Train' }).click();
    // At once: before any poll of the store (every 3 s) could have seen the run.
    await row(REVENUE).and(page.locator('tr.mm-row-running')).waitFor({ timeout: 2_000 });
    expect(await row(REVENUE).locator('.mm-status-running').textContent()).toBe('running');
    await screenshot(page, 'sidebar-retrain-grey-row');
    await panel.locator('.mm-activity', { hasText: `Training ${REVENUE}: done` }).waitFor({ timeout: 120_000 });
    await expect.poll(() => row(REVENUE).locator('.mm-status-running').count(), { timeout: 30_000 }).toBe(0);
  });
});

describe('the model canvas', () => {
  let canvas: Locator;
  const step = (title: string) => canvas.locator('nav[aria-label="model canvas steps"] button', { hasText: title });

  it('says what is wrong in the user’s words', async () => {
    await runFromPalette(page, 'New mixmodeler Model Canvas');
    canvas = page.locator('.jp-MainAreaWidget .mm-canvas').last();
    await canvas.getByText('164 weeks, 2022-11-07 to 2025-12-22').waitFor({ timeout: 30_000 });
    await step('Lookback window and curves').click();
    await canvas.getByRole('spinbutton', { name: 'Lookback window in weeks' }).fill('60');
    const alert = canvas.locator('.mm-step-body').getByRole('alert');
    await alert.waitFor();
    const message = (await alert.textContent())!;
    // The label first, the rule in words; the field's path only at the end, for those who edit model.json.
    expect(message).toMatch(/^Lookback \(weeks\) must be a whole number from 1 to 52; got 60/);
    expect(message).not.toMatch(/^`|\[1, 52\]/);
    await screenshot(page, 'canvas-message-in-words');
    await canvas.getByRole('spinbutton', { name: 'Lookback window in weeks' }).fill('8');
  });

  it("shows the data's range and what the last 2 years are, and refuses a range outside the data", async () => {
    await step('Training window').click();
    const hint = canvas.getByLabel('data range');
    expect(await hint.textContent()).toBe(
      'The data run from 2022-11-07 to 2025-12-22 (164 weeks). The last 2 years of data are 2024-01-01 to 2025-12-22 (104 weeks).',
    );
    await canvas.getByRole('radio', { name: 'A date range of at least one year' }).check();
    await canvas.getByRole('textbox', { name: 'From' }).fill('2021-01-04');
    await canvas.getByRole('textbox', { name: 'To' }).fill('2022-12-26');
    await canvas
      .locator('.mm-step-body')
      .getByRole('alert')
      .getByText('The start 2021-01-04 is before the data begin (2022-11-07)')
      .waitFor();
    await screenshot(page, 'canvas-range-outside-data-refused');
    await step('Review and build').click();
    await canvas.getByRole('textbox', { name: 'Model name' }).fill('Canvas orders MMM');
    expect(await canvas.getByRole('button', { name: 'Build model' }).isDisabled()).toBe(true);
    await step('Training window').click();
    await canvas.getByRole('radio', { name: 'The last 2 years of data' }).check();
  });

  it('summarizes every choice in words, warns of a taken name, and builds once', async () => {
    await step('Conversion').click();
    await canvas.getByRole('radio', { name: 'orders' }).check();
    await step('Review and build').click();
    const summary = canvas.getByRole('definition');
    const choices = canvas.locator('dl[aria-label="your choices"]');
    expect(await choices.locator('dt').allTextContents()).toEqual([
      'Name',
      'Conversion',
      'Touchpoints',
      'Factors',
      'Lookback and curves',
      'Training window',
      'Priors',
      'Spend share',
      'Schedule',
    ]);
    expect(await summary.count()).toBeGreaterThanOrEqual(9);
    expect(await choices.textContent()).toContain('the last 2 years of data: 2024-01-01 to 2025-12-22 (104 weeks)');
    const name = canvas.getByRole('textbox', { name: 'Model name' });
    await name.fill(ORDERS);
    await canvas.getByText(`another model is named “${ORDERS}” already`).waitFor();
    await screenshot(page, 'canvas-review-duplicate-name');
    await name.fill('Canvas orders MMM');
    const build = canvas.getByRole('button', { name: 'Build model' });
    await build.click();
    // From the click on: the sidebar lists the model being built, never "No models yet", and Build is off.
    await panel.locator('tr.mm-row-running', { hasText: 'Canvas orders MMM' }).first().waitFor({ timeout: 5_000 });
    expect(await build.isDisabled()).toBe(true);
    await screenshot(page, 'canvas-building-sidebar-grey-row');
    await canvas.locator('.mm-build-done').waitFor({ timeout: 150_000 });
    expect(await build.isDisabled()).toBe(true); // built: a second click cannot make a second model
    await screenshot(page, 'canvas-built-build-disabled');
    expect(listModels(workspace()).filter((m) => m.name === 'Canvas orders MMM')).toHaveLength(1);
    // A change of a choice makes it buildable again.
    await canvas.getByRole('textbox', { name: 'Model description' }).fill('orders, from the canvas');
    expect(await build.isDisabled()).toBe(false);
  });
});

describe('insights and the overview', () => {
  it('shows an orders model in sections, with a table beside each figure, in its own units', async () => {
    await panel.getByRole('button', { name: `Actions for ${ORDERS}`, exact: true }).click();
    await page.locator('.mm-row-menu .lm-Menu-item', { hasText: 'Open Model Insights' }).click();
    const view = page.locator('.mm-insights').last();
    await view.getByRole('heading', { name: 'Status and fit' }).waitFor({ timeout: 60_000 });
    const sections = view.locator('section.mm-insight-section');
    await expect
      .poll(() => view.locator('.mm-plotly.js-plotly-plot').count(), { timeout: 60_000 })
      .toBe(await sections.count());
    expect(await sections.count()).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < (await sections.count()); i++) {
      expect((await sections.nth(i).locator('h3').textContent())!.length).toBeGreaterThan(0);
    }
    expect(await view.locator('table[aria-label$=": the numbers"]').count()).toBeGreaterThanOrEqual(4);
    // One formatter for percentages: MAPE as 2.5%, never 0.025.
    expect(await view.getByText(/MAPE \d+(\.\d)?%/).count()).toBeGreaterThan(0);
    // Counts are judged by their cost per order, not an ROI of 0.02.
    const titles = await view.locator('section.mm-insight-section h3').allTextContents();
    expect(titles.join(' | ')).toMatch(/[Cc]ost per order/);
    // The hold-out weeks are marked on the fit figure.
    const fit = sections.filter({ has: page.locator('h3', { hasText: /^Fit/ }) });
    await fit
      .getByText(/hold-out/)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'insights-orders-sections-units');
  });

  it("shows an orders model's details in cost per order, MAPE as a percentage", async () => {
    await panel.getByRole('button', { name: `Actions for ${ORDERS}`, exact: true }).click();
    await page.locator('.mm-row-menu .lm-Menu-item', { hasText: 'Model Details' }).click();
    const dialog = page.locator('.jp-Dialog');
    const table = dialog.locator('table[aria-label="cost per order per channel with 90% interval"]');
    await table.waitFor({ timeout: 60_000 });
    expect(await table.locator('tbody tr').count()).toBe(6);
    expect(await dialog.getByText(/MAPE \d+(\.\d)?%/).count()).toBe(1);
    await screenshot(page, 'details-orders-cost-per-order');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('opens the overview with no 404 on a first open', async () => {
    failures.length = 0;
    await runFromPalette(page, 'Open mixmodeler Overview Dashboard');
    const dash = page.locator('.mm-dashboard').last();
    await dash.locator('table[aria-label="ROI leaderboard"] tbody tr').first().waitFor({ timeout: 60_000 });
    expect(failures).toEqual([]);
    expect(await dash.getByRole('alert').count()).toBe(0);
    // Charts, not text only: the ROI leaderboard and spend share against effect share per trained model,
    // and the harmonized data's coverage per channel over time.
    const plots = (widget: string) => dash.locator(`[data-widget="${widget}"] .js-plotly-plot .main-svg`);
    await expect.poll(() => plots('leaderboard').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(() => plots('coverage').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await dash.getByRole('heading', { name: /share of spend against share of media effect/ }).count()).toBe(3);
    await screenshot(page, 'dashboard-first-open-no-404');
  });
});
