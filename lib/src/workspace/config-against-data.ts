import type { DatasetKind } from '../data/kinds';
import { ConfigError, InputError } from '../errors';
import { readHarmonizedManifest } from '../harmonize/harmonized-store';
import type { HarmonizeSummary } from '../harmonize/harmonized';
import { isPaid, type MmmData } from '../mmm/spec';
import { resolveWindow } from '../mmm/window';
import { failIn, nameList } from './config-fields';
import type { ModelConfig } from './model-config';
import { modelData } from './model-fit';

/**
 * The dataset kinds a touchpoint's `source` needs among the harmonized sources. `summary` is the
 * default, so it is not held against data harmonized from events alone.
 */
const SOURCE_KINDS: Record<ModelConfig['touchpoints'][number]['source'], readonly DatasetKind[]> = {
  summary: [],
  events: ['events'],
  both: ['summary', 'events'],
};

/**
 * Checks a validated config against the workspace's harmonized data, before anything is stored: the
 * conversion is a harmonized conversion metric; each touchpoint's channel and metric are harmonized,
 * its source was harmonized and the channel has that metric; `paid: true` only on a channel with spend,
 * a cost per unit and no ROI prior only on an owned one; the factors exist; the training window
 * (`last-2-years` or custom) lies inside the data and spans at least a year. Reads the data as training
 * does (`modelData`, `resolveWindow`), so a config that passes does not fail on them later.
 *
 * @param file where the config came from, for messages
 * @returns the model's data
 * @throws ConfigError naming the field, the value and what the data hold
 * @throws StoreError when the workspace has no harmonized data
 * @example checkConfigAgainstData('mixmodeler-workspace', validateModelConfig(doc)).dates.length
 */
export function checkConfigAgainstData(workspace: string, config: ModelConfig, file = 'model.json'): MmmData {
  const summary = readHarmonizedManifest(workspace)?.summary;
  // Without a manifest modelData names the missing harmonize step.
  if (summary) checkNames(config, summary, file);
  const data = modelData(workspace, config);
  const fail = failIn(file);
  config.touchpoints.forEach((t, i) => {
    const ch = data.channels[i]!;
    if (!ch.input.some((v) => v !== 0)) {
      fail(`touchpoints[${i}]`, `names a channel with no \`${t.metric}\` in the harmonized data`, t);
    }
    const hasSpend = ch.spend.some((v) => v !== 0);
    if (t.paid === true && !hasSpend) {
      fail(
        `touchpoints[${i}].paid`,
        `is true, but channel ${t.channel} has no spend in the harmonized data; an owned or earned channel ` +
          '(email sends, organic posts, PR mentions) takes paid false, or import its spend',
        t.paid,
      );
    }
    if (t.costPerUnit !== undefined && isPaid(ch)) {
      fail(
        `touchpoints[${i}].costPerUnit`,
        `is for an owned channel, but ${t.channel} has spend in the harmonized data (paid); set paid false to plan it by its volume`,
        t.costPerUnit,
      );
    }
  });
  // The geo-level model's spend-share rows and pooled ROI would read an owned channel's volume as its
  // spend: refused until they take owned channels, with the way out named.
  const geos = config.geos?.length ?? summary?.geos?.length ?? 1;
  if (geos > 1 && config.geoLevel !== false) {
    const i = data.channels.findIndex((ch) => !isPaid(ch));
    if (i >= 0) {
      fail(
        `touchpoints[${i}]`,
        `is an owned channel (${data.channels[i]!.name}: a volume, no spend), which geo-level models do not take yet; ` +
          'set "geoLevel": false to fit the sum of the geos, or leave the channel out',
        config.touchpoints[i],
      );
    }
  }
  const ss = config.spendShare;
  if (geos > 1 && config.geoLevel !== false && typeof ss === 'object') {
    const key = ss.separated !== undefined ? 'separated' : ss.sampledSpread ? 'sampledSpread' : null;
    if (key)
      fail(
        `spendShare.${key}`,
        'is for national models; this model is geo-level (its geos pool around national centres); ' +
          'give spendShare { "sd": … } alone, or set "geoLevel": false',
        ss[key],
      );
  }
  config.priors.forEach((p, i) => {
    const ch = data.channels.find((c) => c.name === p.channel);
    if ('roi' in p && ch && !isPaid(ch))
      fail(
        `priors[${i}]`,
        `is an ROI prior on ${p.channel}, an owned channel (no spend), which has no ROI; give a share prior`,
        p,
      );
  });
  config.eventPriors?.channels.forEach((name, i) => {
    const ch = data.channels.find((c) => c.name === name);
    if (ch && !isPaid(ch))
      fail(
        `eventPriors.channels[${i}]`,
        'names an owned channel (no spend): event data give ROI priors, which need spend',
        name,
      );
  });
  try {
    resolveWindow(data.dates, config.trainingWindow);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new ConfigError(`${file}: \`trainingWindow\`: ${e.message}`);
  }
  return data;
}

function checkNames(config: ModelConfig, s: HarmonizeSummary, file: string): void {
  const fail = failIn(file);
  if (!s.conversions.includes(config.conversion)) {
    fail(
      'conversion',
      `must be a conversion metric of the harmonized data (${nameList(s.conversions)})`,
      config.conversion,
    );
  }
  const kinds = new Set(s.sources.map((x) => x.kind));
  config.touchpoints.forEach((t, i) => {
    if (!s.channels.includes(t.channel))
      fail(
        `touchpoints[${i}].channel`,
        `must be a channel of the harmonized data (${nameList(s.channels)})`,
        t.channel,
      );
    if (!s.metrics.includes(t.metric))
      fail(
        `touchpoints[${i}].metric`,
        `must be a media metric of the harmonized data (${nameList(s.metrics)})`,
        t.metric,
      );
    const missing = SOURCE_KINDS[t.source].find((k) => !kinds.has(k));
    if (missing !== undefined)
      fail(`touchpoints[${i}].source`, `needs ${missing} data, which the harmonized data do not hold`, t.source);
  });
  const known = new Set(s.factors);
  for (const kind of ['internal', 'external'] as const) {
    config.factors[kind].forEach((f, i) => {
      if (!known.has(f))
        fail(`factors.${kind}[${i}]`, `must be a factor of the harmonized data (${nameList(s.factors)})`, f);
    });
  }
}
