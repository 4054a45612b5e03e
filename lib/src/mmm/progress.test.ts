import { describe, expect, it } from 'vitest';
import { speedCase } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { fitMmm, fitMmmAsync } from './fit';
import type { Progress } from './progress';
import { progressLine } from '../cli/progress-bar';

describe('fit progress', () => {
  const { data } = generateSynthetic(speedCase(3, 104));

  it('fitMmm(data, config, { onProgress }) reports every step, monotone, ending at done = total', () => {
    const events: Progress[] = [];
    fitMmm(data, { lookback: 6, starts: 3 }, { onProgress: (p) => events.push(p) });
    expect(events.length).toBeGreaterThanOrEqual(4);
    // The default adstock is 'auto': each family's starts and refinement, then the hold-out and intervals.
    expect(events.map((e) => e.stage)).toEqual(
      expect.arrayContaining([
        'geometric adstock: start 1/3',
        'geometric adstock: refine',
        'delayed adstock: start 1/3',
        'delayed adstock: refine',
        'intervals',
        'done',
      ]),
    );
    for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThanOrEqual(events[i - 1]!.done);
    const last = events[events.length - 1]!;
    expect(last.done).toBe(last.total);
  });

  it('fitMmmAsync yields to the event loop between steps and returns the same fit', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const seen: number[] = [];
    const a = await fitMmmAsync(data, { lookback: 6, starts: 2 }, { onProgress: () => seen.push(ticks) });
    clearInterval(timer);
    const b = fitMmm(data, { lookback: 6, starts: 2 });
    expect(a.channels.map((c) => c.roi.mean)).toEqual(b.channels.map((c) => c.roi.mean));
    // Timers ran while the fit was in progress, not only after it.
    expect(seen[seen.length - 1]!).toBeGreaterThan(seen[0]!);
  });

  it('a throwing listener does not break the fit', () => {
    const fit = fitMmm(
      data,
      { lookback: 6, starts: 1 },
      {
        onProgress: () => {
          throw new Error('display gone');
        },
      },
    );
    expect(fit.channels).toHaveLength(3);
  });

  it('progressLine(p) draws a bar of the done fraction', () => {
    expect(progressLine({ stage: 'refine', done: 1, total: 4, message: '' }, 8)).toBe('[##------]  25%  refine');
  });
});
