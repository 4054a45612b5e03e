import { describe, expect, it } from 'vitest';
import type { ActionResult } from '../actions/runner';
import { CanvasModel } from './canvas-model';
import { harmonizeSummary } from '../harmonize-summary.fixture';

const DATA = harmonizeSummary();

function canvas(taken: string[] = []) {
  const builds: Record<string, unknown>[] = [];
  let finish!: (r: ActionResult) => void;
  const model = new CanvasModel({
    readSummary: async () => DATA,
    nameTaken: (n) => taken.includes(n),
    build: (config) => {
      builds.push(config);
      return new Promise((r) => (finish = r));
    },
  });
  return { model, builds, finish: (r: ActionResult) => finish(r) };
}

const OK: ActionResult = { ok: true, action: 'build', value: { id: 'm-1', name: 'Revenue MMM', status: 'success' } };

describe('CanvasModel', () => {
  it('Build is off while a build runs and after it succeeded, until a choice changes', async () => {
    const { model, builds, finish } = canvas();
    await model.load();
    model.change({ name: 'Revenue MMM' });
    expect(model.canBuild).toBe(true);
    const first = model.runBuild();
    expect(model.canBuild).toBe(false);
    await model.runBuild(); // a second press while it runs
    finish(OK);
    await first;
    expect(model.state.build).toEqual({ phase: 'done', message: 'Built “Revenue MMM” (m-1): success' });
    expect(model.canBuild).toBe(false);
    await model.runBuild(); // a press after success
    expect(builds).toHaveLength(1);
    model.change({ description: 'weekly' });
    expect(model.canBuild).toBe(true);
  });

  it('a failed build says why and can be pressed again', async () => {
    const { model, finish } = canvas();
    await model.load();
    model.change({ name: 'Revenue MMM' });
    const run = model.runBuild();
    finish({ ok: false, action: 'build', error: 'the kernel died', code: 'E_KERNEL' });
    await run;
    expect(model.state.build).toEqual({ phase: 'failed', message: 'the kernel died' });
    expect(model.canBuild).toBe(true);
  });

  it('nameWarning warns of a name another model has, without blocking the build', async () => {
    const { model } = canvas(['Revenue MMM']);
    await model.load();
    model.change({ name: 'Revenue MMM' });
    expect(model.nameWarning).toBe('another model is named “Revenue MMM” already');
    expect(model.canBuild).toBe(true);
  });

  it('move(by) walks the steps within their range', async () => {
    const { model } = canvas();
    model.move(-1);
    expect(model.state.step).toBe('data');
    model.move(1);
    expect(model.state.step).toBe('conversion');
  });
});
