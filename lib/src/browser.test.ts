import { describe, expect, it } from 'vitest';
import * as browser from './browser';
import * as index from './index';

describe('browser', () => {
  it('every export of the browser entry is the same value in the main entry', () => {
    const main = index as Record<string, unknown>;
    const missing = Object.keys(browser).filter((k) => main[k] !== (browser as Record<string, unknown>)[k]);
    expect(missing).toEqual([]);
  });

  it('the vocabularies are the ones model.json is validated with', () => {
    expect(browser.RUN_FREQUENCIES).toEqual(['daily', 'weekly', 'monthly']);
    expect(browser.TOUCHPOINT_SOURCES).toEqual(['summary', 'events', 'both']);
    expect(browser.PRIOR_SOURCES).toEqual([...browser.USER_PRIOR_SOURCES, 'events']);
    expect(() =>
      browser.validateModelConfig({
        name: 'm',
        conversion: 'revenue',
        touchpoints: [{ channel: 'tv' }],
        schedule: { frequency: 'hourly' },
      }),
    ).toThrow('`schedule.frequency` must be one of daily, weekly, monthly');
  });
});
