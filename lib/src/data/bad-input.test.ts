import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError, show } from '../errors';
import type { Frame } from './frame';
import { importDataset } from './import-dataset';
import { loadCsv } from './load-csv';
import { loadJson, loadNdjson } from './load-json';

type Format = 'csv' | 'json' | 'ndjson';
type Kind = 'summary' | 'events' | 'conversions' | 'factors' | 'population';

/** A hash of every file under a folder (paths and bytes), to show a failed import wrote nothing. */
function checksum(dir: string): string {
  const hash = createHash('sha256');
  if (!existsSync(dir)) return 'none';
  const files = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const f of files) hash.update(relative(dir, f)).update('\0').update(readFileSync(f)).update('\0');
  return `${files.length} files ${hash.digest('hex')}`;
}

function load(format: Format, text: string): Frame {
  const source = `x.${format}`;
  if (format === 'csv') return loadCsv(text, { source });
  return format === 'json' ? loadJson(text, { source }) : loadNdjson(text, { source });
}

// Deterministic bytes that are not text (a linear congruential generator, so a failure reproduces).
function randomBytes(n: number, seed: number): string {
  let s = seed;
  const bytes = Buffer.alloc(n).map(() => ((s = (s * 1103515245 + 12345) % 2 ** 31), s >> 23));
  return Buffer.from(bytes).toString('utf8');
}

const SUMMARY =
  'date,channel,spend,impressions\n2024-01-01,tv,100,1000\n2024-01-08,tv,120,1100\n2024-01-15,radio,50,500\n';
const WIDE = 'date,tv_spend,radio_spend\n2024-01-01,100,50\n2024-01-08,120,55\n2024-01-15,130,60\n';
const EVENTS =
  'user_id,timestamp,channel,event,value\nu1,2024-01-01T09:00:00Z,search,touch,\nu1,2024-01-02T10:00:00Z,search,conversion,20\nu2,2024-01-03T11:00:00Z,tv,touch,\n';
const CONVERSIONS = 'date,revenue,orders\n2024-01-01,1000,10\n2024-01-08,1200,12\n2024-01-15,900,9\n';
const FACTORS = 'date,factor,value\n2024-01-01,price,9.5\n2024-01-08,price,9.9\n2024-01-15,price,10.1\n';
const WIDE_FACTORS = 'date,holiday,price\n2024-01-01,1,9.5\n2024-01-08,0,9.9\n2024-01-15,0,10.1\n';
const POPULATION = 'geo,population\nnorth,1200000\nsouth,800000\n';
const VALID: Record<Kind, string> = {
  summary: SUMMARY,
  events: EVENTS,
  conversions: CONVERSIONS,
  factors: FACTORS,
  population: POPULATION,
};
const GEO_SUMMARY = 'date,geo,channel,spend\n2024-01-01,north,tv,100\n2024-01-01,south,tv,80\n2024-01-08,north,tv,90\n';
const GEO_SALES = 'date,geo,revenue\n2024-01-01,north,1000\n2024-01-01,south,700\n2024-01-08,north,900\n';
const GEO_FACTORS =
  'date,geo,factor,value\n2024-01-01,north,price,9\n2024-01-01,south,price,8\n2024-01-08,north,price,9\n';

/** `text` with line `n` (1 = header) replaced. */
function withLine(text: string, n: number, line: string): string {
  const lines = text.split('\n');
  lines[n - 1] = line;
  return lines.join('\n');
}

const HUGE = 'x'.repeat(1_000_000);
const CASES: [label: string, kind: Kind, format: Format, text: string, message: RegExp][] = [
  // Unbalanced quotes: at the start, in the middle, at the end; and a quote outside a quoted field.
  [
    'quote opening the header',
    'summary',
    'csv',
    '"' + SUMMARY,
    /quoted value of field 1 of the header that starts at row 1 of x\.csv is never closed/,
  ],
  [
    'quote at the start of row 2',
    'summary',
    'csv',
    withLine(SUMMARY, 2, '"2024-01-01,tv,100,1000'),
    /starts at row 2 of x\.csv is never closed/,
  ],
  [
    'quote in the middle row',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,"tv,120,1100'),
    /quoted value of `channel` \(field 2\) that starts at row 3 of x\.csv is never closed/,
  ],
  [
    'quote in the last field',
    'summary',
    'csv',
    withLine(SUMMARY, 4, '2024-01-15,radio,50,"500'),
    /`impressions` \(field 4\) that starts at row 4 of x\.csv is never closed/,
  ],
  [
    'quote in the last row, no newline',
    'summary',
    'csv',
    SUMMARY + '2024-01-22,"tv,1,1',
    /starts at row 5 of x\.csv is never closed/,
  ],
  [
    'stray quote closed by a later quote',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,"tv,120,1100').replace('radio', '"radio"'),
    /starts at row 3 of x\.csv has "r" after its closing quote \(1 line later\)/,
  ],
  [
    'text after a closing quote',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,"tv"x,120,1100'),
    /`channel` \(field 2\) that starts at row 3 of x\.csv has "x" after its closing quote/,
  ],
  [
    'quote inside an unquoted value',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,t"v,120,1100'),
    /a quote inside the unquoted value of `channel` \(field 2\) at row 3 of x\.csv/,
  ],
  [
    'quote at the end of an unquoted value',
    'summary',
    'csv',
    withLine(SUMMARY, 4, '2024-01-15,radio,50,500"'),
    /quote inside the unquoted value of `impressions` \(field 4\) at row 4/,
  ],
  [
    'unclosed quote in events',
    'events',
    'csv',
    withLine(EVENTS, 3, 'u1,"2024-01-02T10:00:00Z,search,conversion,20'),
    /`timestamp` \(field 2\) that starts at row 3 of x\.csv is never closed/,
  ],
  [
    'unclosed quote in conversions',
    'conversions',
    'csv',
    withLine(CONVERSIONS, 4, '2024-01-15,"900,9'),
    /`revenue` \(field 2\) that starts at row 4 of x\.csv is never closed/,
  ],
  [
    'unclosed quote in factors',
    'factors',
    'csv',
    withLine(FACTORS, 2, '2024-01-01,"price,9.5'),
    /`factor` \(field 2\) that starts at row 2 of x\.csv is never closed/,
  ],
  [
    'unclosed quote, 1 MB after it',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,"tv,120,1100') + '2024-02-01,tv,1,1\n'.repeat(60_000),
    /starts at row 3 of x\.csv is never closed/,
  ],
  // Ragged rows.
  [
    'one field more in row 2',
    'summary',
    'csv',
    withLine(SUMMARY, 2, '2024-01-01,tv,100,1000,7'),
    /row 2 of x\.csv has 5 fields; the header has 4/,
  ],
  [
    'one field more in the middle',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,tv,120,1100,'),
    /row 3 of x\.csv has 5 fields; the header has 4/,
  ],
  [
    'one field more in the last row',
    'summary',
    'csv',
    withLine(SUMMARY, 4, '2024-01-15,radio,50,500,1'),
    /row 4 of x\.csv has 5 fields/,
  ],
  [
    'an unquoted delimiter in a value',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,tv, national,120,1100'),
    /row 3 of x\.csv has 5 fields; the header has 4 \(a value holding the delimiter must be quoted\)/,
  ],
  [
    'one field less',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,tv,120'),
    /row 3 of x\.csv has 3 fields; the header has 4$/,
  ],
  [
    'one field only',
    'summary',
    'csv',
    withLine(SUMMARY, 4, '2024-01-15'),
    /row 4 of x\.csv has 1 field; the header has 4/,
  ],
  [
    'a blank line between rows',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '\n2024-01-08,tv,120,1100'),
    /row 3 of x\.csv is blank/,
  ],
  [
    'a quoted line break making a row ragged',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,"t\nv",120'),
    /row 3 of x\.csv \(lines 3-4: a quoted field spans lines\) has 3 fields/,
  ],
  [
    'ragged events, more',
    'events',
    'csv',
    withLine(EVENTS, 4, 'u2,2024-01-03T11:00:00Z,tv,touch,,x'),
    /row 4 of x\.csv has 6 fields; the header has 5/,
  ],
  [
    'ragged events, less',
    'events',
    'csv',
    withLine(EVENTS, 2, 'u1,2024-01-01T09:00:00Z,search,touch'),
    /row 2 of x\.csv has 4 fields; the header has 5/,
  ],
  [
    'ragged conversions',
    'conversions',
    'csv',
    withLine(CONVERSIONS, 3, '2024-01-08,1200'),
    /row 3 of x\.csv has 2 fields; the header has 3/,
  ],
  [
    'ragged factors',
    'factors',
    'csv',
    withLine(FACTORS, 4, '2024-01-15,price,10.1,extra'),
    /row 4 of x\.csv has 4 fields; the header has 3/,
  ],
  [
    'ragged with ; delimiter',
    'summary',
    'csv',
    'date;channel;spend\n2024-01-01;tv;3,5\n2024-01-08;tv;3;5\n',
    /row 3 of x\.csv has 4 fields; the header has 3/,
  ],
  [
    'ragged with tabs',
    'summary',
    'csv',
    'date\tchannel\tspend\n2024-01-01\ttv\n',
    /row 2 of x\.csv has 2 fields; the header has 3/,
  ],
  // Binary input.
  ['4 KB of random bytes', 'summary', 'csv', randomBytes(4096, 1), /x\.csv does not look like text \(CSV\)/],
  ['random bytes as events', 'events', 'csv', randomBytes(4096, 2), /x\.csv does not look like text \(CSV\)/],
  [
    '64 bytes of random bytes',
    'conversions',
    'csv',
    randomBytes(64, 3) + '\0',
    /x\.csv does not look like text \(CSV\)/,
  ],
  [
    'a NUL in a cell',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,t\0v,120,1100'),
    /x\.csv does not look like text \(CSV\): it holds a NUL character/,
  ],
  [
    'UTF-16 text read as UTF-8',
    'summary',
    'csv',
    Buffer.from(SUMMARY, 'utf16le').toString('utf8'),
    /x\.csv does not look like text \(CSV\): it holds a NUL/,
  ],
  [
    'control characters',
    'factors',
    'csv',
    'date,factor,value\n' + '\u0001\u0002\u0003\u0004,'.repeat(40),
    /x\.csv does not look like text \(CSV\): \d+% of its first/,
  ],
  [
    'replacement characters',
    'factors',
    'csv',
    'date,factor,value\n' + '\uFFFD\uFFFD,\uFFFD\n'.repeat(40),
    /does not look like text \(CSV\)/,
  ],
  ['random bytes as JSON', 'summary', 'json', randomBytes(4096, 4), /x\.json does not look like text \(JSON\)/],
  ['random bytes as NDJSON', 'events', 'ndjson', randomBytes(4096, 5), /x\.ndjson does not look like text \(NDJSON\)/],
  [
    'a NUL in JSON',
    'summary',
    'json',
    '[{"date":"2024-01-01","channel":"tv\u0000","spend":1}]',
    /x\.json does not look like text \(JSON\): it holds a NUL/,
  ],
  // Numbers that are not finite, or not numbers.
  [
    '1e309 spend',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,tv,1e309,1100'),
    /`spend` must be a finite number; got "1e309" at row 3 of x\.csv/,
  ],
  [
    '-1e309 impressions',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,tv,120,-1e309'),
    /`impressions` must be a finite number; got "-1e309" at row 3/,
  ],
  [
    'Infinity spend',
    'summary',
    'csv',
    withLine(SUMMARY, 2, '2024-01-01,tv,Infinity,1000'),
    /`spend` must be a finite number; got "Infinity" at row 2/,
  ],
  [
    '-Infinity spend',
    'summary',
    'csv',
    withLine(SUMMARY, 2, '2024-01-01,tv,-Infinity,1000'),
    /`spend` must be a finite number; got "-Infinity" at row 2/,
  ],
  [
    'NaN spend',
    'summary',
    'csv',
    withLine(SUMMARY, 4, '2024-01-15,radio,NaN,500'),
    /`spend` must be a finite number; got "NaN" at row 4/,
  ],
  [
    'inf spend',
    'summary',
    'csv',
    withLine(SUMMARY, 4, '2024-01-15,radio,inf,500'),
    /`spend` must be a finite number; got "inf" at row 4/,
  ],
  [
    '1e309 in a wide summary',
    'summary',
    'csv',
    withLine(WIDE, 3, '2024-01-08,1e309,55'),
    /`tv_spend` must be a finite number; got "1e309" at row 3/,
  ],
  [
    '1e309 revenue',
    'conversions',
    'csv',
    withLine(CONVERSIONS, 3, '2024-01-08,1e309,12'),
    /`revenue` must be a finite number; got "1e309" at row 3/,
  ],
  [
    '-1e309 revenue',
    'conversions',
    'csv',
    withLine(CONVERSIONS, 2, '2024-01-01,-1e309,10'),
    /`revenue` must be a finite number; got "-1e309" at row 2/,
  ],
  [
    'NaN orders',
    'conversions',
    'csv',
    withLine(CONVERSIONS, 4, '2024-01-15,900,NaN'),
    /`orders` must be a finite number; got "NaN" at row 4/,
  ],
  [
    'Infinity factor value',
    'factors',
    'csv',
    withLine(FACTORS, 3, '2024-01-08,price,Infinity'),
    /`value` must be a finite number; got "Infinity" at row 3/,
  ],
  [
    '1e309 wide factor',
    'factors',
    'csv',
    withLine(WIDE_FACTORS, 2, '2024-01-01,1,1e309'),
    /`price` must be a finite number; got "1e309" at row 2/,
  ],
  [
    '1e309 conversion value',
    'events',
    'csv',
    withLine(EVENTS, 3, 'u1,2024-01-02T10:00:00Z,search,conversion,1e309'),
    /`value` must be a finite number; got "1e309" at row 3/,
  ],
  [
    'NaN conversion value',
    'events',
    'csv',
    withLine(EVENTS, 3, 'u1,2024-01-02T10:00:00Z,search,conversion,NaN'),
    /`value` must be a finite number; got "NaN" at row 3/,
  ],
  [
    '1e309 with decimal commas',
    'summary',
    'csv',
    'date;channel;spend\n2024-01-01;tv;3,5\n2024-01-08;tv;1e309\n',
    /`spend` must be a finite number; got "1e309" at row 3/,
  ],
  [
    'text spend',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,tv,lots,1100'),
    /`spend` must be a number; got "lots" at row 3/,
  ],
  [
    'spend with a currency',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,tv,12 €,1100'),
    /`spend` must be a number; got "12 €" at row 3/,
  ],
  [
    'decimal comma in a , file',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,tv,"1,5",1100'),
    /`spend` must be a number; got "1,5" at row 3/,
  ],
  [
    'negative spend',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,tv,-5,1100'),
    /`spend` must be a non-negative number; got -5 at row 3/,
  ],
  [
    'text revenue',
    'conversions',
    'csv',
    withLine(CONVERSIONS, 2, '2024-01-01,n/a,10'),
    /`revenue` must be a number; got "n\/a" at row 2/,
  ],
  [
    'text factor value',
    'factors',
    'csv',
    withLine(FACTORS, 2, '2024-01-01,price,cheap'),
    /`value` must be a number; got "cheap" at row 2/,
  ],
  [
    'text conversion value',
    'events',
    'csv',
    withLine(EVENTS, 3, 'u1,2024-01-02T10:00:00Z,search,conversion,abc'),
    /`value` must be a number; got "abc" at row 3/,
  ],
  [
    'JSON 1e309 spend',
    'summary',
    'json',
    '[{"date":"2024-01-01","channel":"tv","spend":1},{"date":"2024-01-08","channel":"tv","spend":1e309}]',
    /`spend` must be a finite number; got Infinity at row 2 of x\.json/,
  ],
  [
    'JSON -1e309 revenue',
    'conversions',
    'json',
    '[{"date":"2024-01-01","revenue":-1e309}]',
    /`revenue` must be a finite number; got -Infinity at row 1 of x\.json/,
  ],
  [
    'JSON "NaN" factor',
    'factors',
    'json',
    '[{"date":"2024-01-01","factor":"price","value":"NaN"}]',
    /`value` must be a finite number; got "NaN" at row 1/,
  ],
  [
    'JSON object as a number',
    'summary',
    'json',
    '[{"date":"2024-01-01","channel":"tv","spend":{"amount":5}}]',
    /`spend` must be a number; got \{"amount":5\} at row 1/,
  ],
  [
    'JSON array as a number',
    'conversions',
    'json',
    '{"date":["2024-01-01"],"revenue":[[1,2]]}',
    /`revenue` must be a number; got \[1,2\] at row 1/,
  ],
  [
    'NDJSON 1e309',
    'summary',
    'ndjson',
    '{"date":"2024-01-01","channel":"tv","spend":1}\n{"date":"2024-01-08","channel":"tv","spend":1e309}\n',
    /`spend` must be a finite number; got Infinity at row 2 of x\.ndjson/,
  ],
  [
    'NDJSON Infinity text',
    'conversions',
    'ndjson',
    '{"date":"2024-01-01","revenue":"Infinity"}\n',
    /`revenue` must be a finite number; got "Infinity" at row 1/,
  ],
  // Mixed date formats.
  [
    'one US date in an ISO column',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '03/01/2022,tv,120,1100'),
    /`date` must have one date format throughout; got "03\/01\/2022" \(mm\/dd\/yyyy\) at row 3 of x\.csv, but the column is yyyy-mm-dd from row 2/,
  ],
  [
    'a slashed ISO date in an ISO column',
    'summary',
    'csv',
    withLine(SUMMARY, 4, '2024/01/15,radio,50,500'),
    /got "2024\/01\/15" \(yyyy\/mm\/dd\) at row 4 of x\.csv, but the column is yyyy-mm-dd/,
  ],
  [
    'a compact date in an ISO column',
    'conversions',
    'csv',
    withLine(CONVERSIONS, 3, '20240108,1200,12'),
    /got "20240108" \(yyyymmdd\) at row 3/,
  ],
  [
    'an ISO date in a compact column',
    'conversions',
    'csv',
    'date,revenue\n20240101,1\n2024-01-08,2\n',
    /got "2024-01-08" \(yyyy-mm-dd\) at row 3 of x\.csv, but the column is yyyymmdd/,
  ],
  [
    'an ISO date in a d/m/y column',
    'conversions',
    'csv',
    'date,revenue\n25/01/2024,1\n2024-02-01,2\n',
    /got "2024-02-01" \(yyyy-mm-dd\) at row 3 of x\.csv, but the column is dd\/mm\/yyyy/,
  ],
  [
    'a month name in an ISO column',
    'factors',
    'csv',
    withLine(FACTORS, 4, 'Jan 15 2024,price,10.1'),
    /got "Jan 15 2024" \(mon d, yyyy\) at row 4 of x\.csv, but the column is yyyy-mm-dd/,
  ],
  [
    'Jan 15, 2024 in an ISO column',
    'factors',
    'csv',
    withLine(FACTORS, 4, '"Jan 15, 2024",price,10.1'),
    /got "Jan 15, 2024" \(mon d, yyyy\) at row 4/,
  ],
  [
    '15 Jan 2024 in an ISO column',
    'factors',
    'csv',
    withLine(WIDE_FACTORS, 4, '15 Jan 2024,0,10.1'),
    /got "15 Jan 2024" \(d mon yyyy\) at row 4/,
  ],
  [
    'a dotted date in a slashed column',
    'summary',
    'csv',
    'date,tv_spend\n25/01/2024,1\n01.02.2024,2\n',
    /got "01\.02\.2024" \(dd\.mm\.yyyy\) at row 3 of x\.csv, but the column is dd\/mm\/yyyy/,
  ],
  [
    'a US date in an ISO timestamp column',
    'events',
    'csv',
    withLine(EVENTS, 4, 'u2,01/03/2024 11:00,tv,touch,'),
    /`timestamp` must have one date format throughout; got "01\/03\/2024 11:00" \(mm\/dd\/yyyy\) at row 4/,
  ],
  [
    'a slashed timestamp among ISO',
    'events',
    'csv',
    withLine(EVENTS, 3, 'u1,2024/01/02 10:00,search,conversion,20'),
    /`timestamp` must have one date format.*at row 3/,
  ],
  [
    'JSON mixed dates',
    'summary',
    'json',
    '[{"date":"2024-01-01","channel":"tv","spend":1},{"date":"01/08/2024","channel":"tv","spend":2}]',
    /got "01\/08\/2024" \(mm\/dd\/yyyy\) at row 2 of x\.json, but the column is yyyy-mm-dd from row 1/,
  ],
  [
    'JSON epoch ms among ISO',
    'conversions',
    'json',
    '[{"date":"2024-01-01","revenue":1},{"date":1704672000000,"revenue":2}]',
    /got 1704672000000 \(epoch milliseconds\) at row 2/,
  ],
  [
    'NDJSON mixed dates',
    'factors',
    'ndjson',
    '{"date":"2024-01-01","price":1}\n{"date":"20240108","price":2}\n',
    /got "20240108" \(yyyymmdd\) at row 2 of x\.ndjson/,
  ],
  // Impossible dates and missing ones.
  [
    '2024-02-30',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-02-30,tv,120,1100'),
    /`date` must be a date such as 2024-01-31; got "2024-02-30" at row 3 of x\.csv/,
  ],
  [
    '2023-02-29',
    'conversions',
    'csv',
    withLine(CONVERSIONS, 3, '2023-02-29,1200,12'),
    /`date` must be a date.*got "2023-02-29" at row 3/,
  ],
  [
    'month 13',
    'factors',
    'csv',
    withLine(FACTORS, 2, '2024-13-01,price,9.5'),
    /`date` must be a date.*got "2024-13-01" at row 2/,
  ],
  [
    'month 0',
    'summary',
    'csv',
    withLine(WIDE, 2, '2024-00-10,100,50'),
    /`date` must be a date.*got "2024-00-10" at row 2/,
  ],
  [
    'day 32',
    'summary',
    'csv',
    withLine(SUMMARY, 4, '2024-01-32,radio,50,500'),
    /`date` must be a date.*got "2024-01-32" at row 4/,
  ],
  [
    'a word as a date',
    'conversions',
    'csv',
    withLine(CONVERSIONS, 2, 'yesterday,1000,10'),
    /`date` must be a date.*got "yesterday" at row 2/,
  ],
  ['an empty date', 'summary', 'csv', withLine(SUMMARY, 3, ',tv,120,1100'), /`date` must be a date.*got "" at row 3/],
  [
    'a date with garbage after it',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08 soon,tv,120,1100'),
    /`date` must be a date.*got "2024-01-08 soon" at row 3/,
  ],
  [
    'an impossible timestamp',
    'events',
    'csv',
    withLine(EVENTS, 4, 'u2,2024-02-30T11:00:00Z,tv,touch,'),
    /`timestamp` must be a date.*got "2024-02-30T11:00:00Z" at row 4/,
  ],
  [
    'a word for the time of a timestamp',
    'events',
    'csv',
    withLine(EVENTS, 4, 'u2,2024-01-03Tnoon,tv,touch,'),
    /`timestamp` must be a date.*at row 4/,
  ],
  [
    'JSON impossible date',
    'factors',
    'json',
    '[{"date":"2024-02-30","factor":"price","value":1}]',
    /`date` must be a date.*got "2024-02-30" at row 1 of x\.json/,
  ],
  ['JSON null date', 'conversions', 'json', '[{"date":null,"revenue":1}]', /`date` must be a date.*got "" at row 1/],
  [
    'JSON boolean date',
    'conversions',
    'json',
    '[{"date":true,"revenue":1}]',
    /`date` must be a date.*got true at row 1/,
  ],
  // Empty ids, channels, factors; bad event kinds.
  [
    'an empty user_id',
    'events',
    'csv',
    withLine(EVENTS, 3, ',2024-01-02T10:00:00Z,search,conversion,20'),
    /`user_id` must not be empty; got "" at row 3 of x\.csv/,
  ],
  [
    'a blank user_id',
    'events',
    'csv',
    withLine(EVENTS, 4, '  ,2024-01-03T11:00:00Z,tv,touch,'),
    /`user_id` must not be empty; got " {2}" at row 4/,
  ],
  [
    'an empty journey_id',
    'events',
    'csv',
    'journey_id,timestamp,channel,event\nj1,2024-01-01,tv,touch\n,2024-01-02,tv,touch\n',
    /`journey_id` must not be empty; got "" at row 3/,
  ],
  [
    'a touch without a channel',
    'events',
    'csv',
    withLine(EVENTS, 4, 'u2,2024-01-03T11:00:00Z,,touch,'),
    /`channel` must name a channel on a touch \(only a conversion may have none\); got "" at row 4/,
  ],
  [
    'a touch on (none)',
    'events',
    'csv',
    withLine(EVENTS, 2, 'u1,2024-01-01T09:00:00Z,(none),touch,'),
    /`channel` must name a channel on a touch.*got "\(none\)" at row 2/,
  ],
  [
    'event click',
    'events',
    'csv',
    withLine(EVENTS, 4, 'u2,2024-01-03T11:00:00Z,tv,click,'),
    /`event` must be touch or conversion; got "click" at row 4 of x\.csv/,
  ],
  [
    'an empty event',
    'events',
    'csv',
    withLine(EVENTS, 4, 'u2,2024-01-03T11:00:00Z,tv,,'),
    /`event` must be touch or conversion; got null at row 4/,
  ],
  [
    'event touches',
    'events',
    'csv',
    withLine(EVENTS, 2, 'u1,2024-01-01T09:00:00Z,search,touches,'),
    /`event` must be touch or conversion; got "touches" at row 2/,
  ],
  [
    'event purchase',
    'events',
    'csv',
    withLine(EVENTS, 3, 'u1,2024-01-02T10:00:00Z,search,purchase,20'),
    /`event` must be touch or conversion; got "purchase" at row 3/,
  ],
  [
    'JSON numeric event',
    'events',
    'json',
    '[{"user_id":"u1","timestamp":"2024-01-01","channel":"tv","event":1}]',
    /`event` must be touch or conversion; got 1 at row 1 of x\.json/,
  ],
  [
    'NDJSON empty user_id',
    'events',
    'ndjson',
    '{"user_id":"u1","timestamp":"2024-01-01","channel":"tv","event":"touch"}\n{"user_id":"","timestamp":"2024-01-02","channel":"tv","event":"touch"}\n',
    /`user_id` must not be empty; got "" at row 2 of x\.ndjson/,
  ],
  [
    'NDJSON touch without channel',
    'events',
    'ndjson',
    '{"user_id":"u1","timestamp":"2024-01-01","channel":null,"event":"touch"}\n',
    /`channel` must name a channel on a touch.*at row 1 of x\.ndjson/,
  ],
  [
    'an empty channel in a summary',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-08,,120,1100'),
    /`channel` must not be empty; got "" at row 3/,
  ],
  [
    'an empty factor name',
    'factors',
    'csv',
    withLine(FACTORS, 3, '2024-01-08,,9.9'),
    /`factor` must not be empty; got "" at row 3/,
  ],
  // Keys given twice.
  [
    'a summary key twice',
    'summary',
    'csv',
    withLine(SUMMARY, 3, '2024-01-01,tv,120,1100'),
    /`date`, `channel` must be unique; got \("2024-01-01", "tv"\) again at row 3 of x\.csv \(first at row 2\)/,
  ],
  [
    'a conversions date twice',
    'conversions',
    'csv',
    withLine(CONVERSIONS, 4, '2024-01-08,900,9'),
    /`date` must be unique; got "2024-01-08" again at row 4/,
  ],
  [
    'a factor key twice',
    'factors',
    'csv',
    withLine(FACTORS, 4, '2024-01-08,price,10.1'),
    /`date`, `factor` must be unique.*again at row 4/,
  ],
  [
    'a date twice written differently',
    'conversions',
    'csv',
    'date,revenue\n2024-01-08,1\n2024-1-8,2\n',
    /`date` must be unique; got "2024-01-08" again at row 3/,
  ],
  // Huge cells: the message quotes at most ~80 characters of them.
  [
    'a 1 MB spend',
    'summary',
    'csv',
    withLine(SUMMARY, 3, `2024-01-08,tv,${HUGE},1100`),
    /`spend` must be a number; got "x{80}"… \(1000000 characters\) at row 3/,
  ],
  [
    'a 1 MB quoted date',
    'summary',
    'csv',
    withLine(SUMMARY, 3, `"${HUGE}",tv,120,1100`),
    /`date` must be a date.*got "x{80}"… \(1000000 characters\) at row 3/,
  ],
  [
    'a 1 MB event',
    'events',
    'csv',
    withLine(EVENTS, 3, `u1,2024-01-02T10:00:00Z,search,${HUGE},20`),
    /`event` must be touch or conversion; got "x{80}"… \(1000000 characters\) at row 3/,
  ],
  [
    'a 1 MB header name',
    'summary',
    'csv',
    `date,channel,${HUGE}\n2024-01-01,tv,lots\n`,
    /`x{80}…` must be a number; got "lots" at row 2/,
  ],
  [
    'a 1 MB JSON value',
    'conversions',
    'json',
    `[{"date":"2024-01-01","revenue":"${HUGE}"}]`,
    /`revenue` must be a number; got "x{80}"… \(1000000 characters\) at row 1/,
  ],
  [
    'a 1 MB NDJSON line that is not JSON',
    'factors',
    'ndjson',
    `{"date":"2024-01-01","price":${HUGE}}\n`,
    /x\.ndjson: line 1 is not valid JSON/,
  ],
  [
    'a 1 MB channel given twice',
    'summary',
    'csv',
    `date,channel,spend\n2024-01-01,${HUGE},1\n2024-01-01,${HUGE},2\n`,
    /`date`, `channel` must be unique; got \("2024-01-01", "x{80}"… \(1000000 characters\)\) again at row 3/,
  ],
  // Headers and shapes.
  ['an empty CSV', 'summary', 'csv', '', /x\.csv is empty/],
  ['a header only', 'conversions', 'csv', 'date,revenue\n', /x\.csv has a header but no data rows/],
  [
    'a column twice',
    'summary',
    'csv',
    'date,channel,spend,spend\n2024-01-01,tv,1,2\n',
    /x\.csv: column "spend" appears twice in the header/,
  ],
  ['invalid JSON', 'summary', 'json', '[{"date":"2024-01-01",', /x\.json is not valid JSON/],
  ['JSON that is a number', 'summary', 'json', '42', /x\.json: input must be records/],
  ['JSON records that are not objects', 'conversions', 'json', '[1, 2]', /x\.json: record 1 must be an object; got 1/],
  ['an empty JSON array', 'factors', 'json', '[]', /x\.json is empty/],
  [
    'JSON columns of different lengths',
    'conversions',
    'json',
    '{"date":["2024-01-01","2024-01-08"],"revenue":[1]}',
    /column `revenue` must have 2 values like the first column; got 1/,
  ],
  [
    'an NDJSON line that is an array',
    'events',
    'ndjson',
    '{"user_id":"u1"}\n[1,2]\n',
    /x\.ndjson: line 2 must be a JSON object/,
  ],
  [
    'an NDJSON line cut short',
    'summary',
    'ndjson',
    '{"date":"2024-01-01","channel":"tv","spend":1}\n{"date":"2024-01-08",\n',
    /x\.ndjson: line 2 is not valid JSON/,
  ],
  ['an empty NDJSON', 'summary', 'ndjson', '\n\n', /x\.ndjson is empty/],
  // Geo data (issue 21): keys per date × geo × channel, and a file is national or per geo, not both.
  [
    'a date × geo × channel given twice',
    'summary',
    'csv',
    GEO_SUMMARY + '2024-01-01,south,tv,5\n',
    /`date`, `geo`, `channel` must be unique; got \("2024-01-01", "south", "tv"\) again at row 5 of x\.csv \(first at row 3\)/,
  ],
  [
    'a date × geo given twice in a wide summary',
    'summary',
    'csv',
    'date,geo,tv_spend\n2024-01-01,north,1\n2024-01-01,north,2\n',
    /`date`, `geo` must be unique; got \("2024-01-01", "north"\) again at row 3 of x\.csv/,
  ],
  [
    'a date × geo given twice in conversions',
    'conversions',
    'csv',
    GEO_SALES + '2024-01-08,north,5\n',
    /`date`, `geo` must be unique; got \("2024-01-08", "north"\) again at row 5 of x\.csv \(first at row 4\)/,
  ],
  [
    'a date × geo × factor given twice',
    'factors',
    'csv',
    GEO_FACTORS + '2024-01-01,south,price,7\n',
    /`date`, `geo`, `factor` must be unique; got \("2024-01-01", "south", "price"\) again at row 5 of x\.csv/,
  ],
  [
    'a summary row without a geo among geo rows',
    'summary',
    'csv',
    withLine(GEO_SUMMARY, 3, '2024-01-01,,tv,80'),
    /`geo` must be given on every row or on none .*; got "" at row 3 of x\.csv, but row 2 has "north"/,
  ],
  [
    'a conversions row without a geo after geo rows',
    'conversions',
    'csv',
    GEO_SALES + '2024-01-08,  ,950\n',
    /`geo` must be given on every row or on none .*; got " {2}" at row 5 of x\.csv, but row 2 has "north"/,
  ],
  [
    'national factor rows before geo rows',
    'factors',
    'csv',
    'date,geo,factor,value\n2024-01-01,,holiday,1\n2024-01-01,north,price,9\n',
    /`geo` must be given on every row or on none .*; got "" at row 2 of x\.csv, but row 3 has "north"/,
  ],
  [
    'a JSON record whose geo is null among geo records',
    'summary',
    'json',
    '[{"date":"2024-01-01","geo":"north","channel":"tv","spend":1},{"date":"2024-01-01","geo":null,"channel":"tv","spend":2}]',
    /`geo` must be given on every row or on none .*; got "" at row 2 of x\.json, but row 1 has "north"/,
  ],
  [
    'a population without a geo',
    'population',
    'csv',
    POPULATION + ',5000\n',
    /`geo` must not be empty; got "" at row 4 of x\.csv/,
  ],
  [
    'a geo given two populations',
    'population',
    'csv',
    POPULATION + 'north,3\n',
    /`geo` must be unique; got "north" again at row 4 of x\.csv \(first at row 2\)/,
  ],
  [
    'a population of zero',
    'population',
    'csv',
    POPULATION + 'east,0\n',
    /`population` must be a number > 0; got "0" at row 4 of x\.csv/,
  ],
  [
    'an empty population',
    'population',
    'csv',
    POPULATION + 'east,\n',
    /`population` must be a number > 0; got "" at row 4 of x\.csv/,
  ],
  [
    'a population that is text',
    'population',
    'csv',
    POPULATION + 'east,many\n',
    /`population` must be a number; got "many" at row 4/,
  ],
];

describe('bad input: every malformed file is refused with an InputError and leaves the workspace unchanged', () => {
  const ws = join(mkdtempSync(join(tmpdir(), 'mm-bad-')), 'ws');
  let before = '';
  beforeAll(() => {
    for (const [kind, text] of Object.entries(VALID)) {
      importDataset(loadCsv(text, { source: `${kind}.csv` }), { kind, name: kind, workspace: ws });
    }
    before = checksum(ws);
  });

  it('has at least 100 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
    // Four stored datasets (a manifest and a CSV each) for the failed imports to leave alone.
    expect(Number(before.split(' ')[0])).toBeGreaterThanOrEqual(8);
  });

  it.each(CASES)(
    'importDataset(%s as %s %s) throws E_INPUT naming the row or field',
    (_, kind, format, text, message) => {
      let err: unknown;
      try {
        // Under the name of the stored dataset of that kind: a failed import must not replace it.
        importDataset(load(format, text), { kind, name: kind, workspace: ws });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).code).toBe('E_INPUT');
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message.length).toBeLessThan(400);
      expect(checksum(ws)).toBe(before);
    },
  );
});

describe('good input still loads', () => {
  it('loadCsv(quoted fields, doubled quotes, line breaks, BOM, \\r\\n, trailing newline) imports', () => {
    const ws = join(mkdtempSync(join(tmpdir(), 'mm-good-')), 'ws');
    const text = '\uFEFFdate,channel,spend\r\n"2024-01-01","tv ""national""",5\r\n2024-01-08,"radio\nlocal",3\r\n\r\n';
    const info = importDataset(loadCsv(text, { source: 'q.csv' }), { kind: 'summary', name: 'q', workspace: ws });
    expect(info).toMatchObject({ rows: 2, channels: ['radio\nlocal', 'tv "national"'], from: '2024-01-01' });
  });

  it('importDataset(events whose conversions have no channel) imports them under (none)', () => {
    const ws = join(mkdtempSync(join(tmpdir(), 'mm-good-')), 'ws');
    const text = 'user_id,timestamp,channel,event,value\nu1,2024-01-01,tv,touch,\nu1,2024-01-02,,conversion,9\n';
    const info = importDataset(loadCsv(text, { source: 'ga.csv' }), { kind: 'events', name: 'ga', workspace: ws });
    expect(info).toMatchObject({ validated: true, channels: ['(none)', 'tv'], rows: 2 });
  });

  it('show(value) of a 1 MB string is under 120 characters and names the length', () => {
    expect(show(HUGE).length).toBeLessThan(120);
    expect(show(HUGE)).toMatch(/… \(1000000 characters\)$/);
    expect(show({ a: HUGE }).length).toBeLessThan(120);
    expect(show('short')).toBe('"short"');
  });
});
