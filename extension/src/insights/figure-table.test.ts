import { describe, expect, it } from 'vitest';
import { figureTable } from './figure-table';

describe('figureTable', () => {
  it('figureTable(bars) is one row per category, one column per trace', () => {
    const t = figureTable({
      data: [
        { type: 'bar', name: 'Current spend', x: ['tv', 'search'], y: [100, 60] },
        { type: 'bar', name: 'Planned spend', x: ['tv', 'search'], y: [120, 'x'] },
      ],
      layout: { xaxis: { title: { text: 'channel' } } },
    });
    expect(t).toEqual({
      headers: ['channel', 'Current spend', 'Planned spend'],
      rows: [
        { key: 'tv', values: [100, 120] },
        { key: 'search', values: [60, null] },
      ],
    });
  });

  it('figureTable(horizontal bars) reads the categories from y', () => {
    const t = figureTable({
      data: [{ type: 'bar', orientation: 'h', name: 'ROI', x: [2.1, 1.4], y: ['tv', 'email'] }],
    });
    expect(t?.rows).toEqual([
      { key: 'tv', values: [2.1] },
      { key: 'email', values: [1.4] },
    ]);
  });

  it('figureTable(heatmap) is one row per y category, one column per x category, z[y][x] in the cells', () => {
    const t = figureTable({
      data: [
        {
          type: 'heatmap',
          x: ['tv', 'search'],
          y: ['north', 'south'],
          z: [
            [1.5, 2],
            [0.8, null],
          ],
        },
      ],
      layout: { yaxis: { title: { text: 'geo' } } },
    });
    expect(t).toEqual({
      headers: ['geo', 'tv', 'search'],
      rows: [
        { key: 'north', values: [1.5, 2] },
        { key: 'south', values: [0.8, null] },
      ],
    });
  });

  it('figureTable of a figure without x/y traces is null', () => {
    expect(figureTable({ data: [{ type: 'heatmap', z: [[1]] }] })).toBeNull();
    expect(figureTable({ data: [{ type: 'scatter', text: ['a'] }] })).toBeNull();
  });
});
