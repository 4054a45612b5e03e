import { InputError, show } from '../errors';
import { DEFAULT_WORKSPACE } from '../fs/layout';
import type { DatasetInfo } from './dataset-manifest';
import { datasetEntries } from './dataset-entries';
import { writeDataset } from './dataset-store';
import { isFrame, toFrame, type Frame, type TableInput } from './frame';
import { checkKind } from './kinds';
import { schemaProblems } from './schema';

/** Options of {@link importDataset}. */
export interface ImportOptions {
  /** `summary`, `events`, `conversions` or `factors`. */
  kind: string;
  /** The dataset name (letters, digits, `_ . -`); default: derived from the source name. */
  name?: string;
  /** The workspace folder; default `mixmodeler-workspace`. */
  workspace?: string;
  /** The label errors name for in-memory input; default `records`. */
  source?: string;
  /** Event data already aggregated per day and channel (`date,channel,touches,conversions,value`). */
  aggregated?: boolean;
  /** The events themselves, a Parquet file already in the dataset's folder (see DatasetManifest). */
  events?: { file: string; rows: number };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Validates a table and stores it in the workspace as a dataset of the given kind, replacing any
 * dataset of the same name atomically. Columns that fit the kind's schema (DESIGN §5) are validated
 * cell by cell now; otherwise the problems come back as `warnings`, for the rules' `fields` to fix at
 * harmonize time. Nothing is written when validation fails.
 *
 * @param input a loaded {@link Frame} (see `loadFile`), records, a column object, an arquero table or a DataFrame
 * @returns what was stored: name, kind, rows, columns, date range, channels, metrics, geos, warnings
 * @throws InputError on an unknown kind, a bad name, an empty table, or a bad cell (naming file, row, column, value)
 * @throws StoreError when the workspace cannot be written
 * @example importDataset([{ date: '2024-01-01', channel: 'tv', spend: 5 }], { kind: 'summary', name: 'tv' })
 */
export function importDataset(input: Frame | TableInput, options: ImportOptions): DatasetInfo {
  const kind = checkKind(options.kind);
  const frame = isFrame(input) ? input : toFrame(input, options.source ?? 'records');
  const name = options.name ?? defaultName(frame.source);
  if (!NAME.test(name)) {
    throw new InputError(
      `\`name\` must be letters, digits, _ . - (at most 64, starting with a letter or digit); got ${show(name)}`,
    );
  }
  if (frame.table.numRows() === 0) throw new InputError(`${frame.source} is empty; expected at least one row`);
  const aggregated = options.aggregated ?? false;
  const columns = frame.table.columnNames();
  const warnings = schemaProblems(columns, aggregated ? 'summary' : kind).map(
    (p) => `${p}; map it in the rules' sources.${name}.fields`,
  );
  const entries = warnings.length === 0 ? datasetEntries(frame, kind, name, aggregated) : [];
  const dates = entries.map((e) => e.date).sort();
  const stored = writeDataset(
    options.workspace ?? DEFAULT_WORKSPACE,
    {
      name,
      kind,
      source: frame.source,
      columns,
      rows: frame.table.numRows(),
      firstRow: frame.firstRow,
      decimal: frame.decimal,
      aggregated,
      importedAt: new Date().toISOString(),
      ...(options.events ? { events: options.events } : {}),
    },
    frame.table,
  );
  const { format: _f, file: _file, ...info } = stored;
  const geos = [...new Set(entries.map((e) => e.geo ?? '').filter((g) => g !== ''))].sort();
  return {
    ...info,
    validated: warnings.length === 0,
    warnings,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    channels: [...new Set(entries.map((e) => e.channel).filter((c) => c !== ''))].sort(),
    metrics: [...new Set(entries.map((e) => e.metric))].sort(),
    ...(geos.length > 0 ? { geos } : {}),
  };
}

function defaultName(source: string): string {
  const base = source
    .replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '');
  return base.slice(0, 64) || 'dataset';
}
