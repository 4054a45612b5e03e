import { describe, expect, it } from 'vitest';
import { attribute } from '../mta/attribute';
import type { Journey } from '../mta/journeys';
import { mtaFigure } from './mta-figure';

const J = (channels: string[]): Journey => ({
  user: channels.join(''),
  touches: channels.map((channel, i) => ({ channel, time: i * 864e5, row: i })),
  converted: true,
  value: 1,
});

describe('mtaFigure', () => {
  it('mtaFigure draws one bar group per method over the union of channels', () => {
    const js = [J(['a', 'b']), J(['c'])];
    const fig = mtaFigure([attribute(js, 'last'), attribute(js, 'first')]);
    expect(fig.data.map((d) => d['name'])).toEqual(['last', 'first']);
    expect(fig.data[0]!['x']).toEqual(['a', 'b', 'c']);
    expect(fig.data[0]!['y']).toEqual([0, 0.5, 0.5]);
  });
});
