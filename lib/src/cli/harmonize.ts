import { harmonize } from '../harmonize/harmonize-workspace';
import type { Grain } from '../math/calendar';
import type { GlobalFlags, Out } from './options';

/** The options of `harmonize`, as parsed. */
export interface HarmonizeOptions {
  rules?: string;
  grain?: string;
}

/**
 * `mixmodeler harmonize [--rules FILE] [--grain week|day]`: harmonizes the workspace's datasets and
 * prints the summary (with `--json`, one JSON document `{ summary }`).
 *
 * @returns the exit code
 */
export async function harmonizeCommand(flags: HarmonizeOptions, global: GlobalFlags, stdout: Out): Promise<number> {
  const s = harmonize({
    workspace: global.workspace,
    ...(flags.rules ? { rules: flags.rules } : {}),
    ...(flags.grain ? { grain: flags.grain as Grain } : {}),
  });
  if (global.json) {
    stdout.write(JSON.stringify({ summary: s }) + '\n');
    return 0;
  }
  stdout.write(
    `harmonized ${s.sources.length} dataset(s) by ${s.grain}: ${s.from ?? '-'} to ${s.to ?? '-'}, ${s.periods} periods\n`,
  );
  if (s.geos) stdout.write(`geos: ${s.geos.join(', ')} (${s.geos.length})\n`);
  stdout.write(`channels: ${s.channels.join(', ') || '-'}\nmetrics: ${s.metrics.join(', ') || '-'}\n`);
  stdout.write(`conversions: ${s.conversions.join(', ') || '-'}\nfactors: ${s.factors.join(', ') || '-'}\n`);
  stdout.write(`conflicts resolved: ${s.conflicts.length}\n`);
  const missing = s.missing.factors.length + s.missing.conversions.length;
  if (missing > 0)
    stdout.write(
      `missing values (left empty): ${s.missing.factors.length} factor, ${s.missing.conversions.length} conversion\n`,
    );
  const zeros = s.missing.media ?? [];
  if (zeros.length > 0) {
    const cells = zeros.map((z) => `${z.geo} ${z.channel} ${z.periods}`).slice(0, 5);
    const more = zeros.length > 5 ? `, and ${zeros.length - 5} more` : '';
    stdout.write(`geo × channel periods made zero: ${cells.join(', ')}${more}\n`);
  }
  return 0;
}
