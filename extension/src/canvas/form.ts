import {
  DEFAULT_SATURATION,
  dataRange,
  messageInWords,
  validateModelConfig,
  type HarmonizeSummary,
  type ModelConfig,
  type SaturationKind,
  type TouchpointSource,
  type UserPriorSource,
} from 'mixmodeler/dist/browser';

import { rangeProblem, type DataBounds } from '../ui/date-range-rules';
import { geoConfig, geoProblem, hasGeos, initialGeoForm, type GeoForm } from './steps/geo-choice';

/** The harmonized data's range and what the last 2 years are on them (lib's `dataRange`; null: no periods). */
export function dataBounds(data: HarmonizeSummary): DataBounds | null {
  return dataRange(data);
}

/** The steps of the guided model canvas, in order. */
export const STEPS = [
  { id: 'data', title: 'Harmonized data' },
  { id: 'geos', title: 'Geos' },
  { id: 'conversion', title: 'Conversion' },
  { id: 'touchpoints', title: 'Touchpoints' },
  { id: 'factors', title: 'Internal and external factors' },
  { id: 'lookback', title: 'Lookback window and curves' },
  { id: 'window', title: 'Training window' },
  { id: 'priors', title: 'Priors' },
  { id: 'spendShare', title: 'Spend share' },
  { id: 'review', title: 'Review and build' },
] as const;
export type StepId = (typeof STEPS)[number]['id'];

/** The steps the canvas shows on these data: the geo step only when they have more than one geo. */
export function stepsFor(data: HarmonizeSummary | null): readonly (typeof STEPS)[number][] {
  return STEPS.filter((s) => s.id !== 'geos' || hasGeos(data));
}

/**
 * One channel of the touchpoints step: in or out, its media input (spend, impressions, or an owned
 * channel's volume such as sends), its data, whether it is paid (`auto`: from the data, paid when it
 * has spend) and an owned channel's cost per unit (text, as typed; empty: none).
 */
export interface CanvasTouchpoint {
  include: boolean;
  metric: string;
  source: TouchpointSource;
  paid: 'auto' | 'paid' | 'owned';
  costPerUnit: string;
}

/** What the canvas form holds: strings where the user types numbers, so a half-typed value stays. */
export interface CanvasForm {
  name: string;
  description: string;
  conversion: string;
  /** Geo data: the geo-level model on or off and the geos it fits (no geos for national data). */
  geo: GeoForm;
  touchpoints: Record<string, CanvasTouchpoint>;
  factors: Record<string, 'none' | 'internal' | 'external'>;
  lookbackWeeks: string;
  /** A family, or whatever else model.json allows there (lib may choose the family from the data). */
  adstock: NonNullable<ModelConfig['adstock']>;
  saturation: SaturationKind;
  window: { mode: 'last-2-years' | 'all' | 'range'; from: string; to: string };
  priors: { channel: string; kind: 'roi' | 'share'; value: string; sd: string; source: UserPriorSource }[];
  spendShare: boolean;
  /** The spend-share prior's settings when model.json gives them (an sd, a separated channels' sd), kept as they are. */
  spendShareSettings: Exclude<ModelConfig['spendShare'], boolean> | null;
  schedule: ModelConfig['schedule'];
}

/** A form for the harmonized data: every channel in, no factors, defaults elsewhere; or a model's config. */
export function initialForm(data: HarmonizeSummary | null, config?: ModelConfig): CanvasForm {
  const channels = [...new Set([...(data?.channels ?? []), ...(config?.touchpoints.map((t) => t.channel) ?? [])])];
  const factors = [
    ...new Set([...(data?.factors ?? []), ...(config ? [...config.factors.internal, ...config.factors.external] : [])]),
  ];
  const tp = (c: string) => config?.touchpoints.find((t) => t.channel === c);
  return {
    name: config?.name ?? '',
    description: config?.description ?? '',
    conversion: config?.conversion ?? data?.conversions[0] ?? '',
    geo: initialGeoForm(data, config),
    touchpoints: Object.fromEntries(
      channels.map((c) => [
        c,
        {
          include: config ? tp(c) !== undefined : true,
          metric: tp(c)?.metric ?? 'spend',
          source: tp(c)?.source ?? 'summary',
          paid: tp(c)?.paid === undefined ? 'auto' : tp(c)!.paid ? 'paid' : 'owned',
          costPerUnit: tp(c)?.costPerUnit === undefined ? '' : String(tp(c)!.costPerUnit),
        },
      ]),
    ),
    factors: Object.fromEntries(
      factors.map((f) => [
        f,
        config?.factors.internal.includes(f) ? 'internal' : config?.factors.external.includes(f) ? 'external' : 'none',
      ]),
    ),
    lookbackWeeks: String(config?.lookbackWeeks ?? 8),
    adstock: config?.adstock ?? 'auto',
    saturation: config?.saturation ?? DEFAULT_SATURATION,
    window:
      typeof config?.trainingWindow === 'object'
        ? { mode: 'range', ...config.trainingWindow }
        : { mode: config?.trainingWindow ?? 'last-2-years', from: '', to: '' },
    priors: (config?.priors ?? [])
      .filter((p) => p.source !== 'events')
      .map((p) => ({
        channel: p.channel,
        kind: 'roi' in p ? 'roi' : 'share',
        value: String('roi' in p ? p.roi : p.share),
        sd: String(p.sd),
        source: p.source as UserPriorSource,
      })),
    spendShare: config?.spendShare !== false,
    spendShareSettings: typeof config?.spendShare === 'object' ? config.spendShare : null,
    schedule: config?.schedule ?? { enabled: false, frequency: 'weekly' },
  };
}

const num = (s: string): number | string => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);

/** The model.json document of the form (numbers parsed; what does not parse stays, for the validator to name). */
export function formConfig(f: CanvasForm): Record<string, unknown> {
  return {
    name: f.name.trim(),
    description: f.description,
    conversion: f.conversion,
    touchpoints: Object.entries(f.touchpoints)
      .filter(([, t]) => t.include)
      .map(([channel, t]) => ({
        channel,
        metric: t.metric,
        source: t.source,
        ...(t.paid === 'auto' ? {} : { paid: t.paid === 'paid' }),
        ...(t.costPerUnit.trim() !== '' ? { costPerUnit: num(t.costPerUnit) } : {}),
      })),
    lookbackWeeks: num(f.lookbackWeeks),
    adstock: f.adstock,
    saturation: f.saturation,
    trainingWindow: f.window.mode === 'range' ? { from: f.window.from, to: f.window.to } : f.window.mode,
    ...geoConfig(f.geo),
    factors: {
      internal: Object.keys(f.factors).filter((k) => f.factors[k] === 'internal'),
      external: Object.keys(f.factors).filter((k) => f.factors[k] === 'external'),
    },
    priors: f.priors.map((p) => ({ channel: p.channel, [p.kind]: num(p.value), sd: num(p.sd), source: p.source })),
    spendShare: f.spendShare ? (f.spendShareSettings ?? true) : false,
    schedule: f.schedule,
  };
}

/** A problem of the form, with the step where the user fixes it. */
export interface FormProblem {
  step: StepId;
  message: string;
}

const FIELD_STEP: Record<string, StepId> = {
  name: 'review',
  description: 'review',
  conversion: 'conversion',
  geoLevel: 'geos',
  geos: 'geos',
  touchpoints: 'touchpoints',
  factors: 'factors',
  lookbackWeeks: 'lookback',
  adstock: 'lookback',
  saturation: 'lookback',
  trainingWindow: 'window',
  priors: 'priors',
  spendShare: 'spendShare',
  schedule: 'review',
};

/**
 * Checks the form with lib's own model validation (the CLI's) and against the harmonized data:
 * the first problem, at its step, or null when the model can be built.
 */
export function formProblem(f: CanvasForm, data: HarmonizeSummary | null): FormProblem | null {
  if (!data) return { step: 'data', message: 'the workspace has no harmonized data yet' };
  if (!data.conversions.includes(f.conversion)) {
    return {
      step: 'conversion',
      message: `pick a conversion of the harmonized data (${data.conversions.join(', ') || 'none'})`,
    };
  }
  const geos = geoProblem(f.geo);
  if (geos) return { step: 'geos', message: geos };
  if (!Object.values(f.touchpoints).some((t) => t.include)) {
    return { step: 'touchpoints', message: 'include at least one touchpoint' };
  }
  if (f.window.mode === 'range') {
    const p = rangeProblem(f.window.from, f.window.to, dataBounds(data));
    if (p) return { step: 'window', message: p.charAt(0).toUpperCase() + p.slice(1) };
  }
  // lib checks the name and description first; the canvas asks for them at its last step, so the
  // other steps' problems come first (a stand-in name), then theirs.
  const config = formConfig(f);
  return configProblem({ ...config, name: 'the model canvas', description: '' }) ?? configProblem(config);
}

/** lib's first problem with a config, at the step of the field it names, in the user's words (lib's labels). */
function configProblem(config: unknown): FormProblem | null {
  try {
    validateModelConfig(config, 'the model canvas');
  } catch (e) {
    const message = (e as Error).message.replace(/^the model canvas: /, '');
    const field = /^`([A-Za-z]+)/.exec(message)?.[1] ?? '';
    return { step: FIELD_STEP[field] ?? 'review', message: messageInWords(message) };
  }
  return null;
}
