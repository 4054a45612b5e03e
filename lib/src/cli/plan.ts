import { readFileSync } from 'node:fs';
import { ConfigError, MixModelerError } from '../errors';
import { checkSchema } from '../fs/schemas';
import { formatInteger, formatNumber } from '../format';
import type { ChannelBounds } from '../plan/create-plan';
import { createStoredPlan, listPlans, readPlan, type StoredPlan } from '../workspace/plan-store';
import type { GlobalFlags, Out } from './options';

/** The weeks a plan covers without `--weeks`. */
export const DEFAULT_PLAN_WEEKS = 13;

/** The options of `plan create`, as parsed. */
export interface PlanCreateOptions {
  budget?: string;
  target?: string;
  weeks?: string;
  bounds?: string;
  name?: string;
}

/**
 * Reads a bounds file: `{ "bounds": { <channel>: { min, max, minRelative, maxRelative } }, "locked": [...] }`
 * (or the bounds map alone), checked against `schemas/bounds.schema.json`. Amounts are spend over the
 * plan period; relative bounds multiply the current spend.
 *
 * @throws ConfigError naming the file and field
 */
export function readBoundsFile(file: string): { bounds: Record<string, ChannelBounds>; locked: string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the bounds (${(e as Error).message})`);
  }
  const bare =
    typeof doc === 'object' && doc !== null && !Array.isArray(doc) && !('bounds' in doc) && !('locked' in doc);
  return checkSchema<{ bounds: Record<string, ChannelBounds>; locked: string[] }>(
    'bounds',
    bare ? { bounds: doc } : doc,
    file,
    ConfigError,
  );
}

function positive(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new MixModelerError('E_USAGE', `\`--${flag}\` must be a positive number; got ${v}`);
  return n;
}

function planText(p: StoredPlan): string {
  const head =
    `${p.id}  ${p.name}\nmodel ${p.modelId} version ${p.modelVersion}; ${p.weeks} weeks; ` +
    `${p.objective === 'max-outcome' ? 'maximize the outcome for the budget' : 'reach the target at least spend'}\n` +
    `budget ${formatInteger(p.budget)} (current ${formatInteger(p.current.spend)}); expected outcome ${formatInteger(p.expected.mean)} ` +
    `[${formatInteger(p.expected.lower)}, ${formatInteger(p.expected.upper)}] (current ${formatInteger(p.current.outcome)})\n`;
  const rows = Object.entries(p.channels).map(
    ([n, c]) =>
      `${n.padEnd(14)}${formatInteger(c.spend).padStart(13)}${formatInteger(c.current).padStart(13)}${formatInteger(c.outcome).padStart(13)}` +
      `${formatNumber(c.roi).padStart(7)}${formatNumber(c.marginalRoi).padStart(7)}`,
  );
  return `${head}\n${'channel'.padEnd(14)}${'spend'.padStart(13)}${'current'.padStart(13)}${'outcome'.padStart(13)}${'ROI'.padStart(7)}${'mROI'.padStart(7)}\n${rows.join('\n')}\n`;
}

/**
 * `mixmodeler plan create ID --budget AMOUNT | --target OUTCOME [--weeks N] [--bounds FILE] [--name NAME]`:
 * the budget plan on a model's current version, stored in the workspace.
 *
 * @returns the exit code
 */
export function planCreateCommand(id: string, flags: PlanCreateOptions, global: GlobalFlags, stdout: Out): number {
  const budget = positive('budget', flags.budget);
  const target = positive('target', flags.target);
  if ((budget === undefined) === (target === undefined)) {
    throw new MixModelerError('E_USAGE', '`plan create` needs one of `--budget AMOUNT` and `--target OUTCOME`');
  }
  const weeks = Number(flags.weeks ?? DEFAULT_PLAN_WEEKS);
  const { bounds, locked } = flags.bounds ? readBoundsFile(flags.bounds) : { bounds: {}, locked: [] };
  const plan = createStoredPlan(global.workspace, id, {
    weeks,
    bounds,
    locked,
    ...(budget !== undefined ? { budget } : { target: target! }),
    ...(flags.name ? { name: flags.name } : {}),
  });
  stdout.write(global.json ? JSON.stringify(plan) + '\n' : planText(plan));
  return 0;
}

/**
 * `mixmodeler plan show PLAN_ID`: a stored plan.
 *
 * @returns the exit code
 */
export function planShowCommand(id: string, global: GlobalFlags, stdout: Out): number {
  const plan = readPlan(global.workspace, id);
  stdout.write(global.json ? JSON.stringify(plan) + '\n' : planText(plan));
  return 0;
}

/**
 * `mixmodeler plan list`: the workspace's stored plans.
 *
 * @returns the exit code
 */
export function planListCommand(global: GlobalFlags, stdout: Out): number {
  const plans = listPlans(global.workspace);
  if (global.json) stdout.write(JSON.stringify({ plans }) + '\n');
  else if (plans.length === 0) stdout.write(`no plans in ${global.workspace}\n`);
  else
    for (const p of plans)
      stdout.write(`${p.id}\t${p.modelId} v${p.modelVersion}\t${formatInteger(p.budget)}\t${p.name}\n`);
  return 0;
}
