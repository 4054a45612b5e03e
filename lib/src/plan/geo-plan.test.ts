import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { nationalSum } from '../harmonize/mmm-data';
import { fitMmm } from '../mmm/fit';
import { fitGeoMmm } from '../mmm/geo-fit';
import { withGeoNational } from '../mmm/geo-national';
import { GEO_PANEL_SPEC, generateGeoPanel, type GeoPanelData, type GeoPanelSpec } from '../synth/geo-panel';
import { createPlan, type Plan } from './create-plan';
import type { GeoPlanData } from './geo-plan';
import { periodResponses } from './period-response';

const WEEKS = 13;

/** A geo-level model on a generated panel, as a training stores it, with the panel's data per geo. */
function geoModel(spec: GeoPanelSpec) {
  const panel = generateGeoPanel(spec);
  const geos = { geos: panel.geos.map((g) => g.name), byGeo: panel.geos.map((g) => g.data) };
  const national = nationalSum(geos.byGeo);
  const config = { lookback: 8, adstock: 'geometric' as const, window: panel.window };
  const fit = withGeoNational(fitMmm(national, config), fitGeoMmm(geos, config));
  return { panel, geos, national, fit };
}

/** The true outcome of spending `spend[geo][channel]` over the plan period: each geo's true curves. */
function trueOutcome(
  panel: GeoPanelData,
  window: { from: string; to: string },
  spend: (g: string, c: string) => number,
) {
  return panel.geos.reduce((s, g) => {
    const channels = Object.entries(g.curves).map(([name, curve]) => ({ name, ...curve }));
    const rs = periodResponses({ window, channels }, g.data, WEEKS);
    return s + rs.reduce((t, r) => t + r.response(spend(g.name, r.channel)), 0);
  }, 0);
}

/** The outcome the geo-level model expects of spending `spend(geo, channel)`: each geo's own curves. */
function modelOutcome(
  fit: ReturnType<typeof geoModel>['fit'],
  geos: GeoPlanData,
  spend: (g: string, c: string) => number,
) {
  return geos.geos.reduce((s, g, k) => {
    const own = fit.geo!.byGeo[k]!.channels;
    const channels = fit.channels.map((c) => ({
      ...fit.geo!.channels[c.name]!,
      name: c.name,
      inputMean: own[c.name]!.inputMean!,
      coefficient: own[c.name]!.coefficient!,
    }));
    const rs = periodResponses({ window: fit.geo!.window, channels }, geos.byGeo[k]!, WEEKS);
    return s + rs.reduce((t, r) => t + r.response(spend(g, r.channel)), 0);
  }, 0);
}

/** A national plan's channel totals spread over the geos in proportion to each geo's current spend. */
function proRata(plan: Plan, geoPlan: Plan) {
  return (g: string, c: string) => {
    const cell = geoPlan.byGeo![g]![c]!;
    return (plan.channels[c]!.spend * cell.current) / plan.channels[c]!.current;
  };
}

function expectWithin(x: number, b: { min: number; max: number }) {
  const tol = 1e-6 * Math.max(1, b.max === Infinity ? x : b.max);
  expect(x).toBeGreaterThanOrEqual(b.min - tol);
  expect(x).toBeLessThanOrEqual(b.max + tol);
}

const models = [
  geoModel({ ...GEO_PANEL_SPEC, geos: 6, weeks: 156, seed: 3 }),
  // Another family: wider ROI differences across geos, uneven sizes, 104 weeks.
  geoModel({ ...GEO_PANEL_SPEC, geos: 5, weeks: 104, seed: 11, roiSpread: 0.45, sizeSpread: 0.9 }),
];

describe('plans across geos', () => {
  it('a geo plan beats the national plan spread over the geos pro rata, on the model and on the truth, and its sums match', () => {
    for (const { panel, geos, national, fit } of models) {
      const current = periodResponses(fit, national, WEEKS).reduce((s, r) => s + r.current, 0);
      for (const scale of [1, 1.3]) {
        const budget = scale * current;
        const plan = createPlan(fit, national, { weeks: WEEKS, budget }, geos);
        const flat = createPlan(fit, national, { weeks: WEEKS, budget });
        expect(flat.byGeo).toBeUndefined();
        expect(Object.keys(plan.byGeo!)).toEqual(geos.geos);
        expect(plan.budget).toBeCloseTo(budget, 0);
        for (const [c, ch] of Object.entries(plan.channels)) {
          const cells = Object.values(plan.byGeo!).map((g) => g[c]!);
          expect(cells.reduce((s, x) => s + x.spend, 0)).toBeCloseTo(ch.spend, 3);
          expect(cells.reduce((s, x) => s + x.outcome, 0)).toBeCloseTo(ch.outcome, 3);
          expect(plan.allocation[c]).toBe(ch.spend);
        }
        const outcomes = Object.values(plan.byGeo!).flatMap((g) => Object.values(g).map((x) => x.outcome));
        expect(outcomes.reduce((s, v) => s + v, 0)).toBeCloseTo(plan.expected.mean, 3);
        // Every cell within the default 0.5–1.5× its current spend.
        for (const [g, cells] of Object.entries(plan.byGeo!)) {
          for (const [c, x] of Object.entries(cells)) {
            expectWithin(x.spend, { min: 0.5 * x.current, max: 1.5 * x.current });
            expect(plan.cellBounds![g]![c]!.reason).toMatch(/^the default 0\.5–1\.5× current spend/);
          }
        }
        // The pro-rata spread of the national plan is one allocation the geo plan could have chosen.
        const spread = proRata(flat, plan);
        const onModel = modelOutcome(fit, geos, spread);
        expect(plan.expected.mean).toBeGreaterThanOrEqual(onModel * (1 - 1e-6));
        const truthGeo = trueOutcome(panel, fit.window, (g, c) => plan.byGeo![g]![c]!.spend);
        const truthFlat = trueOutcome(panel, fit.window, spread);
        expect(truthGeo, `scale ${scale}`).toBeGreaterThanOrEqual(truthFlat);
        expect(plan.expected.lower).toBeLessThanOrEqual(plan.expected.mean);
        expect(plan.expected.upper).toBeGreaterThan(plan.expected.mean);
      }
    }
  });

  it('without default bounds (cells free to reach 0 on S-shaped curves) the geo plan still beats the pro-rata national plan on the model', () => {
    for (const { geos, national, fit } of models) {
      const current = periodResponses(fit, national, WEEKS).reduce((s, r) => s + r.current, 0);
      for (const scale of [0.5, 2]) {
        const options = { weeks: WEEKS, budget: scale * current, defaultBounds: null };
        const plan = createPlan(fit, national, options, geos);
        const flat = createPlan(fit, national, options);
        expect(plan.expected.mean).toBeGreaterThan(modelOutcome(fit, geos, proRata(flat, plan)));
      }
    }
  });

  it("a geo plan's 90% interval covers the outcome the true curves give its allocation (6 seeds), and is not vacuous", () => {
    let covered = 0;
    const widths: number[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const { panel, geos, national, fit } = geoModel({ ...GEO_PANEL_SPEC, geos: 5, weeks: 104, seed });
      const budget = periodResponses(fit, national, WEEKS).reduce((s, r) => s + r.current, 0);
      const plan = createPlan(fit, national, { weeks: WEEKS, budget }, geos);
      const truth = trueOutcome(panel, fit.window, (g, c) => plan.byGeo![g]![c]!.spend);
      if (plan.expected.lower <= truth && truth <= plan.expected.upper) covered++;
      widths.push((plan.expected.upper - plan.expected.mean) / plan.expected.mean);
    }
    expect(covered).toBeGreaterThanOrEqual(5);
    expect(Math.max(...widths)).toBeLessThan(0.4);
    expect(Math.min(...widths)).toBeGreaterThan(0.03);
  });

  it('channel, geo and cell bounds all hold at once, with their reasons, and bind', () => {
    const { geos, national, fit } = models[0]!;
    const [g1, g2] = geos.geos as [string, string];
    const budget = periodResponses(fit, national, WEEKS).reduce((s, r) => s + r.current, 0);
    const free = createPlan(fit, national, { weeks: WEEKS, budget }, geos);
    // Push each bound against where the free plan went: tv's total up, g1's total down, one cell fixed.
    const tvUp = (1.02 * free.channels['tv']!.spend) / free.channels['tv']!.current;
    const g1Spend = Object.values(free.byGeo![g1]!).reduce((s, x) => s + x.spend, 0);
    const g1Current = Object.values(free.byGeo![g1]!).reduce((s, x) => s + x.current, 0);
    const g1Down = Math.round((100 * (0.97 * g1Spend)) / g1Current) / 100;
    const fixed = 1.2 * free.byGeo![g2]!['search']!.current;
    const plan = createPlan(
      fit,
      national,
      {
        weeks: WEEKS,
        budget,
        bounds: { tv: { minRelative: tvUp } },
        geoBounds: { [g1]: { maxRelative: g1Down } },
        cellBounds: { [g2]: { search: { min: fixed, max: fixed } } },
      },
      geos,
    );
    expect(plan.budget).toBeCloseTo(budget, 0);
    expect(plan.channels['tv']!.spend).toBeGreaterThanOrEqual(tvUp * plan.channels['tv']!.current * (1 - 1e-9));
    expect(plan.bounds['tv']!.reason).toMatch(
      /^your bounds: min [\d.]+× current spend; no max bound; current spend [\d,]+; its cells allow/,
    );
    expect(plan.bounds['search']!.reason).toMatch(/^no bounds of its own: its cells allow [\d,]+ to [\d,]+/);
    const g1Total = Object.values(plan.byGeo![g1]!).reduce((s, x) => s + x.spend, 0);
    expect(g1Total).toBeLessThanOrEqual(g1Down * g1Current * (1 + 1e-9));
    expect(plan.geoBounds![g1]!.reason).toMatch(/^your bounds: max [\d.]+× current spend/);
    expect(plan.byGeo![g2]!['search']!.spend).toBeCloseTo(fixed, 3);
    expect(plan.cellBounds![g2]!['search']!.reason).toMatch(/^your bounds: min [\d,]+, max [\d,]+/);
    for (const [g, cells] of Object.entries(plan.byGeo!)) {
      expectWithin(
        Object.values(cells).reduce((s, x) => s + x.spend, 0),
        plan.geoBounds![g]!,
      );
      for (const [c, x] of Object.entries(cells)) expectWithin(x.spend, plan.cellBounds![g]![c]!);
    }
    for (const [c, x] of Object.entries(plan.channels)) expectWithin(x.spend, plan.bounds[c]!);
    // The bounds bind: the plan buys less than the free one, and each sits on its bound.
    expect(plan.expected.mean).toBeLessThan(free.expected.mean);
    expect(plan.channels['tv']!.spend / (tvUp * plan.channels['tv']!.current)).toBeCloseTo(1, 4);
    expect(g1Total / (g1Down * g1Current)).toBeCloseTo(1, 4);
  });

  it('a locked channel keeps every cell at its current spend; a target is reached at least spend', () => {
    const { geos, national, fit } = models[1]!;
    const budget = periodResponses(fit, national, WEEKS).reduce((s, r) => s + r.current, 0);
    const locked = createPlan(fit, national, { weeks: WEEKS, budget, locked: ['tv'] }, geos);
    for (const cells of Object.values(locked.byGeo!)) expect(cells['tv']!.spend).toBeCloseTo(cells['tv']!.current, 3);
    const best = createPlan(fit, national, { weeks: WEEKS, budget }, geos);
    const target = 0.97 * best.expected.mean;
    const least = createPlan(fit, national, { weeks: WEEKS, target }, geos);
    expect(least.objective).toBe('min-spend');
    expect(least.expected.mean).toBeGreaterThanOrEqual(target * (1 - 1e-6));
    expect(least.budget).toBeLessThan(budget);
    expect(createPlan(fit, national, { weeks: WEEKS, budget: 0.99 * least.budget }, geos).expected.mean).toBeLessThan(
      target,
    );
  });

  it('an owned channel is held at its volume outside the cells, or planned at its cost per unit', () => {
    // display as email-like sends: no spend, its input the volume.
    const panel = generateGeoPanel({ ...GEO_PANEL_SPEC, geos: 4, weeks: 104, seed: 5 });
    const asOwned = (costPerUnit?: number) =>
      panel.geos.map((g) => ({
        ...g.data,
        channels: g.data.channels.map((c) =>
          c.name === 'display'
            ? { ...c, paid: false, spend: new Float64Array(c.spend.length), ...(costPerUnit ? { costPerUnit } : {}) }
            : c,
        ),
      }));
    const config = { lookback: 8, adstock: 'geometric' as const, window: panel.window };
    const names = panel.geos.map((g) => g.name);
    for (const cost of [undefined, 0.5]) {
      const byGeo = asOwned(cost);
      const national = nationalSum(byGeo);
      const fit = withGeoNational(fitMmm(national, config), fitGeoMmm({ geos: names, byGeo }, config));
      const current = periodResponses(fit, national, WEEKS)
        .filter((r) => r.channel !== 'display')
        .reduce((s, r) => s + r.current, 0);
      const geos = { geos: names, byGeo };
      if (cost === undefined) {
        const plan = createPlan(fit, national, { weeks: WEEKS, budget: current }, geos);
        expect(Object.keys(plan.channels)).toEqual(['tv', 'search', 'social']);
        expect(Object.keys(plan.byGeo![names[0]!]!)).toEqual(['tv', 'search', 'social']);
        expect(plan.held!['display']!.volume).toBeGreaterThan(0);
        expect(plan.budget).toBeCloseTo(current, 0);
        expect(() =>
          createPlan(
            fit,
            national,
            { weeks: WEEKS, budget: current, cellBounds: { [names[0]!]: { display: { max: 1 } } } },
            geos,
          ),
        ).toThrow(/owned channel without a cost per unit/);
      } else {
        const plan = createPlan(fit, national, { weeks: WEEKS, budget: current }, geos);
        const cell = plan.byGeo![names[1]!]!['display']!;
        const volume = byGeo[1]!.channels.find((c) => c.name === 'display')!.input;
        const sends = volume.slice(-WEEKS).reduce((s, v) => s + v, 0);
        expect(cell.current).toBeCloseTo(cost * sends, 3);
        expect(plan.held).toBeUndefined();
      }
    }
  });

  it('bad names, empty bounds, budgets out of reach and old models are refused in words', () => {
    const { geos, national, fit } = models[0]!;
    const budget = periodResponses(fit, national, WEEKS).reduce((s, r) => s + r.current, 0);
    const plan = (o: Partial<Parameters<typeof createPlan>[2]>, f = fit) =>
      createPlan(f, national, { weeks: WEEKS, budget, ...o }, geos);
    const known = geos.geos.join(', ');
    expect(() => plan({ geoBounds: { north: { max: 1 } } })).toThrow(
      `geo bounds name geo "north", not in the model (its geos: ${known})`,
    );
    expect(() => plan({ cellBounds: { north: { tv: { max: 1 } } } })).toThrow(/cell bounds name geo "north"/);
    expect(() => plan({ cellBounds: { [geos.geos[0]!]: { radio: { max: 1 } } } })).toThrow(
      `cell bounds of geo ${geos.geos[0]} name channel "radio", not in the model (its channels: tv, search, social, display)`,
    );
    expect(() => plan({ bounds: { radio: { max: 1 } } })).toThrow(
      /bounds or locks name channel "radio".*its channels: tv/,
    );
    expect(() => plan({ geoBounds: { [geos.geos[0]!]: { min: 1e12 } } })).toThrow(
      new RegExp(`^the bounds of geo ${geos.geos[0]} are empty: min 1,000,000,000,000 > max [\\d,]+`),
    );
    expect(() => plan({ budget: 3 * budget })).toThrow(
      /^the budget [\d,]+ is outside what the bounds allow: [\d,]+ to [\d,]+ \(cells without bounds of their own are held to 0\.5–1\.5×/,
    );
    const { geo: _geo, ...nationalFit } = fit;
    void _geo;
    expect(() => createPlan(nationalFit, national, { weeks: WEEKS, budget, geoBounds: {} })).toThrow(
      /need a geo-level model; this model is national/,
    );
    const old = {
      ...fit,
      geo: {
        ...fit.geo!,
        byGeo: fit.geo!.byGeo.map((g) => ({
          ...g,
          channels: Object.fromEntries(
            Object.entries(g.channels).map(([c, x]) => [
              c,
              { roi: x.roi, contribution: x.contribution, spend: x.spend },
            ]),
          ),
        })),
      },
    };
    expect(() => plan({}, old)).toThrow(ConfigError);
    expect(() => plan({}, old)).toThrow(/trained before plans across geos.*retrain it/);
  });
});
