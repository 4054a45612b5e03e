import { ConfigError } from '../errors';
import { fitMmmAsync } from '../mmm/fit';
import type { ProgressListener } from '../mmm/progress';
import type { MmmConfig, MmmData } from '../mmm/spec';
import { attribute } from '../mta/attribute';
import { eventRoiPriors } from '../mta/event-priors';
import { checkEventMemory, workspaceEventCount } from './event-memory';
import { journeysFromEvents } from '../mta/journeys';
import { workspaceEvents } from './workspace-events';
import type { ModelConfig } from './model-config';

/**
 * Adds a model's event priors (`eventPriors` of model.json) to its fit config: attributes the
 * workspace's event data, fits once without the event priors for the scale of the tracked channels'
 * effect, and adds an ROI prior (source `events`) per listed channel that has no user ROI prior.
 *
 * @throws InputError when the workspace has no event-level data; ConfigError when a channel is untracked
 */
export async function withEventPriors(
  workspace: string,
  data: MmmData,
  config: MmmConfig,
  options: NonNullable<ModelConfig['eventPriors']>,
  onProgress?: ProgressListener,
): Promise<MmmConfig> {
  onProgress?.({ stage: 'event priors', done: 0, total: 1, message: `attributing events by ${options.method}` });
  checkEventMemory(workspaceEventCount(workspace));
  const journeys = journeysFromEvents(workspaceEvents(workspace), options.lookbackDays);
  const seen = new Set(journeys.flatMap((j) => j.touches.map((t) => t.channel)));
  const untracked = options.channels.find((c) => !seen.has(c));
  if (untracked !== undefined) {
    throw new ConfigError(
      `event prior for ${JSON.stringify(untracked)}: the event data hold no touches of it (tracked: ${[...seen].sort().join(', ')})`,
    );
  }
  const result = attribute(journeys, options.method);
  const free = await fitMmmAsync(data, { ...config, intervals: false, starts: 1 });
  const own = new Set((config.roiPriors ?? []).map((p) => p.channel));
  const priors = eventRoiPriors(result, free, options.channels, options.relativeSd).filter((p) => !own.has(p.channel));
  return { ...config, roiPriors: [...(config.roiPriors ?? []), ...priors] };
}
