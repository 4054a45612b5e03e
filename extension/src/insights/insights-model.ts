import type { ModelInsightsView } from 'mixmodeler-kernel/dist/action-protocol';
import type { ActionRequest, ActionResult } from '../actions/runner';
import { StateModel } from '../ui/state-model';

/** The insights view's state: the view lib computed, or the error that kept it. */
export interface InsightsState {
  view: ModelInsightsView | null;
  error: string | null;
  loading: boolean;
}

/** A trained model's insights, computed by lib in the kernel. */
export class InsightsModel extends StateModel<InsightsState> {
  constructor(
    private readonly run: (request: ActionRequest) => Promise<ActionResult>,
    readonly modelId: string,
  ) {
    super({ view: null, error: null, loading: false });
  }

  async load(): Promise<void> {
    this.set({ loading: true, error: null });
    const r = await this.run({ action: 'insights', id: this.modelId });
    if (r.ok) this.set({ view: r.value as ModelInsightsView, loading: false });
    else this.set({ error: r.error, loading: false });
  }
}
