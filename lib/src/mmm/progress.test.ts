import { describe, expect, it } from 'vitest';
import { speedCase } from '../synth/cases';
import { generateSynthetic } from '../synth/generate';
import { fitMmm, fitMmmAsync } from './fit';
import { chainsText, type Progress } from './progress';
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

  it.each([false, true])(
    'the full posterior reports warm-up and sampling per chain, in the events and the CLI line (async %s)',
    async (async) => {
      const events: Progress[] = [];
      const config = { lookback: 6, starts: 1, posterior: { chains: 3, warmup: 60, draws: 50 } };
      const onProgress = (p: Progress) => events.push(p);
      if (async) await fitMmmAsync(data, config, { onProgress });
      else fitMmm(data, config, { onProgress });
      const sampling = events.filter((e) => e.stage === 'sampling');
      expect(sampling.length).toBeGreaterThan(20);
      for (const e of sampling) {
        expect(e.chains).toHaveLength(3);
        expect(e.total).toBe(3 * 110);
        expect(e.done).toBe(e.chains!.reduce((a, c) => a + c.done, 0));
      }
      // Every chain is seen in warm-up and in sampling, and ends done with all its iterations.
      for (let k = 0; k < 3; k++) {
        const phases = new Set(sampling.map((e) => e.chains![k]!.phase));
        expect([...phases]).toEqual(expect.arrayContaining(['warmup', 'sampling', 'done']));
      }
      const last = sampling[sampling.length - 1]!;
      expect(last.chains!.every((c) => c.phase === 'done' && c.done === 110)).toBe(true);
      expect(last.done).toBe(last.total);
      const warm = sampling.find((e) => e.chains![0]!.phase === 'warmup' && e.chains![0]!.done === 30)!;
      expect(warm.message).toMatch(/^sampling 3 chains: 1 warm-up 27% · 2 /);
      expect(progressLine(warm, 8)).toMatch(
        /^\[.{8}\] +\d+% {2}sampling {2}1 warm-up 27% · 2 (waiting|warm-up \d+%|sampling \d+%|done) · 3 /,
      );
      expect(events[events.length - 1]!.stage).toBe('done');
    },
  );
});

describe('chainsText(chains)', () => {
  it('names each chain with its phase, in percent while it runs', () => {
    expect(
      chainsText([
        { phase: 'warmup', done: 45, total: 100 },
        { phase: 'sampling', done: 60, total: 100 },
        { phase: 'waiting', done: 0, total: 100 },
        { phase: 'done', done: 100, total: 100 },
      ]),
    ).toBe('1 warm-up 45% · 2 sampling 60% · 3 waiting · 4 done');
  });
});
