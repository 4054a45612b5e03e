import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDataset } from '../data/import-dataset';
import { loadCsv } from '../data/load-csv';
import { InputError } from '../errors';
import { dateOfDay, dayNumber } from '../math/calendar';
import { harmonize } from './harmonize-workspace';

const mondays = (n: number, from = '2024-01-01') =>
  Array.from({ length: n }, (_, t) => dateOfDay(dayNumber(from) + 7 * t));
const WEEKS = mondays(52);

/** CSV text of a long geo table: `date,geo,<rest>` with one row per date × geo × rest. */
function geoCsv(header: string, geos: readonly string[], rest: readonly string[], dates = WEEKS): string {
  const lines = dates.flatMap((d) => geos.flatMap((g) => rest.map((r) => `${d},${g},${r}`)));
  return `date,geo,${header}\n${lines.join('\n')}\n`;
}
const SPEND = geoCsv('channel,spend', ['north', 'south'], ['tv,10', 'radio,2']);
const SALES = geoCsv('revenue', ['north', 'south'], ['100']);

/** A hash of every file under the harmonized folder, to show a refused harmonize wrote nothing. */
function harmonizedFiles(ws: string): string {
  const dir = join(ws, 'harmonized');
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort()) hash.update(f).update(readFileSync(join(dir, f)));
  return hash.digest('hex');
}

/**
 * A workspace harmonized once from a good geo panel, then the datasets replaced by `files` (name →
 * [kind, CSV text]); harmonize must refuse them with `message` and leave the harmonized files as they were.
 */
function refused(files: Record<string, [kind: string, text: string]>, message: RegExp): void {
  const ws = join(mkdtempSync(join(tmpdir(), 'mm-geo-bad-')), 'ws');
  const put = (name: string, kind: string, text: string) =>
    importDataset(loadCsv(text, { source: `${name}.csv` }), { kind, name, workspace: ws });
  put('media', 'summary', SPEND);
  put('sales', 'conversions', SALES);
  harmonize({ workspace: ws });
  const before = harmonizedFiles(ws);
  rmSync(join(ws, 'datasets'), { recursive: true });
  for (const [name, [kind, text]] of Object.entries(files)) put(name, kind, text);
  let err: unknown;
  try {
    harmonize({ workspace: ws });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).code).toBe('E_INPUT');
  expect((err as Error).message).toMatch(message);
  expect(harmonizedFiles(ws)).toBe(before);
}

describe('harmonize refuses a geo panel it cannot keep, naming file, row and geo, and writes nothing', () => {
  it.each([
    [
      'a geo in the conversions but not in the spend',
      { media: ['summary', SPEND], sales: ['conversions', SALES + `${WEEKS[0]},west,50\n`] },
      /geo "west" is in the conversions data \(row 106 of sales\.csv\) but not in the spend data \(media\.csv\)/,
    ],
    [
      'a geo in the spend but not in the conversions',
      { media: ['summary', SPEND], sales: ['conversions', geoCsv('revenue', ['north'], ['100'])] },
      /geo "south" is in the spend data \(row 4 of media\.csv\) but not in the conversions data \(sales\.csv\)/,
    ],
    [
      'national conversions beside geo spend',
      { media: ['summary', SPEND], sales: ['conversions', `date,revenue\n${WEEKS.map((d) => `${d},5`).join('\n')}\n`] },
      /the conversions data are national \(sales\.csv has no `geo`\) but the spend data are per geo \("north" at row 2 of media\.csv\)/,
    ],
    [
      'a national spend file beside a geo spend file',
      {
        media: ['summary', SPEND],
        tv: ['summary', `date,channel,spend\n${WEEKS[3]},print,4\n`],
        sales: ['conversions', SALES],
      },
      /national rows \(no `geo`, row 2 of tv\.csv\) beside geo rows \("north" at row 2 of media\.csv\) in the spend data/,
    ],
    [
      'national event data beside geo spend',
      {
        media: ['summary', SPEND],
        sales: ['conversions', SALES],
        web: ['events', 'user_id,timestamp,channel,event\nu1,2024-01-02T10:00:00Z,search,touch\n'],
      },
      /national rows \(no `geo`, row 2 of web\.csv\) beside geo rows .* give the event data a `geo` column too \(web\.csv has none\)/,
    ],
    [
      'a geo with less than a year of data',
      {
        media: [
          'summary',
          SPEND + geoCsv('channel,spend', ['east'], ['tv,1'], mondays(30, '2024-06-03')).replace(/^.*\n/, ''),
        ],
        sales: [
          'conversions',
          SALES + geoCsv('revenue', ['east'], ['9'], mondays(30, '2024-06-03')).replace(/^.*\n/, ''),
        ],
      },
      /geo "east" has less than a year of data: 2024-06-03 \(row 210 of media\.csv\) to 2024-12-23 \(row 239 of media\.csv\), 30 weeks; each geo needs at least 52 weeks/,
    ],
    [
      'a geo factor whose geo has no data',
      {
        media: ['summary', SPEND],
        sales: ['conversions', SALES],
        prices: ['factors', geoCsv('factor,value', ['north', 'mars'], ['price,3'])],
      },
      /geo "mars" is in the factors \(row 3 of prices\.csv\) but has no spend or conversions/,
    ],
    [
      'a geo without a population',
      { media: ['summary', SPEND], sales: ['conversions', SALES], pop: ['population', 'geo,population\nnorth,100\n'] },
      /geo "south" \(row 4 of media\.csv\) has no population in pop\.csv; give every geo one, or none/,
    ],
    [
      'a geo with a population in two tables',
      {
        media: ['summary', SPEND],
        sales: ['conversions', SALES],
        pop: ['population', 'geo,population\nnorth,100\nsouth,50\n'],
        more: ['population', 'geo,population\nsouth,60\n'],
      },
      /geo "south" has a population at row 2 of more\.csv \(dataset more\) and again at row 3 of pop\.csv \(dataset pop\)/,
    ],
    [
      'populations for national data',
      {
        media: ['summary', `date,channel,spend\n${WEEKS.map((d) => `${d},tv,1`).join('\n')}\n`],
        sales: ['conversions', `date,revenue\n${WEEKS.map((d) => `${d},5`).join('\n')}\n`],
        pop: ['population', 'geo,population\nnorth,100\n'],
      },
      /pop\.csv gives populations per geo, but no summary, conversions or factors have a `geo` column/,
    ],
  ] as [string, Record<string, [string, string]>, RegExp][])('harmonize(%s) throws E_INPUT', (_, files, message) =>
    refused(files, message),
  );

  it('a full year per geo passes, and a national factor beside geo data is no mix', () => {
    const ws = join(mkdtempSync(join(tmpdir(), 'mm-geo-ok-')), 'ws');
    const holidays = `date,factor,value\n${WEEKS.map((d) => `${d},holiday,0`).join('\n')}\n`;
    for (const [name, kind, text] of [
      ['media', 'summary', SPEND],
      ['sales', 'conversions', SALES],
      ['holidays', 'factors', holidays],
    ] as const) {
      importDataset(loadCsv(text, { source: `${name}.csv` }), { kind, name, workspace: ws });
    }
    expect(harmonize({ workspace: ws })).toMatchObject({ geos: ['north', 'south'], periods: 52, factors: ['holiday'] });
  });
});
