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
 * and what the insights panel shows.
 */
export function insightFigures(fit: FittedMmm, ins: ModelInsights): Record<InsightFigureName, PlotlyFigure> {
  return {
    roi: roiFigure(fit),
    contributions: contributionsFigure(ins),
    share: shareFigure(ins),
    'response-curves': responseCurvesFigure(ins),
    adstock: adstockFigure(ins),
    fit: fitFigure(ins),
    waterfall: waterfallFigure(ins),
  };
}
