import type { FittedMmm } from '../mmm/fitted';
import type { PlotlyFigure } from './figure';
import {
  adstockFigure,
  contributionsFigure,
  fitFigure,
  responseCurvesFigure,
  shareFigure,
  waterfallFigure,
} from './figures';
import type { ModelInsights } from './model-insights';
import { GENERIC_UNITS, type OutcomeUnits } from './outcome-units';
import { roiFigure } from './roi-figure';

/** The insight figures of a trained model, by the name the CLI gives their files, in display order. */
export const INSIGHT_FIGURES = [
  'roi',
  'contributions',
  'share',
  'response-curves',
  'adstock',
  'fit',
  'waterfall',
] as const;
export type InsightFigureName = (typeof INSIGHT_FIGURES)[number];

/**
 * Every insight figure of one fit, in the order of `INSIGHT_FIGURES`: what `insights --figures` writes
 * and what the insights panel shows, in the outcome's units (ROI or cost per acquisition).
 */
export function insightFigures(
  fit: FittedMmm,
  ins: ModelInsights,
  units: OutcomeUnits = GENERIC_UNITS,
): Record<InsightFigureName, PlotlyFigure> {
  return {
    roi: roiFigure(fit, undefined, units),
    contributions: contributionsFigure(ins, units),
    share: shareFigure(ins),
    'response-curves': responseCurvesFigure(ins, units),
    adstock: adstockFigure(ins),
    fit: fitFigure(ins, units),
    waterfall: waterfallFigure(ins, units),
  };
}
