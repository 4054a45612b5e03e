// MTA on journeys from processes the methods do not assume (lib's JOURNEY_PROCESSES: continuous intent,
// intent classes, diminishing returns, recency, sequence, very different reach, intent-chasing, timing
// that carries no information). Per process and method: the L1 distance between the attributed shares
// and the true incremental shares (exact, on the same users), its mean and worst over the seeds, and
// the time per method; the reasons a method gives (where it says the events cannot separate intent
// from effect).
// Usage: node bench/mta-processes.mjs [--seeds 1,2,3] [--users 40000] [--processes a,b] [--methods m,n]
//        [--effects S] [--json]   (the lookback is 182 days, which covers the journeys; --effects scales
//        every touch's effect, 0 for journeys where no touch works: the runs whose result says the touches
//        show no effect are counted)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const users = Number(arg('users', '40000'));
const only = arg('processes', null)?.split(',');
const methods = arg('methods', mm.MTA_METHODS.join(',')).split(',');
const json = process.argv.includes('--json');
const effects = Number(arg('effects', '1'));

const processes = mm.JOURNEY_PROCESSES.filter((p) => !only || only.includes(p.name));
const results = {};
for (const p of processes) {
  const row = { l1: {}, seconds: {}, reasons: [], noEffect: {}, users, touches: 0, conversions: 0 };
  for (const m of methods) {
    row.l1[m] = [];
    row.seconds[m] = 0;
    row.noEffect[m] = 0;
  }
  for (const seed of seeds) {
    const { events, truth, touches, conversions } = mm.generateProcessJourneys({
      ...p,
      users,
      seed: p.seed * 1000 + seed,
      channels: p.channels.map((c) => ({ ...c, effect: c.effect * effects })),
    });
    row.touches += touches / seeds.length;
    row.conversions += conversions / seeds.length;
    const journeys = mm.journeysFromEvents(events, 182);
    for (const m of methods) {
      const t = performance.now();
      const r = mm.attribute(journeys, m);
      row.seconds[m] += (performance.now() - t) / 1000 / seeds.length;
      row.l1[m].push(
        Object.keys(truth).reduce((s, c) => s + Math.abs((r.channels[c]?.share ?? 0) - truth[c].share), 0),
      );
      for (const x of r.reasons ?? []) row.reasons.push(`${m}, seed ${seed}: ${x}`);
      if ((r.reasons ?? []).some((x) => x.includes('show no effect of the touches'))) row.noEffect[m]++;
    }
    if (!json) process.stderr.write('.');
  }
  results[p.name] = row;
}
if (json) {
  console.log(JSON.stringify({ seeds, users, results }));
} else {
  process.stderr.write('\n');
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const cell = (xs) =>
    xs.some(Number.isNaN) ? '— (no truth)' : `${mean(xs).toFixed(2)} (${Math.max(...xs).toFixed(2)})`;
  console.log(
    `L1 to the true incremental shares, mean (worst) over seeds ${seeds.join(',')}, ${users} users each` +
      (effects === 1 ? '' : `, every effect × ${effects}`),
  );
  console.log(`| process | ${methods.join(' | ')} |`);
  console.log(`| --- | ${methods.map(() => '---').join(' | ')} |`);
  for (const [name, r] of Object.entries(results))
    console.log(`| ${name} | ${methods.map((m) => cell(r.l1[m])).join(' | ')} |`);
  console.log(
    `| seconds per run (mean) | ${methods
      .map((m) => (Object.values(results).reduce((s, r) => s + r.seconds[m], 0) / processes.length).toFixed(2))
      .join(' | ')} |`,
  );
  console.log(
    `| runs whose result says the touches show no effect | ${methods
      .map(
        (m) => `${Object.values(results).reduce((s, r) => s + r.noEffect[m], 0)} of ${processes.length * seeds.length}`,
      )
      .join(' | ')} |`,
  );
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name}: ${Math.round(r.touches)} touches, ${Math.round(r.conversions)} conversions per seed`);
    for (const x of r.reasons) console.log(`  reason, ${x}`);
  }
}
