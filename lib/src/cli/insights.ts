import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { geoFigures } from '../insights/geo-figures';
import { geoAnswersIn } from '../insights/geo-insights';
import { insightFigures } from '../insights/model-figures';
import { inUnits } from '../insights/model-insights';
import { formatEfficiency, formatOutcome, formatSpend, SHARE_LABELS } from '../insights/outcome-units';
import { formatInteger, formatNumber, formatPercent } from '../format';
import { ADVICE_HEADING } from '../mmm/status';
import { writeFileAtomic } from '../fs/atomic-write';
import { insightsOf, loadModelFit, type StoredInsights } from '../workspace/model-fit';
import { modelUnits } from '../workspace/views';
import type { GlobalFlags, Out } from './options';
import { printable } from './printable';

/**
 * `mixmodeler insights ID [--figures DIR]`: per channel the ROI (revenue) or cost per acquisition
 * (counts) with its 90% interval, spend, contribution, share of outcome and marginal ROI; fit diagnostics
 * and window of a model's current version; owned and earned channels (no spend) apart, with their
 * contribution per unit of volume instead of an ROI; `--json` prints the whole insights document (with `units` and
 * each channel's `efficiency`); `--figures DIR` also writes every insight figure as a plotly JSON spec
 * (for a geo-level model also `geo-roi` and `geo-contributions`).
 */
export async function insightsCommand(
  id: string,
  flags: { figures?: string },
  global: GlobalFlags,
  stdout: Out,
): Promise<number> {
  const loaded = loadModelFit(global.workspace, id);
  const units = modelUnits(loaded.model);
  const ins = inUnits(insightsOf(loaded), units);
  const dir = flags.figures;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    const answers = geoAnswersIn(ins);
    const geo = answers ? geoFigures(answers, units) : {};
    for (const [name, f] of Object.entries({ ...insightFigures(loaded.fit, ins, units), ...geo }))
      writeFileAtomic(join(dir, `${name}.json`), JSON.stringify(f) + '\n');
  }
  if (global.json) {
    stdout.write(JSON.stringify(ins) + '\n');
    return 0;
  }
  const d = ins.diagnostics;
  const eff = units.efficiency === 'roi' ? 'ROI' : 'CPA';
  // The cost of one more acquisition is the marginal ROI's inverse.
  const marginal = (m: number) => formatEfficiency(units.efficiency === 'roi' ? m : m > 0 ? 1 / m : null, units);
  stdout.write(
    `${printable(ins.model.name)} (${id}, version ${ins.model.version}): ${ins.status}, window ${ins.window.from} to ${ins.window.to}\n` +
      ins.reasons.map((r) => `  - ${r}\n`).join('') +
      (ins.advice.length ? `${ADVICE_HEADING}\n${ins.advice.map((a) => `  - ${a}\n`).join('')}` : '') +
      `R² ${formatNumber(d.r2, 3)}  NRMSE ${formatNumber(d.nrmse, 3)}  MAPE ${formatPercent(d.mape)}  hold-out MAPE ${d.holdoutMape === null ? 'n/a' : formatPercent(d.holdoutMape)}\n\n` +
      `${units.kind === 'count' ? `${units.efficiencyLabel} (CPA): spend per incremental ${units.unit}\n` : ''}` +
      `${'channel'.padEnd(14)}${eff.padStart(10)}  ${'90% interval'.padEnd(20)}${'spend'.padStart(13)}${'contribution'.padStart(20)}` +
      `${SHARE_LABELS.outcome.padStart(18)}${`marginal ${eff}`.padStart(14)}\n`,
  );
  const all = Object.entries(ins.channels);
  for (const [name, c] of all.filter(([, c]) => c.paid)) {
    const e = c.efficiency;
    stdout.write(
      `${printable(name).padEnd(14)}${formatEfficiency(e.mean, units).padStart(10)}  ${`[${formatEfficiency(e.lower, units)}, ${formatEfficiency(e.upper, units)}]`.padEnd(20)}` +
        `${formatSpend(c.spend, units).padStart(13)}${formatOutcome(c.contribution, units).padStart(20)}${formatPercent(c.share).padStart(18)}${marginal(c.marginalRoi ?? 0).padStart(14)}\n`,
    );
  }
  writeOwned(ins, loaded.model.config.touchpoints, units, stdout);
  writeGeos(ins, units, stdout);
  return 0;
}

/**
 * The owned and earned channels (no spend, so no ROI): contribution, contribution per unit of volume
 * with its 90% interval, the volume (in the touchpoint's metric) and the share of outcome.
 */
function writeOwned(
  ins: StoredInsights & { channels: Record<string, { paid: boolean }> },
  touchpoints: { channel: string; metric: string }[],
  units: ReturnType<typeof modelUnits>,
  stdout: Out,
): void {
  const owned = Object.entries(ins.channels).filter(([, c]) => !c.paid);
  if (!owned.length) return;
  stdout.write(
    `\nowned and earned channels (a volume and no spend: contribution per unit, no ROI)\n` +
      `${'channel'.padEnd(14)}${'per unit'.padStart(10)}  ${'90% interval'.padEnd(20)}${'volume'.padStart(16)}` +
      `${'contribution'.padStart(20)}${SHARE_LABELS.outcome.padStart(18)}\n`,
  );
  for (const [name, c] of owned) {
    const u = c.contributionPerUnit;
    const metric = touchpoints.find((t) => t.channel === name)?.metric ?? '';
    stdout.write(
      `${printable(name).padEnd(14)}${formatNumber(u?.mean, 3).padStart(10)}  ${`[${formatNumber(u?.lower, 3)}, ${formatNumber(u?.upper, 3)}]`.padEnd(20)}` +
        `${`${formatInteger(c.volume)} ${printable(metric)}`.padStart(16)}${formatOutcome(c.contribution, units).padStart(20)}${formatPercent(c.share).padStart(18)}\n`,
    );
  }
}

/**
 * The geo part of the text output: per geo and channel the ROI with its 90% interval and the
 * contribution, then per channel the spread across geos and how much pooling happened; for geo data
 * fitted on their national sum, a line that says so.
 */
function writeGeos(ins: StoredInsights, units: ReturnType<typeof modelUnits>, stdout: Out): void {
  if (ins.fittedOn) stdout.write(`\nfitted on ${ins.fittedOn} (geoLevel false)\n`);
  if (!ins.geos || !ins.geoSpread) return;
  const names = Object.keys(ins.geos);
  stdout.write(
    `\ngeo-level model on ${names.length} geos: national ROI = Σ contribution / Σ spend over the geos\n` +
      `${'geo'.padEnd(10)}${'channel'.padEnd(14)}${'ROI'.padStart(8)}  ${'90% interval'.padEnd(18)}${'contribution'.padStart(20)}\n`,
  );
  for (const g of names) {
    for (const [name, c] of Object.entries(ins.geos[g]!.channels)) {
      stdout.write(
        `${printable(g).padEnd(10)}${printable(name).padEnd(14)}${formatNumber(c.roi.mean).padStart(8)}  ` +
          `${`[${formatNumber(c.roi.lower)}, ${formatNumber(c.roi.upper)}]`.padEnd(18)}${formatOutcome(c.contribution.mean, units).padStart(20)}\n`,
      );
    }
  }
  stdout.write(
    `\n${'channel'.padEnd(14)}${'spread τ'.padStart(10)}${'pooling'.padStart(10)}${'geo ROI sd/mean'.padStart(17)}\n`,
  );
  for (const [name, s] of Object.entries(ins.geoSpread)) {
    stdout.write(
      `${printable(name).padEnd(14)}${formatNumber(s.tau).padStart(10)}${formatPercent(s.pooling, 0).padStart(10)}${formatPercent(s.geoRoiSpread, 0).padStart(17)}\n`,
    );
  }
}
