import { describe, expect, it } from 'vitest';
import { GEO_PANEL_SPEC, generateGeoPanel } from '../synth/geo-panel';
import { geoColumns, geoNormalEquations, geoProblem, geoRows } from './geo-problem';
import { geoEvidenceTerms, solveGeoBlocks } from './geo-solve';
import { cholesky } from '../math/linalg';
import { buildProblem, priorMeanU } from './problem';
import { activeSetSolve } from './solve-linear';
import { resolveConfig } from './spec';
import { resolveWindow } from './window';

describe('solveGeoBlocks(q, z, rows)', () => {
  it('gives the dense active set’s optimum on the stacked normal equations, bounds included', () => {
    const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 4, weeks: 60 });
    const byGeo = panel.geos.map((g) => g.data);
    const cfg = resolveConfig({ lookback: 8, adstock: 'geometric', window: panel.window }, byGeo[0]!);
    const window = resolveWindow(byGeo[0]!.dates, cfg.window);
    const q = geoProblem(
      byGeo.map((d) => buildProblem(d, cfg, window)),
      0.2,
      0.5,
      [{ c: 1, roi: 2, sd: 0.3 }],
    );
    const z = geoColumns(q, priorMeanU(q.geos[0]!)).map((cols) => cols.slice());
    // A column that moves against the outcome in every geo puts its effects and centre on their bound at 0.
    for (let g = 0; g < q.G; g++) z[g]![3] = Float64Array.from(q.geos[g]!.y, (y) => Math.max(0, 2 - y));
    const rows = geoRows(q, z);
    const { m, v } = geoNormalEquations(q, z, rows);
    const dense = activeSetSolve(m, v, q.n, q.G * q.B, new Uint8Array(q.n));
    const block = solveGeoBlocks(q, z, rows);
    expect(dense.some((x, i) => i >= q.G * q.B && x === 0)).toBe(true);
    for (let i = 0; i < q.n; i++) expect(block[i]).toBeCloseTo(dense[i]!, 7);
  });

  it('geoEvidenceTerms gives the dense log determinants and unconstrained optimum', () => {
    const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 3, weeks: 60 });
    const byGeo = panel.geos.map((g) => g.data);
    const cfg = resolveConfig({ lookback: 8, adstock: 'geometric', window: panel.window }, byGeo[0]!);
    const window = resolveWindow(byGeo[0]!.dates, cfg.window);
    const q = geoProblem(
      byGeo.map((d) => buildProblem(d, cfg, window)),
      0.3,
      0.5,
      [],
    );
    const z = geoColumns(q, priorMeanU(q.geos[0]!));
    const rows = geoRows(q, z);
    const { m } = geoNormalEquations(q, z, rows);
    const prior = new Float64Array(q.n * q.n);
    for (const row of rows)
      for (const [a, ca] of row.coef) for (const [b, cb] of row.coef) prior[a * q.n + b]! += ca * cb;
    const logDet = (a: Float64Array) => {
      const l = cholesky(a, q.n)!;
      let s = 0;
      for (let i = 0; i < q.n; i++) s += 2 * Math.log(l[i * q.n + i]!);
      return s;
    };
    const t = geoEvidenceTerms(q, z, rows);
    expect(t.logDetPosterior).toBeCloseTo(logDet(m), 6);
    expect(t.logDetPrior).toBeCloseTo(logDet(prior), 6);
  });
});
