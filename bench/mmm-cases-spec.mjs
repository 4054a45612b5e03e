// The engine's own accuracy cases (lib/src/synth/cases) as the benches fit them, from a given lib build:
// bench/mmm-grid-cases.mjs and bench/mmm-geo1.mjs. `mm` is the build's index.js, `lateStartCase` its
// synth/cases.js export. Each case: its data for a seed, and the config it is fitted with.
export function casesOf(mm, lateStartCase) {
  const roiPrior = { roiPriors: [{ channel: 'search', roi: 3, sd: 0.3, source: 'experiment' }] };
  return {
    clean: { make: (s) => ({ ...mm.CASES.clean, seed: s }), config: {} },
    realistic: { make: (s) => ({ ...mm.CASES.realistic, seed: s }), config: {} },
    confounded: { make: (s) => mm.confoundedCase(s), config: {} },
    'correlated + ROI prior': { make: (s) => mm.correlatedCase(s), config: roiPrior },
    'late start': { make: (s) => lateStartCase(s), config: {} },
  };
}
