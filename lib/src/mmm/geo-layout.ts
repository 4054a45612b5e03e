import type { Problem } from './problem';

/**
 * The geo-level problem: one {@link Problem} per geo (its own outcome, base and spend scale) sharing the
 * curve parameters u, so every geo's Problem has the same layout and u indexes them all alike.
 *
 * The linear unknowns θ are laid out [base_1 … base_G, r_1 … r_C, β_{1,1} … β_{G,C}] (B base columns a
 * geo, C channels): r_c is the centre of channel c's ROIs across geos, and each geo's ROI
 * a_{g,c}·β_{g,c} (a = {@link roiPerBeta}) is drawn around it with sd τ_c·ref_c (partial pooling).
 * r and β are ≥ 0, the base is free.
 */
export interface GeoProblem {
  geos: Problem[];
  G: number;
  B: number;
  C: number;
  /** Unknowns: G·B + C + G·C. */
  n: number;
  /** Relative spread of each channel's geo ROIs around its centre (sd over `ref`). */
  tau: number[];
  /** The ROI scale each channel's spread is relative to (a first pass's national ROI, floored). */
  ref: number[];
  /** The spend-share prior's relative sd on the centres r (null when off), around the pooled ROI `pool`. */
  spendShareSd: number | null;
  pool: number;
  /** User ROI priors on the national ROI: channel index, roi, sd. */
  roiPriors: { c: number; roi: number; sd: number }[];
  /** The last active set of the β ≥ 0 solve (warm start). */
  fixed: Uint8Array;
}

/** A linear prior row over θ: Σ coef·θ ≈ target, already divided by its sd. */
export interface GeoRow {
  coef: [number, number][];
  target: number;
}

/** θ's index of geo g's base column j. */
export const baseAt = (q: GeoProblem, g: number, j: number) => g * q.B + j;
/** θ's index of channel c's centre r_c. */
export const centreAt = (q: GeoProblem, c: number) => q.G * q.B + c;
/** θ's index of β_{g,c}. */
export const betaAt = (q: GeoProblem, g: number, c: number) => q.G * q.B + q.C + g * q.C + c;
