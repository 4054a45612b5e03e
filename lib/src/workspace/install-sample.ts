import { join } from 'node:path';
import { importDataset } from '../data/import-dataset';
import { harmonize } from '../harmonize/harmonize-workspace';
import type { HarmonizeSummary } from '../harmonize/harmonized';
import { DEFAULT_WORKSPACE } from '../fs/layout';
import { generateSample } from '../synth/sample';
import { writeSample } from './write-sample';

/** The dataset names the sample is imported under. */
export const SAMPLE_DATASETS = {
  summary: 'sample-media',
  conversions: 'sample-sales',
  factors: 'sample-factors',
  events: 'sample-events',
} as const;

/**
 * Writes the built-in sample's files (CSVs and truth.json) into `out` (default `<workspace>/sample`),
 * imports them into the workspace as datasets and harmonizes the workspace by week, so a model can be
 * configured on it straight away.
 *
 * @returns the files written and the harmonize summary
 * @example installSample('mixmodeler-workspace').summary.channels
 */
export function installSample(
  workspace: string = DEFAULT_WORKSPACE,
  out: string = join(workspace, 'sample'),
): { files: Record<string, string>; summary: HarmonizeSummary } {
  const sample = generateSample();
  const files = writeSample(out, sample);
  for (const kind of ['summary', 'conversions', 'factors', 'events'] as const) {
    importDataset(sample[kind], { kind, name: SAMPLE_DATASETS[kind], workspace, source: files[kind] });
  }
  return { files, summary: harmonize({ workspace, grain: 'week' }) };
}
