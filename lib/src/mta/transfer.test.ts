import { describe, expect, it } from 'vitest';
import type { MmmScores } from '../mmm/score';
import { attribute } from './attribute';
import type { Journey } from './journeys';
import { fromArrow } from 'arquero';
import { loadCsv } from '../data/load-csv';
import { parseNumber } from '../data/parse-number';
import { scaleToMmm, touchScoresArrow, touchScoresCsv } from './transfer';

const J = (user: string, channels: string[], start: number): Journey => ({
  user,
  touches: channels.map((channel, i) => ({ channel, time: Date.UTC(2024, 0, start + i), row: start * 10 + i })),
  converted: true,
  value: 1,
});
// 2024-01-01 is a Monday: days 1–3 fall in that week, days 8–9 in the next.
const result = attribute(
  [J('u1', ['search', 'social'], 1), J('u2', ['search'], 3), J('u3', ['social', 'search'], 8)],
  'linear',
);
const scores: MmmScores = {
  dates: ['2024-01-01', '2024-01-08'],
  predicted: [0, 0],
  base: [0, 0],
  contributions: { search: [300, 100], social: [50, 40] },
  channels: {},
};

describe('scaleToMmm', () => {
  it('scaleToMmm makes touch scores add up to the MMM contribution per week and channel', () => {
    const { touches, factors } = scaleToMmm(result, scores, { tracked: { social: 0.5 } });
    const sum = (p: string, c: string) =>
      touches.filter((t) => t.period === p && t.channel === c).reduce((s, t) => s + t.incremental, 0);
    expect(sum('2024-01-01', 'search')).toBeCloseTo(300, 9);
    expect(sum('2024-01-08', 'search')).toBeCloseTo(100, 9);
    expect(sum('2024-01-01', 'social')).toBeCloseTo(25, 9);
    expect(sum('2024-01-08', 'social')).toBeCloseTo(20, 9);
    expect(factors.find((f) => f.period === '2024-01-01' && f.channel === 'search')!.factor).toBeCloseTo(300 / 1.5, 9);
  });

  it('touchScoresCsv writes one row per touch with its incremental value', () => {
    const csv = touchScoresCsv(scaleToMmm(result, scores).touches);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('row,user_id,channel,timestamp,period,score,incremental');
    expect(lines).toHaveLength(1 + result.touches.length);
  });
});

describe('touchScoresArrow', () => {
  it('touchScoresArrow round-trips through an Arrow reader', () => {
    const touches = scaleToMmm(result, scores).touches;
    const back = fromArrow(touchScoresArrow(touches)).objects() as Record<string, unknown>[];
    expect(back).toHaveLength(touches.length);
    expect(back[0]!['incremental']).toBeCloseTo(touches[0]!.incremental, 9);
    expect(back[0]!['channel']).toBe(touches[0]!.channel);
  });
});

describe('touchScoresCsv', () => {
  it('touchScoresCsv(touches) with awkward user ids and channels reads back through loadCsv', () => {
    const awkward = ['u,1', 'say "hi"', 'two\nlines', 'cr\r', 'café ☕', ''];
    const touches = awkward.map((user, i) => ({ row: i, user, channel: `c,${i}`, time: '2024-01-01', score: 1 / 3 }));
    const t = loadCsv(touchScoresCsv(touches), { source: 'scores.csv', delimiter: ',' }).table;
    expect(t.array('user_id')).toEqual(awkward.map((u) => (u === '' ? null : u)));
    expect(t.array('channel')).toEqual(touches.map((x) => x.channel));
    expect(Array.from(t.array('score') as ArrayLike<unknown>, (v) => parseNumber(v))).toEqual(touches.map(() => 1 / 3));
    expect(t.array('period')).toEqual(touches.map(() => null));
  });

  it('touchScoresCsv([]) is the header alone', () => {
    expect(touchScoresCsv([])).toBe('row,user_id,channel,timestamp,period,score,incremental\n');
  });
});
