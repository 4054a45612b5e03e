import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fromCSV, table, toCSV, type ColumnTable } from 'arquero';
import { parseNumber } from '../data/parse-number';
import { StoreError } from '../errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { HARMONIZED_FOLDER, MANIFEST_FILE } from '../fs/layout';
import type { Harmonized, HarmonizeSummary } from './harmonized';
import type { ResolvedRules } from './rules';

/** The format tag of the harmonized manifest. */
export const HARMONIZED_FORMAT = 'mixmodeler.harmonized/1';

/** `harmonized/manifest.json`: the CSV files of the harmonized tables, the rules used and the summary. */
export interface HarmonizedManifest {
  format: typeof HARMONIZED_FORMAT;
  createdAt: string;
  /** File names in the harmonized folder. */
  files: { media: string; conversions: string; factors: string };
  rules: ResolvedRules;
  summary: HarmonizeSummary;
}

/**
 * Stores harmonized tables as fresh CSV files in `harmonized/`, then renames the manifest over the old
 * one (the switch is atomic), then removes the files of the previous run.
 *
 * @throws StoreError when the workspace cannot be written
 */
export function writeHarmonized(workspace: string, h: Harmonized, rules: ResolvedRules): HarmonizedManifest {
  const dir = join(workspace, HARMONIZED_FOLDER);
  const createdAt = new Date().toISOString();
  const stamp = `${createdAt.replace(/[-:.]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;
  const files = {
    media: `media-${stamp}.csv`,
    conversions: `conversions-${stamp}.csv`,
    factors: `factors-${stamp}.csv`,
  };
  for (const t of ['media', 'conversions', 'factors'] as const) writeFileAtomic(join(dir, files[t]), toCSV(h[t]));
  const manifest: HarmonizedManifest = { format: HARMONIZED_FORMAT, createdAt, files, rules, summary: h.summary };
  writeFileAtomic(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  const keep = new Set(Object.values(files));
  for (const f of readdirSync(dir)) if (/\.csv$/.test(f) && !keep.has(f)) rmSync(join(dir, f), { force: true });
  return manifest;
}

/**
 * Reads the harmonized manifest of a workspace, or null when harmonize has not run.
 *
 * @throws StoreError naming the file when it is not a harmonized manifest
 * @example readHarmonizedManifest('mixmodeler-workspace')?.summary.channels
 */
export function readHarmonizedManifest(workspace: string): HarmonizedManifest | null {
  const path = join(workspace, HARMONIZED_FOLDER, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  let doc: HarmonizedManifest;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as HarmonizedManifest;
  } catch (e) {
    throw new StoreError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  if (doc.format !== HARMONIZED_FORMAT)
    throw new StoreError(`${path}: field \`format\` must be ${HARMONIZED_FORMAT}; got ${String(doc.format)}`);
  return doc;
}

/**
 * Reads the harmonized dataset of a workspace back into memory (as {@link harmonize} made it), or null
 * when harmonize has not run. `date`, `geo` and `channel` stay text; the other columns are numbers or null.
 *
 * @throws StoreError naming the file when the manifest or a CSV file is missing or unreadable
 * @example readHarmonized('mixmodeler-workspace')?.media.array('spend')
 */
export function readHarmonized(workspace: string): Harmonized | null {
  // Lock-free for readers (a read-only workspace stays readable): a harmonize that replaced the files
  // between reading the manifest and its files shows as a missing file under a changed manifest.
  for (let attempt = 0; ; attempt++) {
    const manifest = readHarmonizedManifest(workspace);
    if (manifest === null) return null;
    try {
      return readHarmonizedFiles(workspace, manifest);
    } catch (e) {
      const again = readHarmonizedManifest(workspace);
      if (attempt >= 4 || again === null || again.createdAt === manifest.createdAt) throw e;
    }
  }
}

/** The key columns of the harmonized tables, read back as text (a geo named `01` stays `01`). */
const TEXT: readonly string[] = ['date', 'geo', 'channel'];

function readHarmonizedFiles(workspace: string, manifest: HarmonizedManifest): Harmonized {
  const read = (name: string): ColumnTable => {
    const path = join(workspace, HARMONIZED_FOLDER, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new StoreError(`${path}: cannot read the harmonized data (${(e as Error).message})`);
    }
    const t = fromCSV(text, { autoType: false });
    const column = (c: string) => Array.from(t.array(c) as ArrayLike<unknown>);
    const number = (c: string) => column(c).map((v) => parseNumber(v));
    return table(Object.fromEntries(t.columnNames().map((c) => [c, TEXT.includes(c) ? column(c) : number(c)])));
  };
  const { files } = manifest;
  return {
    summary: manifest.summary,
    media: read(files.media),
    conversions: read(files.conversions),
    factors: read(files.factors),
  };
}
