// Speed of the NUTS sampler (lib/src/math/nuts.ts): leapfrog steps per second on 40-dimensional
// Gaussians, one chain in this thread and 4 chains on worker threads, against the cost of the gradient
// alone. Usage: npx tsc -b lib && node bench/nuts.mjs   (not part of npm test)
import { createRequire } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);
const { sampleNuts } = require('../lib/dist/math/nuts.js');
const { sampleChains, sampleChainsSync } = require('../lib/dist/math/chains.js');
const { gaussianTarget } = require('../lib/dist/math/gaussian-target.js');

const DIM = 40;
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** sds from 0.1 to 10 (the mass matrix must find them), and a dense precision with correlation 0.5. */
const sd = Array.from({ length: DIM }, (_, i) => 10 ** (-1 + (2 * i) / (DIM - 1)));
const diagonal = { mean: new Array(DIM).fill(0), sd };
const precision = (() => {
  // Σ = (1 − ρ) I + ρ 11ᵀ, so Σ⁻¹ = (I − ρ/(1 + (d − 1)ρ) 11ᵀ)/(1 − ρ).
  const rho = 0.5;
  const c = rho / (1 + (DIM - 1) * rho);
  return Array.from({ length: DIM * DIM }, (_, k) => ((k % (DIM + 1) === 0 ? 1 : 0) - c) / (1 - rho));
})();
const dense = { mean: new Array(DIM).fill(0), precision };

/** Wraps a target to count gradient evaluations. */
function counted(target) {
  const t = { dim: target.dim, calls: 0 };
  t.logDensityGradient = (x, g) => (t.calls++, target.logDensityGradient(x, g));
  return t;
}

function gradientOnly(spec) {
  const t = gaussianTarget(spec);
  const x = Float64Array.from({ length: DIM }, (_, i) => Math.sin(i));
  const g = new Float64Array(DIM);
  const n = 200_000;
  let s = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    x[i % DIM] += 1e-9;
    s += t.logDensityGradient(x, g);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!Number.isFinite(s)) throw new Error('bad gradient');
  return seconds / n;
}

function oneChain(spec, seed) {
  const t = counted(gaussianTarget(spec));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = sampleNuts(t, new Float64Array(DIM).fill(0.5), { warmup: 1000, draws: 1000, seed });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpuSeconds = (c.user + c.system) / 1e6;
  const depth = r.stats.treeDepth.reduce((a, b) => a + b, 0) / r.stats.treeDepth.length;
  return { steps: t.calls, seconds, cpuSeconds, depth, stepSize: r.stepSize };
}

/**
 * 4 chains in this thread (steps counted), then the same 4 chains on 2 workers: the same steps, since
 * chain k's draws do not depend on where it ran, so steps / wall time is the parallel rate.
 */
async function fourChains(spec, seed) {
  const options = { chains: 4, warmup: 1000, draws: 1000, seed };
  const t = counted(gaussianTarget(spec));
  let t0 = performance.now();
  sampleChainsSync(t, options);
  const sequential = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await sampleChains(
    { module: require.resolve('../lib/dist/math/gaussian-target.js'), factory: 'gaussianTarget', data: spec },
    { ...options, workers: 2 },
  );
  const parallel = (performance.now() - t0) / 1000;
  return { steps: t.calls, sequential, parallel };
}

const fmt = (v) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : `${(v / 1e3).toFixed(0)} k`);
console.log(
  `NUTS on ${DIM}-dim Gaussians; Node ${process.version}, ${os.cpus()[0]?.model}, ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} at the start`,
);
console.log(
  '| target | gradient alone | one chain: steps/s (per CPU s) | µs per step (of it sampler) | mean tree depth | 4 chains in-process | 4 chains on 2 workers |',
);
console.log('|---|---|---|---|---|---|---|');
for (const [name, spec] of [
  ['diagonal, sd 0.1…10', diagonal],
  ['dense, ρ = 0.5', dense],
]) {
  const grad = gradientOnly(spec);
  oneChain(spec, 0); // warm-up: the JIT compiles the sampler and the gradient
  const runs = [];
  for (let seed = 1; seed <= RUNS; seed++) runs.push(oneChain(spec, seed));
  const rate = median(runs.map((r) => r.steps / r.seconds));
  const cpuRate = median(runs.map((r) => r.steps / r.cpuSeconds));
  const depth = median(runs.map((r) => r.depth));
  const par = [];
  for (let seed = 1; seed <= RUNS; seed++) par.push(await fourChains(spec, seed));
  const seq = median(par.map((r) => r.steps / r.sequential));
  const wall = median(par.map((r) => r.steps / r.parallel));
  const wallSeconds = median(par.map((r) => r.parallel));
  console.log(
    `| ${name} | ${(grad * 1e6).toFixed(2)} µs | ${fmt(rate)} (${fmt(cpuRate)}) | ${(1e6 / rate).toFixed(2)} (${(1e6 / rate - grad * 1e6).toFixed(2)}) | ${depth.toFixed(1)} | ${fmt(seq)} steps/s | ${fmt(wall)} steps/s (${wallSeconds.toFixed(2)} s wall) |`,
  );
}
