import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { attributeWorkspace, formatAmount, formatPercent, installSample } from 'mixmodeler';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openLab, runFromPalette, screenshot, useBrowser } from './lab';

// Issue 23: event-level attribution from the GUI, methods side by side, the lookback said out loud.

const browser = useBrowser();
const workspace = () => join(inject('labRoot'), 'mixmodeler-workspace');

let page: Page;

beforeAll(async () => {
  // The built-in sample: summary data and the event-level journeys behind them.
  rmSync(workspace(), { recursive: true, force: true });
  installSample(workspace());
  page = await openLab(browser());
});

afterAll(async () => {
  await page?.close();
  rmSync(workspace(), { recursive: true, force: true });
});

describe('the attribution view', () => {
  it('attributes the events with the methods ticked, shows the shares, the lookback and a figure', async () => {
    await runFromPalette(page, 'Open mixmodeler Attribution');
    const view = page.locator('.mm-attribution').last();
    const form = view.locator('section[aria-label="attribution form"]');
    await form.waitFor();
    for (const m of ['intent-factor', 'last', 'markov', 'shapley'])
      expect(await form.getByRole('checkbox', { name: m, exact: true }).isChecked()).toBe(true);
    expect(await form.getByRole('textbox', { name: 'Lookback in days' }).isDisabled()).toBe(true);
    // No method: the button is off and the form says why.
    for (const m of ['intent-factor', 'last', 'markov', 'shapley'])
      await form.getByRole('checkbox', { name: m, exact: true }).uncheck();
    await form.getByText('pick at least one method').waitFor();
    expect(await form.getByRole('button', { name: 'Attribute' }).isDisabled()).toBe(true);
    for (const m of ['last', 'intent-factor']) await form.getByRole('checkbox', { name: m, exact: true }).check();
    await form.getByRole('button', { name: 'Attribute' }).click();
    const result = view.locator('section[aria-label="attribution result"]');
    await result.waitFor({ timeout: 120_000 });
    // Columns in lib's order, whatever the clicks' order.
    const table = result.getByRole('table', { name: 'attributed share of conversions by channel and method' });
    expect(await table.locator('thead th').allTextContents()).toEqual(['Channel', 'last', 'intent-factor']);
    expect(await result.locator('.mm-attribution-engine').textContent()).toBe(
      'last, intent-factor: journeys built in memory.',
    );
    expect(await result.locator('.mm-attribution-lookback').textContent()).toMatch(
      /^Lookback \d+ days \(chosen from the data/,
    );
    // The shares are lib's, as `mta` gives them.
    const last = attributeWorkspace(workspace(), { method: 'last', lookbackDays: 'auto' }).result.channels;
    const search = await table
      .locator('tr', { hasText: /^search/ })
      .locator('td[data-column="last"]')
      .textContent();
    expect(search).toBe(`${formatPercent(last['search']!.share)} (${formatAmount(last['search']!.conversions, 1)})`);
    await result.locator('.mm-figure-host .js-plotly-plot .main-svg').first().waitFor({ timeout: 60_000 });
    expect(await result.locator('.mm-figure-host .js-plotly-plot .trace.bars').count()).toBe(2);
    await screenshot(page, 'attribution-view');

    // A one-day lookback leaves most touches out: the view warns, and names auto.
    await form.getByRole('radio', { name: 'Days:' }).check();
    await form.getByRole('textbox', { name: 'Lookback in days' }).fill('0');
    await form.getByText('the lookback must be a whole number of days, 1 to 365').waitFor();
    await form.getByRole('textbox', { name: 'Lookback in days' }).fill('1');
    await form.getByRole('button', { name: 'Attribute' }).click();
    await result
      .locator('.mm-attribution-lookback', { hasText: /^Lookback 1 days \(fixed\)/ })
      .waitFor({ timeout: 120_000 });
    expect(await result.locator('.mm-warning').textContent()).toMatch(/auto/);
  });
});
