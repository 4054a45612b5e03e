import { describe, expect, it } from 'vitest';
import { CONFOUNDED_JOURNEYS, generateJourneys } from '../synth/confounded-journeys';
import { attribute, attributePatterns, MTA_METHODS } from './attribute';
import { summarizeJourneys } from './journey-patterns';
import { journeysFromEvents, type Journey } from './journeys';

const J = (channels: string[], converted: boolean): Journey => ({
  user: channels.join(''),
  touches: channels.map((channel, i) => ({ channel, time: Date.UTC(2024, 0, 1 + i), row: i })),
  converted,
  value: 0,
});

describe('summarizeJourneys(journeys)', () => {
  it('summarizeJourneys groups journeys by touch counts and outcome, and counts the transitions', () => {
    const s = summarizeJourneys([J(['a', 'b'], true), J(['b', 'a'], true), J(['a'], false), J([], true)]);
    expect(s.channels).toEqual(['a', 'b']);
    expect(s.patterns).toEqual([
      { counts: [1, 0], converted: false, weight: 1 },
      { counts: [1, 1], converted: true, weight: 2 },
    ]);
    expect(Object.fromEntries([...s.transitions[1]].map(([k, v]) => [k, Object.fromEntries(v)]))).toEqual({
      '(start)': { a: 2, b: 1 },
      a: { b: 1, '(conversion)': 1, '(null)': 1 },
      b: { a: 1, '(conversion)': 1 },
    });
    expect(s.transitions[2].get('a')).toEqual(
      new Map([
        ['a>b', 1],
        ['(null)', 1],
      ]),
    );
    expect(s.rules.last).toEqual(
      new Map([
        ['b', 1],
        ['a', 1],
      ]),
    );
  });
});

describe('attributePatterns(summary, method)', () => {
  const journeys = journeysFromEvents(generateJourneys({ ...CONFOUNDED_JOURNEYS, users: 3000 }).events, 60);

  // Methods that split each conversion over its touches (a model of incremental conversions, such as
  // intent-factor, reports its own totals).
  const splits = MTA_METHODS.filter((m) => (m as string) !== 'intent-factor');
  it.each(splits)('attributePatterns gives the channel totals that the touch scores of %s add up to', (m) => {
    const r = attribute(journeys, m);
    const sums = new Map<string, number>();
    for (const t of r.touches) sums.set(t.channel, (sums.get(t.channel) ?? 0) + t.score);
    const p = attributePatterns(summarizeJourneys(journeys), m);
    expect(Object.keys(p.channels)).toEqual([...sums.keys()].sort());
    for (const [c, v] of sums) expect(p.channels[c]!.conversions).toBeCloseTo(v, 8);
  });
});
