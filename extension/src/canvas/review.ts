import { adstockFamily, saturationFamily, spendShareLabel, type HarmonizeSummary } from 'mixmodeler/dist/browser';
import { dataBounds, type CanvasForm } from './form';
import { geoInWords } from './steps/geo-choice';

/** One line of the Review step: what was chosen, in words. */
export interface ReviewLine {
  label: string;
  text: string;
}

const list = (xs: string[]) => (xs.length === 0 ? 'none' : xs.join(', '));

/** What the training window of the form covers on these data, in words. */
export function windowInWords(f: CanvasForm, data: HarmonizeSummary | null): string {
  const unit = data?.grain === 'day' ? 'days' : 'weeks';
  if (f.window.mode === 'range') return `${f.window.from || '?'} to ${f.window.to || '?'} (a custom range)`;
  const bounds = data && dataBounds(data);
  if (f.window.mode === 'all')
    return bounds ? `all the data: ${bounds.from} to ${bounds.to} (${data.periods} ${unit})` : 'all the data';
  if (!bounds) return 'the last 2 years of data';
  const w = bounds.lastTwoYears;
  return `the last 2 years of data: ${w.from} to ${w.to} (${w.periods} ${unit})`;
}

/**
 * Every choice of the canvas as a sentence, in step order, for the Review step (the folded
 * model.json stays below it for those who want the file).
 */
export function reviewSummary(f: CanvasForm, data: HarmonizeSummary | null): ReviewLine[] {
  const touchpoints = Object.entries(f.touchpoints)
    .filter(([, t]) => t.include)
    .map(([c, t]) => {
      const owned =
        t.paid === 'owned' ? `, owned${t.costPerUnit.trim() ? ` at ${t.costPerUnit.trim()} a unit` : ''}` : '';
      return `${c} (${t.metric}, ${t.source} data${t.paid === 'paid' ? ', paid' : owned})`;
    });
  const factors = (use: 'internal' | 'external') => Object.keys(f.factors).filter((k) => f.factors[k] === use);
  const priors = f.priors.map(
    (p) => `${p.channel}: ${p.kind === 'roi' ? 'ROI' : 'contribution share'} ${p.value} ± ${p.sd} (${p.source})`,
  );
  const family = <T extends { label: string }>(get: () => T, fallback: string) => {
    try {
      return get().label;
    } catch {
      return fallback;
    }
  };
  const geos = geoInWords(f.geo);
  return [
    { label: 'Name', text: f.name.trim() || '(not named yet)' },
    ...(geos ? [{ label: 'Geos', text: geos }] : []),
    { label: 'Conversion', text: f.conversion || '(none chosen)' },
    { label: 'Touchpoints', text: `${touchpoints.length}: ${list(touchpoints)}` },
    { label: 'Factors', text: `internal: ${list(factors('internal'))}; external: ${list(factors('external'))}` },
    {
      label: 'Lookback and curves',
      text: `${f.lookbackWeeks} weeks; carry-over ${f.adstock === 'auto' ? 'chosen from the data (geometric or delayed)' : family(() => adstockFamily(f.adstock), f.adstock)}, diminishing returns ${family(() => saturationFamily(f.saturation), f.saturation)}`,
    },
    { label: 'Training window', text: windowInWords(f, data) },
    { label: 'Priors', text: list(priors) },
    {
      label: 'Spend share',
      text: !f.spendShare
        ? 'off'
        : f.spendShareSettings
          ? `${spendShareLabel(f.spendShareSettings)}: sparse channels lean toward their share of spend`
          : 'on: sparse channels lean toward their share of spend',
    },
    { label: 'Schedule', text: f.schedule.enabled ? `runs ${f.schedule.frequency}` : 'off (run it yourself)' },
  ];
}
