// A channel's media column under a given curve, for the oracle benches (bench/geo-floor.mjs,
// bench/mmm-floor.mjs): saturation(adstock(input / inputMean)) over every row, with the adstock and the
// saturation as TransformJSON (a generator's truth.curves entry or a fitted channel carries both).

/** saturation(adstock(input / inputMean)) over every row; adstock is linear, so the scale may come first. */
export function curveColumn(mm, input, adstock, saturation, inputMean) {
  const scaled = Float64Array.from(input, (v) => v / inputMean);
  return mm.transformFromJSON(saturation).apply(mm.transformFromJSON(adstock).apply(scaled));
}
