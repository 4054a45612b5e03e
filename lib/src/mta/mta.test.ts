import { describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../errors';
import { attribute } from './attribute';
import { journeysFromEvents, type EventRow, type Journey } from './journeys';
import { markovWeights } from './markov';
import { ruleCredits } from './rules';
import { shapleyWeights } from './shapley';

const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString();
const J = (channels: string[], converted: boolean): Journey => ({
  user: channels.join(''),
  touches: channels.map((channel, i) => ({ channel, time: Date.UTC(2024, 0, 1 + i), row: i })),
  converted,
  value: converted ? 1 : 0,
});

describe('journeysFromEvents', () => {
  it('journeysFromEvents closes a journey at each conversion, keeps touches in the lookback, and keeps non-converters', () => {
    const rows: EventRow[] = [
      { user_id: 'a', timestamp: day(0), channel: 'tv', event: 'touch' },
      { user_id: 'a', timestamp: day(40), channel: 'search', event: 'touch' },
      { user_id: 'a', timestamp: day(41), channel: 'search', event: 'conversion', value: 50 },
      { user_id: 'a', timestamp: day(45), channel: 'email', event: 'touch' },
      { user_id: 'b', timestamp: day(3), channel: 'social', event: 'touch' },
    ];
    const js = journeysFromEvents(rows, 28);
    expect(js.map((j) => [j.user, j.touches.map((t) => t.channel), j.converted, j.value])).toEqual([
      ['a', ['search'], true, 50],
      ['a', ['email'], false, 0],
      ['b', ['social'], false, 0],
    ]);
  });

  it('journeysFromEvents orders rows given in any order per user by time, a touch before a conversion at the same instant', () => {
    const rows: EventRow[] = [
      { user_id: 'b', timestamp: day(5), channel: 'tv', event: 'conversion', value: 7 },
      { user_id: 'a', timestamp: day(9), channel: 'email', event: 'touch' },
      { user_id: 'b', timestamp: day(5), channel: 'tv', event: 'touch' },
      { user_id: 'a', timestamp: day(2), channel: 'search', event: 'touch' },
      { user_id: 'b', timestamp: day(1), channel: 'social', event: 'touch' },
      { user_id: 'a', timestamp: day(10), channel: 'email', event: 'conversion', value: 3 },
    ];
    const js = journeysFromEvents(rows, 28);
    expect(js.map((j) => [j.user, j.touches.map((t) => [t.channel, t.row]), j.value])).toEqual([
      [
        'b',
        [
          ['social', 4],
          ['tv', 2],
        ],
        7,
      ],
      [
        'a',
        [
          ['search', 3],
          ['email', 1],
        ],
        3,
      ],
    ]);
  });

  it('journeysFromEvents names the row of a bad timestamp or event', () => {
    expect(() => journeysFromEvents([{ user_id: 'a', timestamp: 'soon', channel: 'tv', event: 'touch' }], 7)).toThrow(
      InputError,
    );
    expect(() =>
      journeysFromEvents([{ user_id: 'a', timestamp: day(1), channel: 'tv', event: 'view' as 'touch' }], 7),
    ).toThrow(/row 1: `event` must be touch or conversion/);
  });
});

describe('ruleCredits', () => {
  const j = J(['a', 'b', 'c', 'd'], true);
  it.each([
    ['last', [0, 0, 0, 1]],
    ['first', [1, 0, 0, 0]],
    ['linear', [0.25, 0.25, 0.25, 0.25]],
    ['position', [0.4, 0.1, 0.1, 0.4]],
  ] as const)('ruleCredits(journey, %s) is %j', (method, expected) => {
    ruleCredits(j, method).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it('time decay halves the weight every half-life', () => {
    const c = ruleCredits(j, 'time-decay', 1); // touches one day apart, half-life one day
    expect(c[2]! / c[3]!).toBeCloseTo(0.5, 12);
    expect(c.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('markovWeights', () => {
  it('markovWeights gives the removal effects of a hand-computed chain', () => {
    // start→a (2), start→b (1); a→conv (1), a→null (1); b→a (1). P(conv) = 2/3·1/2 + 1/3·1/2 = 1/2.
    // Without a: 0; without b: 2/3·1/2 = 1/3 → effects 1 and 1/3 → weights 0.75 and 0.25.
    const w = markovWeights([J(['a'], true), J(['a'], false), J(['b', 'a'], false)]);
    expect(w.get('a')).toBeCloseTo(0.75, 9);
    expect(w.get('b')).toBeCloseTo(0.25, 9);
  });
});

describe('shapleyWeights', () => {
  it('shapleyWeights splits a jointly won conversion equally and a solo one to its channel', () => {
    // v({a}) = 1, v({b}) = 0, v({a,b}) = 2 → φa = 1.5, φb = 0.5.
    const w = shapleyWeights([J(['a'], true), J(['a', 'b'], true), J(['b'], false)]);
    expect(w.get('a')).toBeCloseTo(0.75, 12);
    expect(w.get('b')).toBeCloseTo(0.25, 12);
  });

  it('the sampled estimate agrees with the exact values', () => {
    const js = [J(['a'], true), J(['a', 'b'], true), J(['b', 'c'], true), J(['c'], true), J(['a', 'c'], false)];
    const exact = shapleyWeights(js);
    const sampled = shapleyWeights(js, 0, 4000);
    for (const [c, v] of exact) expect(sampled.get(c)).toBeCloseTo(v, 1);
  });
});

describe('attribute', () => {
  const js = [J(['a', 'b'], true), J(['b'], true), J(['a'], false)];

  it('attribute(journeys, method) credits exactly one conversion per converting journey', () => {
    for (const m of ['last', 'first', 'linear', 'time-decay', 'position', 'markov', 'markov-2', 'shapley'] as const) {
      const r = attribute(js, m);
      const total = Object.values(r.channels).reduce((s, c) => s + c.conversions, 0);
      expect(total).toBeCloseTo(2, 9);
      expect(r.touches.reduce((s, t) => s + t.score, 0)).toBeCloseTo(2, 9);
      expect(Object.values(r.channels).reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
    }
  });

  it('last touch gives b both conversions; first touch splits them', () => {
    expect(attribute(js, 'last').channels['b']!.conversions).toBe(2);
    expect(attribute(js, 'first').channels['a']!.conversions).toBe(1);
  });

  it('names an unknown method', () => {
    expect(() => attribute(js, 'magic' as 'last')).toThrow(ConfigError);
  });
});
