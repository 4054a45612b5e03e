import { describe, expect, it } from 'vitest';
import { fitMmmAsync, generateSynthetic, CASES } from 'mixmodeler';
import { progressHtml, showProgress } from './progress-display';

describe('showProgress', () => {
  it('updates one output while a real fit runs, ending at done with every step counted', async () => {
    const shown: string[] = [];
    const display = { raw: (mime: string, html: string | Uint8Array) => shown.push(`${mime} ${String(html)}`) };
    const { data } = generateSynthetic({ ...CASES['clean']!, seed: 1 });
    const fit = await fitMmmAsync(data, { lookback: 8 }, { onProgress: showProgress('Training', display, 0) });
    expect(fit.channels.length).toBeGreaterThan(0);
    expect(shown.length).toBeGreaterThan(3); // the first state and several updates
    expect(shown.every((s) => s.startsWith('text/html '))).toBe(true);
    expect(shown[0]).toContain('value="0"');
    const last = shown[shown.length - 1] ?? '';
    expect(last).toContain('✓');
    const [, done, total] = /(\d+)\/(\d+) ·/.exec(last)!;
    expect(Number(done)).toBe(Number(total));
  });

  it('throttles updates within a stage but never drops the last one', () => {
    const shown: string[] = [];
    const listener = showProgress('Fit', { raw: (_m, h) => shown.push(String(h)) }, 60_000);
    for (let i = 1; i <= 10; i++) listener({ stage: 'start 1/1', done: i, total: 20, message: `step ${i}` });
    listener({ stage: 'done', done: 20, total: 20, message: 'done' });
    expect(shown).toHaveLength(3); // initial, first of the stage, the end
    expect(shown[2]).toContain('20/20');
  });

  it('shows a bar per chain with its phase while the posterior samples', () => {
    const html = progressHtml(
      'Training',
      {
        stage: 'sampling',
        done: 150,
        total: 400,
        message: 'sampling 2 chains: 1 warm-up 50% · 2 sampling 25%',
        chains: [
          { phase: 'warmup', done: 100, total: 200 },
          { phase: 'sampling', done: 50, total: 200 },
        ],
      },
      1.5,
    );
    expect(html).toContain('<progress max="200" value="100" aria-label="chain 1"></progress></label> warm-up 100/200');
    expect(html).toContain('<progress max="200" value="50" aria-label="chain 2"></progress></label> sampling 50/200');
    expect(progressHtml('Fit', { stage: 'refine', done: 1, total: 2, message: 'x' }, 0)).not.toContain('chain');
  });
});
