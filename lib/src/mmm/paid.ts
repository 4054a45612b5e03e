// On its own (spec.ts re-exports it) so that the sampler's workers, which build a problem, do not load
// spec.ts and with it the JSON Schemas and their validator (80-150 ms a worker).

/** Whether a channel of the data is paid media (it has spend and an ROI): `paid` absent means paid. */
export function isPaid(c: { paid?: boolean }): boolean {
  return c.paid !== false;
}
