import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { chainSeed, defaultInit } from './chain-run';
import { parameterDraws, sampleChainsSync, type ChainsResult } from './chains';
import { gaussianTarget, type GaussianSpec } from './gaussian-target';
import type { NutsPhase } from './nuts';

// sampleChains runs chains in worker threads, and a worker thread cannot load TypeScript: the worker
// path is tested on lib's compiled build (lib/dist, which `npm test` builds with `tsc -b lib` before
// vitest runs; run `npx tsc -b lib` first when running this file alone). Its draws are compared with
// sampleChainsSync from these sources, so a stale build fails here too.

const DIST = resolve(__dirname, '../../dist/math');
if (!existsSync(`${DIST}/chain-worker.js`))
  throw new Error(`${DIST}/chain-worker.js is missing: run npx tsc -b lib first`);
const dist = createRequire(import.meta.url)(`${DIST}/chains.js`) as typeof import('./chains');
const TARGET = { module: `${DIST}/gaussian-target.js`, factory: 'gaussianTarget' };

const SPEC: GaussianSpec = { mean: [1, -1, 0.5], sd: [0.5, 2, 1] };
const OPTIONS = { chains: 4, warmup: 150, draws: 100, seed: 42 };

/** The bytes of every array of a run, for a bit-for-bit comparison. */
function bytes(r: ChainsResult): Buffer[] {
  return r.chains.flatMap((c) =>
    [c.draws, c.inverseMassDiagonal, ...Object.values(c.stats), Float64Array.of(c.stepSize)].map((a) =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    ),
  );
}

type Call = [number, NutsPhase, number, number];

describe('chains', () => {
  it('sampleChains(4 chains, 2 workers) gives bit-identical draws and stats to sampleChainsSync, with progress per chain', async () => {
    const calls: Call[] = [];
    const parallel = await dist.sampleChains(
      { ...TARGET, data: SPEC },
      { ...OPTIONS, workers: 2, onProgress: (...c) => calls.push(c) },
    );
    const syncCalls: Call[] = [];
    const sync = sampleChainsSync(gaussianTarget(SPEC), { ...OPTIONS, onProgress: (...c) => syncCalls.push(c) });
    expect(parallel.dim).toBe(3);
    expect(parallel.chains).toHaveLength(4);
    const a = bytes(parallel);
    const b = bytes(sync);
    expect(a.length).toBe(b.length);
    a.forEach((buf, i) => expect(buf.equals(b[i]!)).toBe(true));
    for (let chain = 0; chain < 4; chain++) {
      const own = (cs: Call[]) => cs.filter((c) => c[0] === chain);
      expect(own(calls)).toEqual(own(syncCalls));
      expect(own(calls).at(-1)).toEqual([chain, 'sampling', 100, 100]);
      expect(own(calls)).toContainEqual([chain, 'warmup', 150, 150]);
    }
    // Distinct chains, not one chain four times.
    expect(parallel.chains[0]!.draws[0]).not.toBe(parallel.chains[1]!.draws[0]);
  });

  it('sampleChains(…, { inits, workers: 3 }) starts each chain where asked and matches sampleChainsSync', async () => {
    const inits = [0, 1, 2, 3].map((c) => Float64Array.of(c, -c, 0.5 * c));
    const options = { ...OPTIONS, warmup: 0, draws: 5, inits };
    const parallel = await dist.sampleChains({ ...TARGET, data: SPEC }, { ...options, workers: 3 });
    const sync = sampleChainsSync(gaussianTarget(SPEC), options);
    bytes(parallel).forEach((buf, i) => expect(buf.equals(bytes(sync)[i]!)).toBe(true));
  });

  it('sampleChains({ factory: missing }) rejects with InputError naming the chain and the export', async () => {
    const run = dist.sampleChains({ ...TARGET, factory: 'noSuchExport', data: SPEC }, { ...OPTIONS, workers: 1 });
    await expect(run).rejects.toThrow(/chain 0: .* has no function export `noSuchExport`/);
    await expect(run).rejects.toMatchObject({ code: 'E_INPUT' });
  });

  it('sampleChains(…, { onProgress that throws }) rejects with its error and stops the workers', async () => {
    const run = dist.sampleChains(
      { ...TARGET, data: SPEC },
      {
        ...OPTIONS,
        workers: 2,
        onProgress: () => {
          throw new Error('listener broke');
        },
      },
    );
    await expect(run).rejects.toThrow('listener broke');
  });

  it('sampleChains(a relative module path | chains: 0 | inits of the wrong count) throws InputError before any worker starts', () => {
    expect(() => dist.sampleChains({ ...TARGET, module: 'gaussian-target.js', data: SPEC }, OPTIONS)).toThrow(
      /`module` must be an absolute path/,
    );
    expect(() => sampleChainsSync(gaussianTarget(SPEC), { ...OPTIONS, chains: 0 })).toThrow(InputError);
    expect(() => sampleChainsSync(gaussianTarget(SPEC), { ...OPTIONS, inits: [Float64Array.of(0, 0, 0)] })).toThrow(
      /`inits` must hold one point per chain \(4\); got 1/,
    );
  });

  it('chainSeed(seed, chain, stream) differs across chains, streams and seeds; defaultInit is in [−2, 2]^dim', () => {
    const seeds = new Set<number>();
    for (const seed of [0, 1, 2])
      for (let chain = 0; chain < 8; chain++) for (const s of [0, 1]) seeds.add(chainSeed(seed, chain, s));
    expect(seeds.size).toBe(48);
    const init = defaultInit(5, 0, 1000);
    expect(Math.min(...init)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...init)).toBeLessThan(2);
    expect(Array.from(defaultInit(5, 1, 3))).not.toEqual(Array.from(defaultInit(5, 0, 3)));
  });

  it('parameterDraws(result, k) lays coordinate k out as [chains × draws]', () => {
    const r = sampleChainsSync(gaussianTarget(SPEC), { ...OPTIONS, chains: 2, warmup: 0, draws: 4 });
    const d = parameterDraws(r, 1);
    expect(d.chains).toBe(2);
    expect(d.values[5]).toBe(r.chains[1]!.draws[1 * 3 + 1]);
  });
});
