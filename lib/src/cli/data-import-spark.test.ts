import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/sample-workspace';
import { readDatasets } from '../data/dataset-store';
import { sqlString, withDuckDb } from '../data/duckdb';
import { openSparkSession, type SparkSession } from '../data/spark-session';
import { sparkPython } from '../data/spark-setup';
import { readHarmonized } from '../harmonize/harmonized-store';
import { harmonize } from '../harmonize/harmonize-workspace';
import { importEventsFile } from '../harmonize/import-events-file';
import { seededRandom } from '../math/random';
import { runCaptured } from './run';

// `data import --engine spark` (issue 23): Spark aggregates Parquet events from the statement DuckDB
// runs, and the stored dataset is DuckDB's and, harmonized, the in-memory path's. One SparkSession on
// local[2] serves every case (set up by scripts/setup-spark.sh on first use).

const CHANNELS = ['search', 'social', 'tv', 'display'];
const GEOS = ['north', 'south', 'west'];
const HEADER = 'user_id,timestamp,geo,channel,event,value';

/**
 * Events of 300 users over 380 days (so every geo spans a year) in three geos, times written three ways
 * (Z, an offset, naive with a space), with the edge cases: a user with only conversions, a channel seen
 * only on conversions, conversions without a channel, an event and a channel cased and padded, touches
 * on the Sunday and Monday of a week's edge; shuffled.
 */
function eventLines(seed: number): string[] {
  const rand = seededRandom(seed);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = (day: number, hour: number, style: number) => {
    const d = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    return style === 0
      ? `${d}T${pad(hour)}:15:00Z`
      : style === 1
        ? `${d}T${pad(hour)}:15:00+02:00`
        : `${d} ${pad(hour)}:15`;
  };
  const lines: string[] = [];
  for (let u = 0; u < 300; u++) {
    const geo = GEOS[u % GEOS.length]!;
    const touches = 1 + Math.floor(rand() * 8);
    for (let t = 0; t < touches; t++) {
      const day = Math.floor(rand() * 380);
      lines.push(
        `u${u},${time(day, Math.floor(rand() * 24), t % 3)},${geo},${CHANNELS[Math.floor(rand() * 4)]},touch,`,
      );
    }
    if (rand() < 0.4) {
      const day = Math.floor(rand() * 380);
      const channel = rand() < 0.2 ? '' : CHANNELS[Math.floor(rand() * 4)];
      lines.push(`u${u},${time(day, 12, u % 3)},${geo},${channel},conversion,${(rand() * 100).toFixed(2)}`);
    }
  }
  lines.push(
    'only1,2024-03-04T10:00:00Z,north,search,conversion,12.5',
    'only1,2024-03-05T10:00:00Z,north,,conversion,3',
    'u7,2024-02-11T23:59:00,south,podcast,conversion,7',
    'u8,2024-02-12T00:01:00Z,west, tv ,Touch ,',
    'u9,2024-02-11T08:00:00Z,north,social,touch,',
  );
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  return lines;
}

let spark: SparkSession;
let dir: string;
const made: string[] = [];
const workspace = (name: string) => {
  const ws = join(dir, name);
  made.push(ws);
  return ws;
};

/** Writes the CSV as Parquet: one file, a folder of two (split at `at`), and typed (TIMESTAMPTZ, DOUBLE). */
async function writeParquet(csv: string, target: string, how: 'file' | 'folder' | 'typed', at = 0): Promise<void> {
  await withDuckDb(async (c) => {
    await c.run(`SET TimeZone = 'UTC'`);
    const all = `SELECT *, row_number() OVER () AS n FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true)`;
    const cols = 'user_id, "timestamp", geo, channel, event, value';
    if (how === 'file') await c.run(`COPY (SELECT ${cols} FROM (${all})) TO ${sqlString(target)} (FORMAT PARQUET)`);
    else if (how === 'typed') {
      await c.run(
        `COPY (SELECT user_id, CAST("timestamp" AS TIMESTAMPTZ) AS "timestamp", geo, channel, event, TRY_CAST(value AS DOUBLE) AS value
         FROM (${all})) TO ${sqlString(target)} (FORMAT PARQUET)`,
      );
    } else {
      mkdirSync(target, { recursive: true });
      await c.run(
        `COPY (SELECT ${cols} FROM (${all}) WHERE n <= ${at} ORDER BY n) TO ${sqlString(join(target, 'part-0.parquet'))} (FORMAT PARQUET)`,
      );
      await c.run(
        `COPY (SELECT ${cols} FROM (${all}) WHERE n > ${at} ORDER BY n) TO ${sqlString(join(target, 'part-1.parquet'))} (FORMAT PARQUET)`,
      );
    }
  });
}

const storedRows = (ws: string) =>
  readDatasets(ws).map((d) => ({ name: d.manifest.name, rows: d.frame.table.objects() as Record<string, unknown>[] }));
const media = (ws: string) =>
  (readHarmonized(ws)!.media.objects() as Record<string, number | string>[]).map((r) => ({
    ...r,
    value: Number(Number(r['value']).toFixed(6)),
  }));

beforeAll(async () => {
  await sparkPython({ connect: false, onProgress: (p) => console.error(p.message) });
  spark = await openSparkSession({ master: 'local[2]' });
  dir = tempDir('mm-import-spark-');
  made.push(dir);
}, 900_000);

afterAll(async () => {
  await spark?.close();
  made.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('data import --engine spark', () => {
  it('stores what DuckDB stores from the same events (a folder of Parquet files, typed Parquet), and harmonized, what the in-memory path gives', async () => {
    const lines = eventLines(5);
    const csv = join(dir, 'events.csv');
    writeFileSync(csv, `${HEADER}\n${lines.join('\n')}\n`);
    await writeParquet(csv, join(dir, 'events.parquet'), 'file');
    await writeParquet(csv, join(dir, 'events'), 'folder', 700);
    await writeParquet(csv, join(dir, 'typed.parquet'), 'typed');
    const [mem, duck, sparkWs] = [workspace('mem'), workspace('duck'), workspace('spark')];
    expect(
      (await runCaptured(['--workspace', mem, 'data', 'import', csv, '--as', 'events', '--name', 'web'])).code,
    ).toBe(0);
    const fromDuck = await importEventsFile(join(dir, 'events.parquet'), { workspace: duck, name: 'web' });
    const fromSpark = await importEventsFile(join(dir, 'events'), {
      workspace: sparkWs,
      name: 'web',
      engine: 'spark',
      session: spark,
    });
    // The same stored aggregates, per day, geo and channel (values summed in another order: to 1e-9).
    const [a, b] = [storedRows(sparkWs)[0]!.rows, storedRows(duck)[0]!.rows];
    expect(a.length).toBe(b.length);
    expect(a.length).toBeGreaterThan(1000);
    a.forEach((r, i) => {
      expect({ ...r, value: 0 }).toEqual({ ...b[i]!, value: 0 });
      expect(Number(r['value'])).toBeCloseTo(Number(b[i]!['value']), 9);
    });
    expect(Object.keys(a[0]!)).toEqual(['date', 'geo', 'channel', 'touches', 'conversions', 'value']);
    expect(fromSpark).toMatchObject({
      kind: 'events',
      aggregated: true,
      geos: GEOS.slice().sort(),
      rows: fromDuck.rows,
    });
    expect(fromSpark.channels).toEqual(fromDuck.channels);
    // No copy of the events: they stay where Spark read them.
    expect(readDatasets(sparkWs)[0]!.manifest.events).toBeUndefined();
    // The warnings, from the same checks: the user with only conversions, the channel only on conversions.
    const words = (w: string[]) => w.map((x) => x.replace(/^[^:]+: /, ''));
    expect(words(fromSpark.warnings)).toEqual(words(fromDuck.warnings));
    expect(fromSpark.warnings.join('\n')).toMatch(/^events: 1 users have conversions \(2\) but no touch at all/m);
    expect(fromSpark.warnings.join('\n')).toMatch(
      /channel "podcast" in column `channel` appears only on conversions \(1\)/,
    );
    // Harmonized by week and by day, the three paths give the same media table.
    for (const grain of ['week', 'day'] as const) {
      for (const ws of [mem, duck, sparkWs]) harmonize({ workspace: ws, grain });
      expect(media(sparkWs)).toEqual(media(mem));
      expect(media(duck)).toEqual(media(mem));
    }
    // Typed Parquet (TIMESTAMPTZ, DOUBLE) read as typed on both engines: the same rows and warnings.
    const [typedDuck, typedSpark] = [workspace('typed-duck'), workspace('typed-spark')];
    const t1 = await importEventsFile(join(dir, 'typed.parquet'), { workspace: typedDuck });
    const t2 = await importEventsFile(join(dir, 'typed.parquet'), {
      workspace: typedSpark,
      engine: 'spark',
      session: spark,
    });
    expect(t2.warnings).toEqual(t1.warnings);
    const [ta, tb] = [storedRows(typedSpark)[0]!.rows, storedRows(typedDuck)[0]!.rows];
    expect(ta.map((r) => ({ ...r, value: Number(Number(r['value']).toFixed(6)) }))).toEqual(
      tb.map((r) => ({ ...r, value: Number(Number(r['value']).toFixed(6)) })),
    );
  }, 300_000);

  it('refuses a bad file by name (a folder whose files differ in a column type, a bad event, a geo left empty) and writes nothing', async () => {
    const csv = join(dir, 'bad.csv');
    const lines = eventLines(6).slice(0, 400);
    const badLines = [...lines];
    badLines[250] = 'u1,2024-02-01T10:00:00Z,north,tv,click,';
    writeFileSync(csv, `${HEADER}\n${badLines.join('\n')}\n`);
    await writeParquet(csv, join(dir, 'bad-event'), 'folder', 200);
    await writeParquet(csv, join(dir, 'bad-event.parquet'), 'file');
    // part-1's value is a number where part-0's is text
    const mixed = join(dir, 'mixed-types');
    await writeParquet(csv, mixed, 'folder', 200);
    const part1 = join(mixed, 'part-1.parquet');
    await withDuckDb((c) =>
      c.run(
        `COPY (SELECT * REPLACE (TRY_CAST(value AS DOUBLE) AS value) FROM read_parquet(${sqlString(part1)}))
         TO ${sqlString(join(dir, 'part-1.typed.parquet'))} (FORMAT PARQUET)`,
      ),
    );
    renameSync(join(dir, 'part-1.typed.parquet'), part1);
    const geoCsv = join(dir, 'geo.csv');
    const geoLines = [...lines];
    geoLines[120] = geoLines[120]!.replace(/^([^,]*,[^,]*,)[^,]*/, '$1');
    writeFileSync(geoCsv, `${HEADER}\n${geoLines.join('\n')}\n`);
    await writeParquet(geoCsv, join(dir, 'geo-left-empty'), 'folder', 100);
    await writeParquet(geoCsv, join(dir, 'geo-left-empty.parquet'), 'file');

    const ws = workspace('bad');
    const refused = async (path: string, engine: 'spark' | 'duckdb') => {
      const e = await importEventsFile(path, { workspace: ws, name: 'x', engine, session: spark }).catch(
        (err: unknown) => err as Error,
      );
      expect(e).toBeInstanceOf(Error);
      return (e as Error).message;
    };
    expect(await refused(mixed, 'spark')).toBe(
      'column `value` is double in mixed-types/part-1.parquet but string in mixed-types/part-0.parquet; the files must share one schema',
    );
    // The bad event is row 51 of the second file (row 251 of the whole).
    expect(await refused(join(dir, 'bad-event'), 'spark')).toBe(
      '`event` must be touch or conversion; got "click" at row 51 of bad-event/part-1.parquet',
    );
    expect(await refused(join(dir, 'bad-event.parquet'), 'duckdb')).toBe(
      '`event` must be touch or conversion; got "click" at row 251 of bad-event.parquet',
    );
    const geoSpark = await refused(join(dir, 'geo-left-empty'), 'spark');
    expect(geoSpark).toMatch(
      /^`geo` must be given on every row or on none .*; got "" at row 21 of geo-left-empty\/part-1\.parquet, but row 1 of geo-left-empty\/part-0\.parquet has "/,
    );
    expect(await refused(join(dir, 'geo-left-empty.parquet'), 'duckdb')).toMatch(
      /; got "" at row 121 of geo-left-empty\.parquet, but row 1 has "/,
    );
    expect(existsSync(ws) ? readdirSync(ws).filter((f) => !f.startsWith('.')) : []).toEqual([]);
  }, 300_000);

  it('`data import --engine spark` refuses a CSV, `--master` without spark, and --as summary, before Spark starts', async () => {
    const ws = workspace('cli');
    const csv = join(dir, 'small.csv');
    writeFileSync(csv, `${HEADER}\nu1,2024-01-01T00:00:00Z,north,tv,touch,\n`);
    const cli = (...argv: string[]) => runCaptured(['--workspace', ws, 'data', 'import', csv, ...argv]);
    const notParquet = await cli('--as', 'events', '--engine', 'spark', '--master', 'local[2]');
    expect(notParquet.code).toBe(1);
    expect(notParquet.err).toMatch(
      /small\.csv: Spark reads event data as Parquet .*got "\.csv"; import it with --engine duckdb/,
    );
    expect((await cli('--as', 'events', '--engine', 'duckdb', '--master', 'yarn')).err).toMatch(
      /`--master` is for `--engine spark`/,
    );
    expect((await cli('--as', 'summary', '--engine', 'spark')).err).toMatch(
      /`--engine` must be memory, or duckdb or spark with `--as events`/,
    );
    expect(existsSync(join(ws, 'datasets'))).toBe(false);
  });
});
