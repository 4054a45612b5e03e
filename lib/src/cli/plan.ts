import { readFileSync } from 'node:fs';
import { ConfigError, MixModelerError } from '../errors';
import { checkSchema } from '../fs/schemas';
import { formatInteger, formatNumber } from '../format';
import { DEFAULT_BOUNDS, type ChannelBounds, type RelativeBounds } from '../plan/plan-bounds';
import type { PlanChannel } from '../plan/plan-types';
import { createStoredPlan, listPlans, readPlan, type StoredPlan } from '../workspace/plan-store';
import { deletePlan, renamePlan } from '../workspace/plan-edit';
import type { GlobalFlags, Out } from './options';

/** The weeks a plan covers without `--weeks`. */
export const DEFAULT_PLAN_WEEKS = 13;

/** The options of `plan create`, as parsed. */
export interface PlanCreateOptions {
  budget?: string;
  target?: string;
  weeks?: string;
  bounds?: string;
  /** `MIN,MAX` multiples of current spend for channels without bounds of their own, or `none`. */
  defaultBounds?: string;
  name?: string;
}

/**
 * Reads `--default-bounds MIN,MAX` (multiples of current spend, e.g. `0.5,1.5`) or `none`.
 *
 * @throws MixModelerError E_USAGE naming the flag and the value
 */
export function parseDefaultBounds(v: string | undefined): RelativeBounds | null {
  if (v === undefined) return { ...DEFAULT_BOUNDS };
  if (v.trim().toLowerCase() === 'none') return null;
  const parts = v.split(',').map((x) => Number(x.trim()));
  const [lo, hi] = parts;
  if (parts.length !== 2 || !Number.isFinite(lo) || !Number.isFinite(hi) || lo! < 0 || hi! < lo!) {
    throw new MixModelerError(
      'E_USAGE',
      `\`--default-bounds\` must be MIN,MAX (multiples of current spend, 0 ≤ MIN ≤ MAX, e.g. 0.5,1.5) or none; got ${v}`,
    );
  }
  return { minRelative: lo!, maxRelative: hi! };
}

/** A bounds file's contents: per channel, per geo and per cell (geo, then channel), and the locked channels. */
export interface BoundsFile {
  bounds?: Record<string, ChannelBounds>;
  geoBounds?: Record<string, ChannelBounds>;
  cellBounds?: Record<string, Record<string, ChannelBounds>>;
  locked?: string[];
}

/**
 * Reads a bounds file: `{ "bounds": { <channel>: { min, max, minRelative, maxRelative } }, "geoBounds":
 * { <geo>: {...} }, "cellBounds": { <geo>: { <channel>: {...} } }, "locked": [...] }` (or the bounds map
 * alone), checked against `schemas/bounds.schema.json`. Amounts are spend over the plan period; relative
 * bounds multiply the current spend (of the channel, the geo or the cell). Geo and cell bounds are for
 * geo-level models; the names are checked against the model when the plan is made.
 *
 * @throws ConfigError naming the file and field
 */
export function readBoundsFile(file: string): BoundsFile {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${file}: cannot read the bounds (${(e as Error).message})`);
  }
  const given = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? Object.keys(doc) : null;
  const bare = given !== null && !['bounds', 'geoBounds', 'cellBounds', 'locked'].some((k) => given.includes(k));
  return checkSchema<BoundsFile>('bounds', bare ? { bounds: doc } : doc, file, ConfigError);
}

function positive(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new MixModelerError('E_USAGE', `\`--${flag}\` must be a positive number; got ${v}`);
  return n;
}

/**
 * A stored plan as text: the head, the table per channel, the bounds and their reasons, the warnings, and
 * the owned channels held at their volume.
 */
export function planText(p: StoredPlan): string {
  const head =
    `${p.id}  ${p.name}\nmodel ${p.modelId} version ${p.modelVersion}; ${p.weeks} weeks; ` +
    `${p.objective === 'max-outcome' ? 'maximize the outcome for the budget' : 'reach the target at least spend'}\n` +
    `budget ${formatInteger(p.budget)} (current ${formatInteger(p.current.spend)}); expected outcome ${formatInteger(p.expected.mean)} ` +
    `[${formatInteger(p.expected.lower)}, ${formatInteger(p.expected.upper)}] (current ${formatInteger(p.current.outcome)})\n`;
  const width = Math.max(14, ...Object.keys(p.byGeo ?? {}).map((g) => g.length + 2));
  const row = (label: string, c: PlanChannel, w = 14) =>
    `${label.padEnd(w)}${formatInteger(c.spend).padStart(13)}${formatInteger(c.current).padStart(13)}${formatInteger(c.outcome).padStart(13)}` +
    `${formatNumber(c.roi).padStart(7)}${formatNumber(c.marginalRoi).padStart(7)}`;
  const columns = `${'spend'.padStart(13)}${'current'.padStart(13)}${'outcome'.padStart(13)}${'ROI'.padStart(7)}${'mROI'.padStart(7)}`;
  const rows = Object.entries(p.channels).map(([n, c]) => row(n, c));
  // Plans on a geo-level model: each geo's cells, then the bounds per geo and those cells have of their own.
  const cells = Object.entries(p.byGeo ?? {}).flatMap(([g, byChannel]) =>
    Object.entries(byChannel).map(([c, x], i) => `${(i ? '' : g).padEnd(width)}${row(c, x)}`),
  );
  const line = (n: string, b: { min: number; max: number; reason: string }) =>
    `  ${n}: ${formatInteger(b.min)} to ${formatInteger(b.max)} (${b.reason})`;
  // Plans stored before bounds and warnings were recorded have neither.
  const bounds = Object.entries(p.bounds ?? {}).map(([n, b]) => line(n, b));
  const geoBounds = Object.entries(p.geoBounds ?? {}).map(([g, b]) => line(g, b));
  const cellBounds = Object.entries(p.cellBounds ?? {}).flatMap(([g, byChannel]) =>
    Object.entries(byChannel)
      .filter(([, b]) => !b.reason.startsWith('the default'))
      .map(([c, b]) => line(`${g}/${c}`, b)),
  );
  const warnings = (p.warnings ?? []).map((w) => `  ! ${w}`);
  // Owned channels without a cost per unit: outside the allocation, held at their volume.
  const held = Object.entries(p.held ?? {}).map(
    ([n, h]) => `  ${n}: ${formatInteger(h.volume)} units, outcome ${formatInteger(h.outcome)} (${h.reason})`,
  );
  return (
    `${head}\n${'channel'.padEnd(14)}${columns}\n${rows.join('\n')}\n` +
    (cells.length ? `\n${'geo'.padEnd(width)}${'channel'.padEnd(14)}${columns}\n${cells.join('\n')}\n` : '') +
    (bounds.length
      ? `\n${p.byGeo ? 'bounds of each channel over the geos' : 'bounds over the plan period'}:\n${bounds.join('\n')}\n`
      : '') +
    (geoBounds.length ? `\nbounds of each geo over its channels:\n${geoBounds.join('\n')}\n` : '') +
    (p.byGeo
      ? `\nbounds of the cells:${cellBounds.length ? `\n${cellBounds.join('\n')}\n  the others:` : ''} the default ${p.boundsRule ? `${p.boundsRule.minRelative}–${p.boundsRule.maxRelative}× current spend` : 'none'}\n`
      : '') +
    (warnings.length ? `\nwarnings:\n${warnings.join('\n')}\n` : '') +
    (held.length ? `\nheld at their volume (owned channels, outside the budget):\n${held.join('\n')}\n` : '')
  );
}

/**
 * `mixmodeler plan create ID --budget AMOUNT | --target OUTCOME [--weeks N] [--bounds FILE]
 * [--default-bounds MIN,MAX|none] [--name NAME]`: the budget plan on a model's current version, stored in
 * the workspace. Channels the bounds file leaves out are held to 0.5–1.5× their current spend unless
 * `--default-bounds` says otherwise; each channel's bounds and their reason are stored and printed, and so
 * is a warning for each channel planned beyond the highest spend per period the model was fitted on.
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
  const defaultBounds = parseDefaultBounds(flags.defaultBounds);
  const file = flags.bounds ? readBoundsFile(flags.bounds) : undefined;
  const plan = createStoredPlan(global.workspace, id, {
    weeks,
    bounds: file?.bounds ?? {},
    locked: file?.locked ?? [],
    // Only given ones: on a national model geo and cell bounds are refused.
    ...(file?.geoBounds && Object.keys(file.geoBounds).length ? { geoBounds: file.geoBounds } : {}),
    ...(file?.cellBounds && Object.keys(file.cellBounds).length ? { cellBounds: file.cellBounds } : {}),
    defaultBounds,
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

/**
 * `mixmodeler plan rename PLAN_ID NAME`: a stored plan's new name (its allocation never changes).
 *
 * @returns the exit code
 */
export function planRenameCommand(id: string, name: string, global: GlobalFlags, stdout: Out): number {
  const plan = renamePlan(global.workspace, id, name);
  stdout.write(global.json ? JSON.stringify(plan) + '\n' : `${plan.id}  ${plan.name}\n`);
  return 0;
}

/**
 * `mixmodeler plan delete PLAN_ID...`: removes stored plans, at once. Every id is checked first, so an
 * unknown one deletes nothing.
 *
 * @returns the exit code
 */
export function planDeleteCommand(ids: string[], global: GlobalFlags, stdout: Out): number {
  for (const id of ids) readPlan(global.workspace, id);
  const deleted = ids.map((id) => deletePlan(global.workspace, id).deleted);
  stdout.write(global.json ? JSON.stringify({ deleted }) + '\n' : deleted.map((id) => `deleted ${id}\n`).join(''));
  return 0;
}
