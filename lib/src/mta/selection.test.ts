import { describe, expect, it } from 'vitest';
import { CONFOUNDED_JOURNEYS, generateJourneys } from '../synth/confounded-journeys';
import { attribute, MTA_METHODS } from './attribute';
import { journeysFromEvents } from './journeys';
import { latentIntentWeights } from './latent-intent';

// Search and email reach the users who would convert anyway: path methods over-credit them.
const { events, truth } = generateJourneys(CONFOUNDED_JOURNEYS);
const journeys = journeysFromEvents(events, 60);
const l1 = (shares: Record<string, { share: number }>) =>
  Object.keys(truth).reduce((s, c) => s + Math.abs((shares[c]?.share ?? 0) - truth[c]!.share), 0);

describe('attribution under selection on intent', () => {
  const distance = Object.fromEntries(MTA_METHODS.map((m) => [m, l1(attribute(journeys, m).channels)]));

  it('latent-intent is closer to the true incremental shares than last touch and first-order Markov', () => {
    console.log(
      'L1 to the true incremental shares: ' +
        Object.entries(distance)
          .map(([m, d]) => `${m} ${d.toFixed(3)}`)
          .join(', '),
    );
    expect(distance['latent-intent']).toBeLessThan(distance['last']! / 2);
    expect(distance['latent-intent']).toBeLessThan(distance['markov']! / 2);
    expect(distance['latent-intent']).toBeLessThanOrEqual(0.25);
  });

  it('latentIntentWeights recovers the intent classes and the lifts of the unconfounded channels', () => {
    const fit = latentIntentWeights(journeys);
    const high = fit.classes.reduce((a, b) => (b.base > a.base ? b : a));
    expect(high.share).toBeCloseTo(CONFOUNDED_JOURNEYS.highShare, 1);
    expect(high.base).toBeGreaterThan(0.15);
    for (const name of ['display', 'social']) {
      const truthLift = CONFOUNDED_JOURNEYS.channels.find((c) => c.name === name)!.lift;
      expect(fit.lift[fit.channels.indexOf(name)]).toBeGreaterThan(truthLift * 0.6);
      expect(fit.lift[fit.channels.indexOf(name)]).toBeLessThan(truthLift * 1.5);
    }
  });
});
