import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { insightFigures } from '../insights/model-figures';
import { formatInteger, formatNumber, formatPercent } from '../format';
import { ADVICE_HEADING } from '../mmm/status';
import { writeFileAtomic } from '../fs/atomic-write';
import { insightsOf, loadModelFit } from '../workspace/model-fit';
import type { GlobalFlags, Out } from './options';
import { printable } from './printable';

const num = (v: number) => (Math.abs(v) >= 100 ? formatInteger(v) : formatNumber(v));

/**
 * `mixmodeler insights ID [--figures DIR]`: ROI with 90% intervals, contributions, spend and shares per
 * channel, fit diagnostics and window of a model's current version; `--json` prints the whole insights
 * document; `--figures DIR` also writes every insight figure as a plotly JSON spec.
 */
export async function insightsCommand(
  id: string,
  flags: { figures?: string },
  global: GlobalFlags,
  stdout: Out,
): Promise<number> {
  const loaded = loadModelFit(global.workspace, id);
  const ins = insightsOf(loaded);
  const dir = flags.figures;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    for (const [name, f] of Object.entries(insightFigures(loaded.fit, ins)))
      writeFileAtomic(join(dir, `${name}.json`), JSON.stringify(f) + '\n');
  }
  if (global.json) {
    stdout.write(JSON.stringify(ins) + '\n');
    return 0;
  }
  const d = ins.diagnostics;
  stdout.write(
    `${printable(ins.model.name)} (${id}, version ${ins.model.version}): ${ins.status}, window ${ins.window.from} to ${ins.window.to}\n` +
      ins.reasons.map((r) => `  - ${r}\n`).join('') +
      (ins.advice.length ? `${ADVICE_HEADING}\n${ins.advice.map((a) => `  - ${a}\n`).join('')}` : '') +
      `R² ${formatNumber(d.r2, 3)}  NRMSE ${formatNumber(d.nrmse, 3)}  MAPE ${formatPercent(d.mape)}  holdout MAPE ${d.holdoutMape === null ? 'n/a' : formatPercent(d.holdoutMape)}\n\n` +
      `${'channel'.padEnd(14)}${'ROI'.padStart(7)}  ${'90% interval'.padEnd(15)}${'spend'.padStart(13)}${'contribution'.padStart(14)}${'share'.padStart(8)}${'mROI'.padStart(7)}\n`,
  );
  for (const [name, c] of Object.entries(ins.channels)) {
    stdout.write(
      `${printable(name).padEnd(14)}${formatNumber(c.roi.mean).padStart(7)}  ${`[${formatNumber(c.roi.lower)}, ${formatNumber(c.roi.upper)}]`.padEnd(15)}` +
        `${num(c.spend).padStart(13)}${num(c.contribution).padStart(14)}${formatPercent(c.share).padStart(8)}${formatNumber(c.marginalRoi).padStart(7)}\n`,
    );
  }
  return 0;
}
