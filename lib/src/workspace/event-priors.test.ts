import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MODEL, sampleWorkspace } from '../../../tests/helpers/sample-workspace';
import { ConfigError } from '../errors';
import type { FittedMmm } from '../mmm/fitted';
import { createModel } from './lifecycle';
import { readModel, readModelFile } from './model-store';

const base = {
  ...SAMPLE_MODEL,
  name: 'Revenue with event priors',
  priors: [{ channel: 'search', roi: 2.5, sd: 0.3, source: 'experiment' }],
};
let ws: string;
beforeAll(() => {
  ws = sampleWorkspace('mm-event-priors-');
});

describe('model.json eventPriors (MTA → MMM)', () => {
  it('training adds an events ROI prior per listed channel; a user prior on the same channel wins', async () => {
    const m = await createModel(ws, { ...base, eventPriors: { channels: ['email', 'search'], method: 'markov' } });
    expect(['success', 'training issue'], m.error ?? '').toContain(m.status);
    expect(readModel(ws, m.id).config.eventPriors).toEqual({
      channels: ['email', 'search'],
      method: 'markov',
      lookbackDays: 28,
      relativeSd: 0.3,
    });
    const fit = readModelFile<FittedMmm>(ws, m.id, 'versions/1.json');
    const priors = fit.config.roiPriors;
    expect(priors.filter((p) => p.channel === 'search')).toEqual([base.priors[0]]);
    const email = priors.find((p) => p.channel === 'email')!;
    expect(email.source).toBe('events');
    expect(email.sd).toBeCloseTo(0.3 * email.roi, 10);
    expect(email.roi).toBeGreaterThan(0.2);
    expect(email.roi).toBeLessThan(10);
  });

  it('a channel the events do not track fails the training with the reason stored', async () => {
    const m = await createModel(ws, { ...base, eventPriors: { channels: ['tv'] } });
    expect(m.status).toBe('failed');
    expect(m.error).toMatch(/"tv": the event data hold no touches of it/);
  });

  it('bad eventPriors fields are refused by name before anything is stored', async () => {
    await expect(createModel(ws, { ...base, eventPriors: { channels: ['radio'] } })).rejects.toThrow(
      /`eventPriors.channels\[0\]` must name a touchpoint channel; got "radio"/,
    );
    await expect(createModel(ws, { ...base, eventPriors: { channels: ['email'], method: 'magic' } })).rejects.toThrow(
      ConfigError,
    );
    await expect(createModel(ws, { ...base, eventPriors: { channels: ['email'], relativeSd: 0 } })).rejects.toThrow(
      /eventPriors.relativeSd/,
    );
  });
});
