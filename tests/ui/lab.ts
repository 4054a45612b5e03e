import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { ARTIFACTS } from '../helpers/project-env';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');

/** Uncaught errors of every page opened with `openLab`, since the last check. */
const pageErrors: string[] = [];

/** Fails with every uncaught page error collected since the last check (and forgets them). */
function expectNoPageErrors(): void {
  const errors = pageErrors.splice(0);
  if (errors.length > 0) {
    throw new Error(`${errors.length} uncaught page error(s) in JupyterLab:\n\n${errors.join('\n\n')}`);
  }
}

/** Debian's Chromium, headless, with no network of its own (no browser downloads here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Registers a headless Chromium for the calling test file: launched before its tests, closed after.
 * A test fails when a page opened with `openLab` raised an uncaught error (or an unhandled rejection)
 * while it ran; errors raised before the first test count for it, those after the last for the file.
 * @returns a getter for the browser
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(() => expectNoPageErrors());
  afterAll(async () => {
    await browser?.close();
    expectNoPageErrors();
  });
  return () => {
    if (!browser) throw new Error('the browser is not launched yet');
    return browser;
  };
}

/**
 * A stressor for timing races (`UI_IDLE_DELAY_MS=80 npx vitest run --project ui`): every
 * `requestIdleCallback` of the page runs a random 0..N ms late, as on a busy CI machine. JupyterLab
 * resolves a React body's first render, and so a dialog's initial focus, in an idle callback.
 */
const IDLE_DELAY_MS = Number(process.env['UI_IDLE_DELAY_MS'] ?? 0);

/** The page script of the stressor (a string: these tests compile without the DOM's types). */
const delayIdleCallbacks = (maxMs: number): string => `{
  const original = window.requestIdleCallback.bind(window);
  window.requestIdleCallback = (callback, options) =>
    original((deadline) => setTimeout(() => callback(deadline), Math.random() * ${maxMs}), options);
}`;

/**
 * Opens JupyterLab at `path` (e.g. `lab`, `lab/tree/x.ipynb`) with the default layout (`reset`: no
 * tab or panel restored from an earlier test, which could take the focus late), and waits until it is
 * ready ({@link waitReady}).
 */
export async function openLab(browser: Browser, path = 'lab'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  if (IDLE_DELAY_MS > 0) await page.addInitScript(delayIdleCallbacks(IDLE_DELAY_MS));
  page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
  await page.goto(`${inject('labUrl')}/${path}?reset&token=${inject('labToken')}`);
  await waitReady(page);
  return page;
}

/**
 * Waits until JupyterLab is ready for a person's clicks (after `openLab` or a reload): the splash is
 * gone, the layout restored, and the main area's current tab (the launcher JupyterLab adds to an empty
 * main area, or the document opened) has taken the focus. Before that, a modal opened by a test, such as
 * the command palette, closes again when the tab takes the focus (late on a busy page).
 */
export async function waitReady(page: Page): Promise<void> {
  await page.locator('#jupyterlab-splash').waitFor({ state: 'detached', timeout: 60_000 });
  await page.locator('.jp-LabShell').waitFor();
  // (Page scripts as strings: these tests compile without the DOM's types.)
  await page.waitForFunction('window.jupyterapp !== undefined', undefined, { timeout: 60_000 });
  await page.evaluate('window.jupyterapp.restored.then(() => true)');
  await page.waitForFunction(
    `(() => { const w = window.jupyterapp.shell.currentWidget; return !!w && w.node.contains(document.activeElement); })()`,
    undefined,
    { timeout: 30_000 },
  );
}

/** Saves a full-page screenshot under artifacts/screenshots. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Waits until `target` has the keyboard focus. */
export async function waitForFocus(target: Locator, timeout = 10_000): Promise<void> {
  const handle = await target.elementHandle({ timeout });
  await target.page().waitForFunction((el) => el.ownerDocument.activeElement === el, handle, { timeout });
}

/**
 * Waits for the open form dialog to be ready, with focus on its first field, and returns it. Typing
 * before that is a race: JupyterLab sets a dialog's focus after the body's first render (in an idle
 * callback, late on a busy machine), and a `fill` is a select and then separate key presses.
 */
export async function formDialog(page: Page): Promise<Locator> {
  const dialog = page.locator('.jp-Dialog');
  await waitForFocus(dialog.locator('.jp-Dialog-body').locator('input, select, textarea').first());
  return dialog;
}

/** Clicks a menu bar item, then an entry of its menu, as a person would. */
export async function clickMenu(page: Page, menu: string, item: string): Promise<void> {
  await page.locator('.lm-MenuBar-item', { hasText: menu }).click();
  await page.locator('.lm-Menu-item', { hasText: item }).first().click();
}

/**
 * Runs a command by its label from the command palette, as a person types it there. The palette is
 * opened by its own command and the label typed once its input has the focus: opened from the View
 * menu, the menu's closing could take the focus back and close the modal palette again (seen in CI, and
 * with `UI_IDLE_DELAY_MS=80`).
 */
export async function runFromPalette(page: Page, label: string): Promise<void> {
  const input = page.locator('.lm-CommandPalette-input');
  await page.evaluate("window.jupyterapp.commands.execute('apputils:activate-command-palette')");
  await waitForFocus(input);
  await input.fill(label);
  await page.locator('.lm-CommandPalette-item', { hasText: label }).first().click();
}

/**
 * Shows the models sidebar and returns it: its tab is clicked once, only when the sidebar is hidden (a
 * click on the tab of an open sidebar closes it).
 */
export async function openModelsSidebar(page: Page): Promise<Locator> {
  const tab = page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="mixmodeler-models"]');
  await tab.waitFor();
  const panel = page.locator('#mixmodeler-models');
  if (!(await panel.isVisible())) await tab.click();
  await panel.waitFor({ state: 'visible', timeout: 10_000 });
  return panel;
}
