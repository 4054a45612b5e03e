import type {
  PlanContext,
  PlanRequestOptions,
  PlanRow,
  ScenarioComparison,
  StoredPlan,
} from 'mixmodeler-kernel/dist/action-protocol';
import type { ActionRequest, ActionResult } from '../actions/runner';
import { StateModel } from '../ui/state-model';
import { initialPlanForm, planName, planOptions, type PlanForm } from './plan-form';

/** Where an error happened: each shows next to what the user did there. */
export type PlanPlace = 'model' | 'create' | 'scenarios' | 'compare' | 'list' | 'opened';

/** The plans view's state. */
export interface PlansState {
  modelId: string;
  context: PlanContext | null;
  form: PlanForm;
  scenarios: { name: string; options: PlanRequestOptions }[];
  comparison: ScenarioComparison | null;
  plans: PlanRow[];
  /** The plan shown in full (its allocation table and figure). */
  opened: StoredPlan | null;
  /** What is running, in words, and where. */
  busy: { place: PlanPlace; message: string } | null;
  errors: Partial<Record<PlanPlace, string>>;
  notice: string | null;
}

/** What the plans model needs: the kernel's actions, a stored plan's file, a model's name. */
export interface PlansServices {
  run: (request: ActionRequest) => Promise<ActionResult>;
  readPlan: (id: string) => Promise<StoredPlan>;
  modelName: (id: string) => string;
}

/**
 * The plans and scenarios view's model: pick a trained model, a budget or a target, bounds relative
 * to current spend and locked channels, and a plan period; create a stored plan (shown at once, in
 * full), compare scenarios, open, rename and delete stored plans. Every error stays where it happened
 * until the user acts there again.
 */
export class PlansModel extends StateModel<PlansState> {
  constructor(private readonly services: PlansServices) {
    super({
      modelId: '',
      context: null,
      form: initialPlanForm(null),
      scenarios: [],
      comparison: null,
      plans: [],
      opened: null,
      busy: null,
      errors: {},
      notice: null,
    });
  }

  /** The form's options, or what is wrong with it (null before a model is picked). */
  get options(): PlanRequestOptions | string | null {
    return this.state.context ? planOptions(this.state.form, this.state.context) : null;
  }

  /** Runs an action for `place`: its error replaces only that place's error. */
  private async call<T>(place: PlanPlace, message: string, request: ActionRequest): Promise<T | null> {
    this.set({ busy: { place, message }, errors: { ...this.state.errors, [place]: undefined } });
    const r = await this.services.run(request);
    this.set({ busy: null, ...(r.ok ? {} : { errors: { ...this.state.errors, [place]: r.error } }) });
    return r.ok ? (r.value as T) : null;
  }

  /** Reads the stored plans again. */
  async loadPlans(): Promise<void> {
    const plans = await this.call<PlanRow[]>('list', 'reading the plans', { action: 'plans' });
    if (plans) this.set({ plans });
  }

  /** Picks a model and reads its current spend over the plan period. */
  async pick(id: string): Promise<void> {
    this.set({ modelId: id, context: null, scenarios: [], comparison: null, notice: null });
    if (!id) return;
    const weeks = Number(this.state.form.weeks) || 13;
    const context = await this.call<PlanContext>('model', 'reading the current spend', {
      action: 'plan-context',
      id,
      weeks,
    });
    if (context && this.state.modelId === id) this.set({ context, form: initialPlanForm(context, this.state.form) });
  }

  /** Changes the form (a changed form's comparison is kept; its scenarios were fixed when added). */
  change(patch: Partial<PlanForm>): void {
    this.set({ form: { ...this.state.form, ...patch }, errors: { ...this.state.errors, create: undefined } });
  }

  /** Changes one channel's bounds. */
  changeBound(channel: string, patch: Partial<PlanForm['bounds'][string]>): void {
    const b = this.state.form.bounds[channel]!;
    this.change({ bounds: { ...this.state.form.bounds, [channel]: { ...b, ...patch } } });
  }

  /** Changes one geo's bounds. */
  changeGeoBound(geo: string, patch: Partial<PlanForm['geoBounds'][string]>): void {
    const b = this.state.form.geoBounds[geo]!;
    this.change({ geoBounds: { ...this.state.form.geoBounds, [geo]: { ...b, ...patch } } });
  }

  private names(): string[] {
    return [...this.state.plans.map((p) => p.name), ...this.state.scenarios.map((s) => s.name)];
  }

  /** Creates and stores a plan; it opens at once. Its error (an unreachable target) shows at the form. */
  async create(): Promise<void> {
    const options = this.options;
    if (typeof options !== 'object' || options === null) return;
    const name = planName(this.state.form, this.services.modelName(this.state.modelId), this.names());
    const plan = await this.call<StoredPlan>('create', 'creating the plan', {
      action: 'plan',
      id: this.state.modelId,
      name,
      options,
    });
    if (!plan) return;
    this.set({
      opened: plan,
      notice: `Plan “${plan.name}” stored on model version ${plan.modelVersion}.`,
      form: { ...this.state.form, name: '' },
    });
    await this.loadPlans();
  }

  /** Adds the form as a scenario, named as typed or by default (never a name taken). */
  addScenario(): void {
    const options = this.options;
    if (typeof options !== 'object' || options === null) return;
    const name = planName(this.state.form, this.services.modelName(this.state.modelId), this.names());
    this.set({
      scenarios: [...this.state.scenarios, { name, options }],
      comparison: null,
      form: { ...this.state.form, name: '' },
    });
  }

  removeScenario(i: number): void {
    this.set({ scenarios: this.state.scenarios.filter((_, j) => j !== i), comparison: null });
  }

  async compare(): Promise<void> {
    const comparison = await this.call<ScenarioComparison>('compare', 'comparing the scenarios', {
      action: 'scenarios',
      id: this.state.modelId,
      scenarios: this.state.scenarios,
    });
    if (comparison) this.set({ comparison });
  }

  /** Opens a stored plan in full. */
  async open(id: string): Promise<void> {
    this.set({
      busy: { place: 'list', message: 'opening the plan' },
      errors: { ...this.state.errors, list: undefined },
    });
    try {
      const plan = await this.services.readPlan(id);
      this.set({ opened: plan, busy: null });
    } catch (e) {
      this.set({
        busy: null,
        errors: { ...this.state.errors, list: `could not open the plan: ${(e as Error).message}` },
      });
    }
  }

  close(): void {
    this.set({ opened: null });
  }

  /** Renames a stored plan (a name another plan has is refused here, before the kernel). */
  async rename(id: string, name: string): Promise<boolean> {
    const trimmed = name.trim();
    if (trimmed === '') {
      this.set({ errors: { ...this.state.errors, list: 'a plan needs a name' } });
      return false;
    }
    if (this.state.plans.some((p) => p.id !== id && p.name.trim().toLowerCase() === trimmed.toLowerCase())) {
      this.set({ errors: { ...this.state.errors, list: `another plan is named “${trimmed}” already` } });
      return false;
    }
    const done = await this.call<StoredPlan>('list', 'renaming the plan', {
      action: 'plan-rename',
      planId: id,
      name: trimmed,
    });
    if (!done) return false;
    if (this.state.opened?.id === id) this.set({ opened: { ...this.state.opened, name: trimmed } });
    await this.loadPlans();
    return true;
  }

  /** Deletes a stored plan (the view asks first). */
  async remove(id: string): Promise<void> {
    const done = await this.call<unknown>('list', 'deleting the plan', { action: 'plan-delete', planId: id });
    if (done === null) return;
    if (this.state.opened?.id === id) this.set({ opened: null });
    await this.loadPlans();
  }
}
