import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { journeysFromEvents } from '../mta/journeys';
import { workspaceEvents } from '../workspace/workspace-events';
import { eventEntries, NO_CHANNEL } from './event-entries';
import { importDataset } from './import-dataset';
import { loadCsv } from './load-csv';

const GA =
  'user_id,timestamp,channel,event,value\n' +
  'u1,2024-01-01T09:00:00Z,search,touch,\n' +
  'u1,2024-01-02T10:00:00Z,,conversion,20\n' +
  'u2,2024-01-03T11:00:00Z,tv,touch,\n' +
  'u2,2024-01-04T08:00:00Z,,conversion,5\n' +
  'u3,2024-01-04T09:00:00Z,email,conversion,1\n';

describe('eventEntries', () => {
  it('eventEntries(frame, source) counts a conversion without a channel under (none), with no touches', () => {
    const entries = eventEntries(loadCsv(GA, { source: 'ga.csv' }), 'ga');
    const none = entries.filter((e) => e.channel === NO_CHANNEL);
    expect(none.map((e) => [e.date, e.metric, e.value])).toEqual([
      ['2024-01-02', 'touches', 0],
      ['2024-01-02', 'conversions', 1],
      ['2024-01-02', 'value', 20],
      ['2024-01-04', 'touches', 0],
      ['2024-01-04', 'conversions', 1],
      ['2024-01-04', 'value', 5],
    ]);
  });

  it.each([
    [
      'u4,2024-01-05,,touch,\n',
      /`channel` must name a channel on a touch \(only a conversion may have none\); got "" at row 7 of ga\.csv/,
    ],
    ['u4,2024-01-05,(none),touch,\n', /`channel` must name a channel on a touch.*got "\(none\)" at row 7/],
    ['u4,2024-01-05,,visit,\n', /`event` must be touch or conversion; got "visit" at row 7/],
  ])('eventEntries(frame with %j) throws an InputError naming the row', (row, message) => {
    expect(() => eventEntries(loadCsv(GA + row, { source: 'ga.csv' }), 'ga')).toThrow(InputError);
    expect(() => eventEntries(loadCsv(GA + row, { source: 'ga.csv' }), 'ga')).toThrow(message);
  });

  it('importDataset(events with channel-less conversions) imports; journeysFromEvents closes journeys on them', () => {
    const ws = mkdtempSync(join(tmpdir(), 'mm-ev-'));
    const info = importDataset(loadCsv(GA, { source: 'ga.csv' }), { kind: 'events', name: 'ga', workspace: ws });
    expect(info).toMatchObject({ validated: true, channels: ['(none)', 'email', 'search', 'tv'] });
    const journeys = journeysFromEvents(workspaceEvents(ws), 28);
    expect(journeys.map((j) => [j.user, j.touches.map((t) => t.channel), j.converted, j.value])).toEqual([
      ['u1', ['search'], true, 20],
      ['u2', ['tv'], true, 5],
      ['u3', [], true, 1],
    ]);
  });
});
