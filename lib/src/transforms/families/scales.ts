/** The logistic function, ℝ → (0, 1): the map from the unconstrained scale to a fraction. */
export const sigmoid = (u: number): number => 1 / (1 + Math.exp(-u));

/** The inverse of {@link sigmoid}, (0, 1) → ℝ: logit(p) = ln(p / (1 − p)). */
export const logit = (p: number): number => Math.log(p / (1 - p));
