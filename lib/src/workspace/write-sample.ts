import { join } from 'node:path';
import { from, toCSV } from 'arquero';
import { writeFileAtomic } from '../fs/atomic-write';
import { generateSample, type SampleData } from '../synth/sample';

/** The files `writeSample` produces, by dataset kind. */
export const SAMPLE_FILES = {
  summary: 'summary.csv',
  conversions: 'conversions.csv',
  factors: 'factors.csv',
  events: 'events.csv',
  truth: 'truth.json',
} as const;

/**
 * Rows of records as CSV text with a header from the first row's keys, written by arquero's `toCSV`:
 * a cell holding a comma, quote or line break is quoted with its quotes doubled, null and undefined
 * are empty cells, a Date is its ISO form in UTC; every line ends with `\n`. No rows give ''.
 *
 * @example toCsv([{ a: 'x,y', b: 1 }]) // 'a,b\n"x,y",1\n'
 */
export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  return toCSV(from(rows, Object.keys(rows[0]!)));
}

/**
 * Writes the built-in example into `dir` as canonical CSVs (summary long, conversions, factors long,
 * events) and its true parameters as truth.json, each file atomically.
 *
 * @returns the paths written, by kind
 * @example writeSample('sample-data')
 */
export function writeSample(
  dir: string,
  sample: SampleData = generateSample(),
): Record<keyof typeof SAMPLE_FILES, string> {
  const paths = Object.fromEntries(Object.entries(SAMPLE_FILES).map(([k, f]) => [k, join(dir, f)])) as Record<
    keyof typeof SAMPLE_FILES,
    string
  >;
  writeFileAtomic(paths.summary, toCsv(sample.summary));
  writeFileAtomic(paths.conversions, toCsv(sample.conversions));
  writeFileAtomic(paths.factors, toCsv(sample.factors));
  writeFileAtomic(paths.events, toCsv(sample.events));
  writeFileAtomic(paths.truth, JSON.stringify(sample.truth, null, 2) + '\n');
  return paths;
}
