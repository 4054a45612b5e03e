import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readDatasets } from '../data/dataset-store';
import { ConfigError, InputError } from '../errors';
import { DEFAULT_WORKSPACE } from '../fs/layout';
import { withWorkspaceLock } from '../fs/workspace-lock';
import { checkRules } from './check-rules';
import type { Grain } from '../math/calendar';
import { harmonizeDatasets } from './harmonize-datasets';
import type { HarmonizeSummary } from './harmonized';
import { writeHarmonized } from './harmonized-store';
import type { Rules } from './rules';

/** Options of {@link harmonize}. */
export interface HarmonizeOptions {
  /** The workspace folder; default `mixmodeler-workspace`. */
  workspace?: string;
  /** A rules object, or the path of a rules JSON file. */
  rules?: Rules | string;
  /** Overrides the rules' grain. */
  grain?: Grain;
}

/**
 * Harmonizes every dataset of the workspace ({@link harmonizeDatasets}) and stores the result in
 * `harmonized/` (CSV files and a manifest, replaced atomically). Nothing is written when validation fails.
 *
 * @returns the summary: date range, grain, channels, metrics, factors, row counts, conflicts, missing values
 * @throws InputError when the workspace has no datasets or a dataset has a bad cell or an unresolved duplicate
 * @throws ConfigError when the rules file is unreadable, malformed or names an unknown source or field
 * @example harmonize({ workspace: 'ws', rules: 'rules.json', grain: 'week' }).channels
 */
export function harmonize(options: HarmonizeOptions = {}): HarmonizeSummary {
  const workspace = options.workspace ?? DEFAULT_WORKSPACE;
  let doc: unknown = options.rules ?? {};
  let file = 'rules';
  if (typeof options.rules === 'string') {
    file = basename(options.rules);
    try {
      doc = JSON.parse(readFileSync(options.rules, 'utf8'));
    } catch (e) {
      throw new ConfigError(`${file}: cannot read the rules (${(e as Error).message})`);
    }
  }
  const rules = checkRules(doc, file);
  if (options.grain !== undefined) rules.grain = checkRules({ grain: options.grain }, '--grain').grain;
  // Under the workspace lock: no import changes a dataset while it is read, no other harmonize writes.
  return withWorkspaceLock(workspace, () => {
    const warnings: string[] = [];
    const stored = readDatasets(workspace, (w) => warnings.push(w));
    if (stored.length === 0)
      throw new InputError(`no datasets in ${workspace}; import one with \`mixmodeler data import\``);
    const inputs = stored.map(({ manifest, frame }) => ({
      name: manifest.name,
      kind: manifest.kind,
      data: frame,
      aggregated: manifest.aggregated,
    }));
    const h = harmonizeDatasets(inputs, rules, file);
    if (warnings.length > 0) h.summary.warnings = warnings;
    writeHarmonized(workspace, h, rules);
    return h.summary;
  });
}
