// The canvas steps' shared props and the choices they offer, from lib's vocabularies.
import type { CanvasModel } from '../canvas-model';
import {
  ADSTOCK_FAMILIES,
  SATURATION_FAMILIES,
  TOUCHPOINT_SOURCES,
  USER_PRIOR_SOURCES,
  type TouchpointSource,
  type UserPriorSource,
} from 'mixmodeler/dist/browser';
import { type Option } from '../../ui/choice';

/** Every step's component takes the canvas model. */
export interface StepProps {
  model: CanvasModel;
}

/** A curve family as a choice: its name, and its label with what it does (lib's registry). */
const choice = <N extends string>(f: { name: N; label: string; description: string }): Option<N> => [
  f.name,
  `${f.label}: ${f.description}`,
];
/** 'auto' first, the default: lib fits geometric and delayed carry-over and keeps the better (BIC). */
export const AUTO_ADSTOCK_LABEL = 'chosen from the data: geometric or delayed, whichever fits better';
export const ADSTOCK_CHOICES: Option<'auto' | (typeof ADSTOCK_FAMILIES)[number]['name']>[] = [
  ['auto', AUTO_ADSTOCK_LABEL],
  ...ADSTOCK_FAMILIES.map(choice),
];
export const SATURATION_CHOICES = SATURATION_FAMILIES.map(choice);
export const METRICS: Option<string>[] = [
  ['spend', 'spend'],
  ['impressions', 'impressions'],
];
/** The media inputs a channel can take: spend, impressions, and the data's other metrics (an owned channel's volume: sends, posts). */
export function metricChoices(dataMetrics: readonly string[]): Option<string>[] {
  const known = METRICS.map(([v]) => v);
  return [...METRICS, ...dataMetrics.filter((m) => !known.includes(m)).map((m): Option<string> => [m, m])];
}
/** Paid media (spend, an ROI) or an owned or earned channel (a volume, no spend: contribution per unit). */
export const PAID_CHOICES: Option<'auto' | 'paid' | 'owned'>[] = [
  ['auto', 'from the data (paid when it has spend)'],
  ['paid', 'paid (spend, ROI)'],
  ['owned', 'owned or earned (volume, no ROI)'],
];
export const SOURCES: Option<TouchpointSource>[] = TOUCHPOINT_SOURCES.map((s) => [s, s]);
export const PRIOR_SOURCES: Option<UserPriorSource>[] = USER_PRIOR_SOURCES.map((s) => [s, s]);
export const FACTOR_USES: Option<'none' | 'internal' | 'external'>[] = [
  ['none', 'not used'],
  ['internal', 'internal (promotions, holidays)'],
  ['external', 'external (price, competitors, macro)'],
];
