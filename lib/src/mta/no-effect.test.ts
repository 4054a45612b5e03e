import { describe, expect, it } from 'vitest';
import { generateProcessJourneys } from '../synth/journey-processes';
import { JOURNEY_PROCESSES } from '../synth/journey-processes-cases';
import { intentFactorAttribution } from './intent-factor-attribution';
import { summarizeJourneys } from './journey-patterns';
import { journeysFromEvents } from './journeys';

/** The default's fit on a bench process (seed 2, 30,000 users), its touches' effects scaled by `scale`. */
function fitProcess(name: string, scale: number) {
  const p = JOURNEY_PROCESSES.find((x) => x.name === name)!;
  const channels = p.channels.map((c) => ({ ...c, effect: c.effect * scale }));
  const { events } = generateProcessJourneys({ ...p, users: 30_000, seed: p.seed * 1000 + 2, channels });
  return intentFactorAttribution(summarizeJourneys(journeysFromEvents(events, p.maxDays + 2)));
}

describe.each(['continuous-intent', 'intent-classes'])('the effect test on the %s process', (name) => {
  it('says the touches show no effect when no touch works, and gives the test', () => {
    const r = fitProcess(name, 0);
    expect(r.effect.df).toBe(r.fit.delta.length);
    expect(r.effect.p).toBeGreaterThan(0.05);
    expect(r.reasons[0]).toMatch(/show no effect of the touches on conversion beyond the users' intent/);
    expect(r.reasons[0]).toMatch(/\(likelihood ratio \d+\.\d\d on \d+ effect parameters, p = /);
  });

  it('finds the effect, and says nothing of it, at the process own effects', () => {
    const r = fitProcess(name, 1);
    expect(r.effect.lr).toBeGreaterThan(60);
    expect(r.effect.p).toBeLessThan(1e-6);
    expect(r.reasons.join(' ')).not.toMatch(/no effect/);
  });
});
