import type { ModelConfig, HarmonizeSummary } from 'mixmodeler/dist/browser';
import type { ActionProgress, ActionResult } from '../actions/runner';
import { StateModel } from '../ui/state-model';
import { formConfig, formProblem, initialForm, stepsFor, type CanvasForm, type FormProblem, type StepId } from './form';

/** Where a build is. `done` keeps the form it built, so Build stays off until something changes. */
export type BuildState =
  | { phase: 'idle' }
  | { phase: 'running'; progress: ActionProgress | null }
  | { phase: 'done'; message: string }
  | { phase: 'failed'; message: string };

/** The canvas's state: the harmonized data's summary, the form, the current step and the build. */
export interface CanvasState {
  data: HarmonizeSummary | null;
  dataError: string | null;
  loaded: boolean;
  form: CanvasForm;
  step: StepId;
  build: BuildState;
}

/** What the canvas model needs from outside: the data's summary, the build itself, the names taken. */
export interface CanvasServices {
  /** Reads the harmonized data's summary (throws when there is none). */
  readSummary: () => Promise<HarmonizeSummary>;
  /** Builds (or rebuilds) the model and reports progress. */
  build: (config: Record<string, unknown>, onProgress: (p: ActionProgress) => void) => Promise<ActionResult>;
  /** Whether another model has this name already. */
  nameTaken: (name: string) => boolean;
  /** The model being edited, if any. */
  editing?: { id: string; config: ModelConfig };
}

/**
 * The model canvas's view model: the guided configuration of a model, one step at a time, checked by
 * lib's model validation at every change, built through the kernel.
 */
export class CanvasModel extends StateModel<CanvasState> {
  constructor(private readonly services: CanvasServices) {
    super({
      data: null,
      dataError: null,
      loaded: false,
      form: initialForm(null, services.editing?.config),
      step: 'data',
      build: { phase: 'idle' },
    });
  }

  get editing(): CanvasServices['editing'] {
    return this.services.editing;
  }

  /** The steps on these data (the geo step only on geo data). */
  get steps(): ReturnType<typeof stepsFor> {
    return stepsFor(this.state.data);
  }

  /** The form's first problem, at its step (none until the data were read). */
  get problem(): FormProblem | null {
    return this.state.loaded ? formProblem(this.state.form, this.state.data) : null;
  }

  /** A warning that does not block the build: another model has this name. */
  get nameWarning(): string | null {
    const name = this.state.form.name.trim();
    return name && this.services.nameTaken(name) ? `another model is named “${name}” already` : null;
  }

  /** Whether Build can be pressed: a valid form, no build running, and not built already as it is. */
  get canBuild(): boolean {
    return this.problem === null && this.state.build.phase !== 'running' && this.state.build.phase !== 'done';
  }

  /** Reads the harmonized data's summary again; keeps what the user chose and adds what the data bring. */
  async load(): Promise<void> {
    try {
      const data = await this.services.readSummary();
      const fresh = initialForm(data, this.services.editing?.config);
      const had = this.state.loaded ? this.state.form : null;
      this.set({
        data,
        dataError: null,
        loaded: true,
        form: {
          ...fresh,
          ...(had ?? {}),
          conversion: this.state.form.conversion || fresh.conversion,
          touchpoints: { ...fresh.touchpoints, ...(had?.touchpoints ?? {}) },
          geo: had ? { ...had.geo, geos: { ...fresh.geo.geos, ...had.geo.geos } } : fresh.geo,
          factors: { ...fresh.factors, ...(had?.factors ?? {}) },
        },
      });
    } catch (e) {
      this.set({ data: null, dataError: (e as Error).message, loaded: true });
    }
  }

  /** Changes the form; a finished build's outcome goes, so the changed form can be built. */
  change(patch: Partial<CanvasForm>): void {
    const build = this.state.build.phase === 'running' ? this.state.build : { phase: 'idle' as const };
    this.set({ form: { ...this.state.form, ...patch }, build });
  }

  go(step: StepId): void {
    this.set({ step });
  }

  /** Moves `by` steps (−1 back, +1 next), within the steps. */
  move(by: number): void {
    const steps = this.steps;
    const i = steps.findIndex((s) => s.id === this.state.step) + by;
    if (i >= 0 && i < steps.length) this.go(steps[i]!.id);
  }

  /** Builds the model once; a second press while it runs, or after it succeeded, does nothing. */
  async runBuild(): Promise<void> {
    if (!this.canBuild) return;
    this.set({ build: { phase: 'running', progress: null } });
    const result = await this.services.build(formConfig(this.state.form), (progress) =>
      this.set({ build: { phase: 'running', progress } }),
    );
    if (result.ok) {
      const m = result.value as { id: string; name: string; status: string };
      const verb = this.services.editing ? 'Rebuilt' : 'Built';
      this.set({ build: { phase: 'done', message: `${verb} “${m.name}” (${m.id}): ${m.status}` } });
    } else {
      this.set({ build: { phase: 'failed', message: result.error } });
    }
  }
}
