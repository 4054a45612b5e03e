import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { loadCsv } from 'mixmodeler';
import { datasetHtml, profileColumns, showDataset } from './dataset-card';

describe('datasetHtml', () => {
  it('profiles each column of records: kind, missing cells, distinct values and range', () => {
    const records = [
      { date: '2024-01-01', channel: 'tv', spend: 10 },
      { date: '2024-01-08', channel: '<b>x</b>', spend: null },
      { date: '2024-01-15', channel: 'tv', spend: 30 },
    ];
    const html = datasetHtml(records, 'media');
    expect(html).toContain('media: 3 rows × 3 columns');
    expect(html).toContain('&#60;b&#62;x&#60;/b&#62;');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('Missing cells in spend (1)');
    const [date, channel, spend] = profileColumns(
      loadCsv('date,channel,spend\n2024-01-01,tv,\n2024-01-08,tv,5', { source: 'a.csv' }),
    );
    expect(date).toMatchObject({ kind: 'date', min: '2024-01-01', max: '2024-01-08', missing: 0 });
    expect(channel).toMatchObject({ kind: 'text', distinct: 1 });
    expect(spend).toMatchObject({ filled: 1, missing: 1 });
  });

  it('takes an arquero table and a danfojs-shaped frame alike, and names the first rows as the user counts them', () => {
    const at = datasetHtml(table({ date: ['2024-01-01', '2024-01-08'], spend: [1, 2] }), 'arquero');
    const df = datasetHtml(
      {
        columns: ['date', 'spend'],
        values: [
          ['2024-01-01', 1],
          ['2024-01-08', 2],
        ],
      },
      'danfo',
    );
    for (const html of [at, df]) {
      expect(html).toContain('2 rows × 2 columns');
      expect(html).toMatch(/<th scope="row">1<\/th><td>2024-01-01<\/td><td>1<\/td>/);
    }
    const csv = datasetHtml(loadCsv('date,spend\n2024-01-01,1', { source: 'spend.csv' }));
    expect(csv).toMatch(/<th scope="row">2<\/th>/); // row 2 of the file: the header is row 1
    const sent: string[] = [];
    showDataset([{ a: 1 }], 'x', { raw: (mime) => sent.push(mime) });
    expect(sent).toEqual(['text/html']);
  });
});
