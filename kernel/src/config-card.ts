import { spendShareLabel, trainingWindowLabel, validateModelConfig, type ModelConfig } from 'mixmodeler';
import { tslabDisplay, type RawDisplay } from './display';
import { card, htmlTable } from './html';

/**
 * A model config as an HTML card, after the same field-by-field validation as `model create`
 * (defaults filled in): conversion, touchpoints, windows, factors, priors, spend share, schedule.
 *
 * @throws ConfigError naming the field, as the CLI does, for an invalid config
 */
export function modelConfigHtml(doc: unknown, file = 'model config'): string {
  const c: ModelConfig = validateModelConfig(doc, file);
  const window = trainingWindowLabel(c.trainingWindow);
  const settings = htmlTable(
    'settings',
    ['setting', 'value'],
    [
      ['description', c.description],
      ['conversion', c.conversion],
      ['lookback window', `${c.lookbackWeeks} weeks`],
      ['training window', window],
      ['internal factors', c.factors.internal.join(', ')],
      ['external factors', c.factors.external.join(', ')],
      ['spend-share prior', spendShareLabel(c.spendShare)],
      ['schedule', c.schedule.enabled ? `on, ${c.schedule.frequency}` : 'off'],
      [
        'priors from event data',
        c.eventPriors
          ? `${c.eventPriors.channels.join(', ')} by ${c.eventPriors.method} (sd ${c.eventPriors.relativeSd} × ROI)`
          : '',
      ],
    ],
  );
  const touchpoints = htmlTable(
    'touchpoints',
    ['channel', 'metric', 'source', 'paid or owned'],
    c.touchpoints.map((t) => [
      t.channel,
      t.metric,
      t.source,
      t.paid === undefined
        ? 'from the data'
        : t.paid
          ? 'paid'
          : `owned${t.costPerUnit === undefined ? '' : `, ${t.costPerUnit} a unit`}`,
    ]),
  );
  const priors = c.priors.length
    ? htmlTable(
        'priors',
        ['channel', 'kind', 'value', 'sd', 'source'],
        c.priors.map((p) =>
          'roi' in p
            ? [p.channel, 'ROI', p.roi, p.sd, p.source]
            : [p.channel, 'contribution share', p.share, p.sd, p.source],
        ),
      )
    : '<p>No priors beyond the weakly informative defaults.</p>';
  return card(`Model config: ${c.name}`, settings, touchpoints, priors);
}

/** Shows a model config in the notebook (validated first, so a bad field fails the cell with its name). */
export function showModelConfig(doc: unknown, display?: RawDisplay): void {
  (display ?? tslabDisplay()).raw('text/html', modelConfigHtml(doc));
}
