import type { AttributionView } from 'mixmodeler-kernel/dist/action-protocol';
import { DEFAULT_MTA_METHOD, MTA_METHODS, type MtaMethod } from 'mixmodeler/dist/browser';
import type { ActionRequest, ActionResult } from '../actions/runner';
import { StateModel } from '../ui/state-model';

/** The methods ticked when the view opens: lib's default beside the rules and paths a user knows. */
export const INITIAL_METHODS: readonly MtaMethod[] = [DEFAULT_MTA_METHOD, 'last', 'markov', 'shapley'];

/** What the attribution view holds. */
export interface AttributionState {
  methods: MtaMethod[];
  /** `auto`: from the touch-to-conversion gaps; `days`: the typed number. */
  lookback: 'auto' | 'days';
  days: string;
  view: AttributionView | null;
  busy: string | null;
  error: string | null;
}

/**
 * The request of the form, or what is wrong with it in words: at least one method, and a lookback of
 * auto or 1 to 365 whole days.
 */
export function attributionRequest(s: Pick<AttributionState, 'methods' | 'lookback' | 'days'>): ActionRequest | string {
  if (s.methods.length === 0) return 'pick at least one method';
  // In lib's order, so the table's columns do not follow the clicks.
  const methods = MTA_METHODS.filter((m) => s.methods.includes(m));
  if (s.lookback === 'auto') return { action: 'attribution', methods, lookbackDays: 'auto' };
  const days = Number(s.days);
  if (!Number.isInteger(days) || days < 1 || days > 365) return 'the lookback must be a whole number of days, 1 to 365';
  return { action: 'attribution', methods, lookbackDays: days };
}

/**
 * The attribution view's model: methods side by side on the workspace's event-level data, with the
 * lookback chosen from the data or typed; lib runs them in the kernel (in memory, or out of core for
 * events imported with DuckDB) and the view shows shares, the lookback and what it left out.
 */
export class AttributionModel extends StateModel<AttributionState> {
  constructor(private readonly run: (request: ActionRequest) => Promise<ActionResult>) {
    super({ methods: [...INITIAL_METHODS], lookback: 'auto', days: '28', view: null, busy: null, error: null });
  }

  /** The form's request, or what is wrong with it. */
  get request(): ActionRequest | string {
    return attributionRequest(this.state);
  }

  toggle(method: MtaMethod, on: boolean): void {
    const rest = this.state.methods.filter((m) => m !== method);
    this.set({ methods: on ? [...rest, method] : rest });
  }

  setLookback(lookback: 'auto' | 'days', days = this.state.days): void {
    this.set({ lookback, days });
  }

  /** Runs the attribution; its error (no event data, nothing to attribute) shows in the view. */
  async attribute(): Promise<void> {
    const request = this.request;
    if (typeof request === 'string') return;
    this.set({ busy: 'attributing the conversions', error: null });
    const r = await this.run(request);
    this.set(r.ok ? { busy: null, view: r.value as AttributionView } : { busy: null, error: r.error });
  }
}
