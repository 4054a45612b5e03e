import { listModels, readModel } from 'mixmodeler';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_MODEL, sampleWorkspace } from '../../tests/helpers/sample-workspace';
import { ACTION_PROGRESS_MIME, ACTION_RESULT_MIME, type ModelDetails } from './action-protocol';
import { runAction } from './actions';

const config = { ...SAMPLE_MODEL, name: 'Revenue <b>MMM</b>' };

function recorder() {
  const shown: { mime: string; value: Record<string, unknown> }[] = [];
  return {
    shown,
    display: { raw: (mime: string, value: unknown) => shown.push({ mime, value: value as Record<string, unknown> }) },
  };
}

let ws: string;
beforeAll(() => {
  ws = sampleWorkspace('mm-actions-');
});

describe('runAction', () => {
  it('builds a model with progress, then trains, re-scores with confirmation, duplicates, edits and deletes', async () => {
    const { shown, display } = recorder();
    const built = await runAction({ action: 'build', config }, { workspace: ws, display });
    expect(built).toMatchObject({ ok: true, value: { name: 'Revenue <b>MMM</b>', conversion: 'revenue' } });
    const id = (built as { value: { id: string } }).value.id;
    expect(['success', 'training issue']).toContain(readModel(ws, id).status);
    const progress = shown.filter((s) => s.mime === ACTION_PROGRESS_MIME).map((s) => s.value);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[progress.length - 1]).toMatchObject({ stage: 'finished' });
    expect(shown[shown.length - 1]).toEqual({ mime: ACTION_RESULT_MIME, value: built });

    // A six-month re-train is refused with its reason, and changes nothing.
    const short = await runAction(
      { action: 'train', id, window: { from: '2025-06-02', to: '2025-11-24' } },
      { workspace: ws, display },
    );
    expect(short).toMatchObject({ ok: false, code: 'E_INPUT' });
    expect((short as { error: string }).error).toMatch(/at least one year; 2025-06-02\.\.2025-11-24 spans 182 days/);
    expect(readModel(ws, id).versions).toHaveLength(1);

    const rescore = { action: 'score', id, from: '2025-06-02', to: '2025-06-30' };
    expect(await runAction(rescore, { workspace: ws, display })).toMatchObject({
      ok: false,
      confirm: { periods: 5, from: '2025-06-02', to: '2025-06-30' },
    });
    expect(await runAction({ ...rescore, replace: true }, { workspace: ws, display })).toMatchObject({
      ok: true,
      value: { scored: { periods: 5 } },
    });
    // No new data to score is an answer in words, naming the model by its name, not a failure.
    const nothing = (await runAction({ action: 'score', id }, { workspace: ws, display })) as {
      ok: boolean;
      value: { scored: { periods: number }; message: string };
    };
    expect(nothing.ok).toBe(true);
    expect(nothing.value.scored.periods).toBe(0);
    expect(nothing.value.message).toMatch(
      /: no new periods to score after \d{4}-\d\d-\d\d; its scores are up to date$/,
    );
    expect(nothing.value.message).not.toContain(id);

    const details = (await runAction({ action: 'details', id }, { workspace: ws, display })) as {
      value: ModelDetails;
    };
    expect(Object.keys(details.value.roi!).sort()).toEqual(['display', 'email', 'podcast', 'search', 'social', 'tv']);
    expect(details.value.model.runs.map((r) => r.kind)).toEqual(['train', 'score']);

    const insights = (await runAction({ action: 'insights', id }, { workspace: ws, display })) as {
      value: { figures: { layout: { title: { text: string } } }[] };
    };
    expect(insights.value.figures.map((f) => f.layout.title.text)).toHaveLength(7);

    // Plans: the current spend, a stored plan on this version, two scenarios side by side, the ROI board.
    const context = (await runAction({ action: 'plan-context', id, weeks: 13 }, { workspace: ws, display })) as {
      value: { channels: Record<string, number>; current: { spend: number } };
    };
    const currentTotal = Object.values(context.value.channels).reduce((a, b) => a + b, 0);
    expect(currentTotal).toBeCloseTo(context.value.current.spend, 0);
    const plan = await runAction(
      { action: 'plan', id, name: 'Q1', options: { weeks: 13, budget: currentTotal, locked: ['tv'] } },
      { workspace: ws, display },
    );
    expect(plan).toMatchObject({ ok: true, value: { name: 'Q1', modelId: id, modelVersion: 1, weeks: 13 } });
    expect((plan as { value: { allocation: Record<string, number> } }).value.allocation['tv']).toBeCloseTo(
      context.value.channels['tv']!,
      0,
    );
    expect(await runAction({ action: 'plans' }, { workspace: ws, display })).toMatchObject({
      ok: true,
      value: [{ name: 'Q1', modelVersion: 1 }],
    });
    // The plans view renames and deletes stored plans through the kernel (under the workspace lock).
    const planId = (plan as { value: { id: string } }).value.id;
    expect(
      await runAction({ action: 'plan-rename', planId, name: 'Q1 at current spend' }, { workspace: ws, display }),
    ).toMatchObject({ ok: true, value: { id: planId, name: 'Q1 at current spend' } });
    expect(await runAction({ action: 'plan-rename', planId }, { workspace: ws, display })).toMatchObject({
      ok: false,
    });
    const again = await runAction(
      { action: 'plan', id, options: { weeks: 13, budget: currentTotal } },
      { workspace: ws, display },
    );
    const secondId = (again as { value: { id: string } }).value.id;
    expect(await runAction({ action: 'plan-delete', planId: secondId }, { workspace: ws, display })).toMatchObject({
      ok: true,
      value: { deleted: secondId },
    });
    expect(await runAction({ action: 'plans' }, { workspace: ws, display })).toMatchObject({
      ok: true,
      value: [{ id: planId, name: 'Q1 at current spend' }],
    });
    const compared = (await runAction(
      {
        action: 'scenarios',
        id,
        scenarios: [
          { name: 'as now', options: { weeks: 13, budget: currentTotal } },
          { name: '+50%', options: { weeks: 13, budget: currentTotal * 1.5 } },
        ],
      },
      { workspace: ws, display },
    )) as { value: { table: { name: string; outcome: number }[] } };
    expect(compared.value.table.map((t) => t.name)).toEqual(['as now', '+50%']);
    expect(compared.value.table[1]!.outcome).toBeGreaterThan(compared.value.table[0]!.outcome);
    const board = (await runAction({ action: 'leaderboard' }, { workspace: ws, display })) as {
      value: { roi: number; channel: string }[];
    };
    expect(board.value).toHaveLength(6);
    expect(board.value[0]!.roi).toBeGreaterThanOrEqual(board.value[5]!.roi);
    // The dashboard's first open: one action, nothing needs to exist (no dashboard.json saved here).
    const overview = (await runAction({ action: 'overview' }, { workspace: ws, display })) as {
      ok: boolean;
      value: { widgets: string[]; leaderboard: unknown[]; figures: { leaderboard: unknown; coverage: unknown } };
    };
    expect(overview.ok).toBe(true);
    expect(overview.value.widgets).toEqual(['coverage', 'status', 'runs', 'leaderboard', 'plans']);
    expect(overview.value.leaderboard).toHaveLength(6);
    expect(overview.value.figures.leaderboard).toBeTruthy();
    expect(overview.value.figures.coverage).toBeTruthy();

    const copy = (await runAction({ action: 'duplicate', id }, { workspace: ws, display })) as {
      value: { id: string };
    };
    const edited = await runAction(
      { action: 'edit', id: copy.value.id, name: 'Copy', schedule: { enabled: true, frequency: 'monthly' } },
      { workspace: ws, display },
    );
    expect(edited).toMatchObject({
      ok: true,
      value: { name: 'Copy', runFrequency: 'monthly', status: 'awaiting training' },
    });
    expect(await runAction({ action: 'delete', ids: [id, copy.value.id] }, { workspace: ws, display })).toMatchObject({
      ok: true,
    });
    expect(listModels(ws)).toEqual([]);
  });

  it('answers a bad request or a bad config with the message, never a throw', async () => {
    const { display } = recorder();
    expect(await runAction({ action: 'explode' }, { workspace: ws, display })).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /`action` must be one of details, insights, plan-context, plan, scenarios, plans, leaderboard, duplicate/,
      ),
    });
    expect(await runAction({ action: 'train' }, { workspace: ws, display })).toMatchObject({
      error: '`train` needs a model `id`',
    });
    expect(
      await runAction({ action: 'build', config: { ...config, lookbackWeeks: 99 } }, { workspace: ws, display }),
    ).toMatchObject({ ok: false, code: 'E_CONFIG', error: expect.stringMatching(/the model canvas: `lookbackWeeks`/) });
    expect(listModels(ws)).toEqual([]);
  });
});
