import { describe, expect, it } from 'vitest';
import { generateSynthetic } from '../synth/generate';
import { speedCase } from '../synth/cases';
import { evaluate } from './objective';
import { buildProblem, mediaColumns, priorMeanU, priorRows, rowCoef, type PriorRow } from './problem';
import { normalEquations } from './solve-linear';
import { resolveConfig } from './spec';
import { resolveWindow } from './window';

function problem() {
  const { data } = generateSynthetic(speedCase(8, 104));
  // one sparse channel, so the spend-share rows have different sds
  const sparse = data.channels[2]!;
  sparse.input = sparse.input.map((v, t) => (t % 3 === 0 ? v : 0));
  sparse.spend = sparse.input;
  const cfg = resolveConfig({ lookback: 8 }, data);
  const p = buildProblem(data, cfg, resolveWindow(data.dates, cfg.window));
  p.sigma = 0.05;
  p.poolRoi = 1.7;
  const u = priorMeanU(p);
  return { p, u, z: mediaColumns(p, u) };
}

describe('the spend-share rows in compact form', () => {
  it('normalEquations adds them exactly as their full rows would be added', () => {
    const { p, z } = problem();
    const rows = priorRows(p, z);
    expect(rows.filter((r) => r.lowRank).length).toBe(8);
    const full: PriorRow[] = rows.map((row) => ({ label: row.label, coef: rowCoef(row), target: row.target }));
    const fast = normalEquations(p, z, rows);
    const slow = normalEquations(p, z, full);
    const scale = Math.max(...slow.m.map(Math.abs));
    for (let i = 0; i < slow.m.length; i++) expect(Math.abs(fast.m[i]! - slow.m[i]!)).toBeLessThan(1e-12 * scale);
    expect(Array.from(fast.v)).toEqual(Array.from(slow.v));
  });

  it('evaluate gives each row the residual of its full coefficients', () => {
    const { p, u, z } = problem();
    const rows = priorRows(p, z);
    const e = evaluate(p, u);
    rows.forEach((row, i) => {
      let s = -row.target;
      for (const [j, cj] of rowCoef(row)) s += cj * e.beta[j]!;
      expect(e.residuals[p.T + i]).toBeCloseTo(s, 10);
    });
  });
});
