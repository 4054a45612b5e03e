import { formatNumber } from '../../format';
import type { ParamPrior } from './family';
import { logit, sigmoid } from './scales';

/** The cap on an adstock's retention per period θ: θ = THETA_MAX · sigmoid(u), so θ ∈ (0, 0.95). */
export const THETA_MAX = 0.95;

/** The prior of the retention on the u scale: centred on θ = 0.4. */
export const retentionPrior = (): ParamPrior => ({ name: 'theta', mean: logit(0.4 / THETA_MAX), sd: 1.3 });

/** θ from its u value. */
export const retentionFromU = (u: number): number => THETA_MAX * sigmoid(u);

/** u from θ, the inverse of {@link retentionFromU}. */
export const retentionToU = (theta: number): number => logit(theta / THETA_MAX);

/** The reason a retention sits near its cap, if it does. */
export const retentionAtCap = (theta: number): string[] =>
  theta > 0.9 ? [`adstock retention ${formatNumber(theta)} near its cap ${THETA_MAX}`] : [];
