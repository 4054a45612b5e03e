// Owned and earned channels (issue 20): three paid channels and email sends (no spend, a true 0.12 of
// outcome a send) on the ownedCase families (clean, flighted, late), 10 seeds each. Per family: the error
// of email's contribution per send (median, worst) and how often its 90% interval covers the truth; the
// paid channels' median ROI error; and the same data fitted two wrong ways: without email (its effect
// left to the base) and with email's sends taken as spend (paid, so the spend-share prior pools its
// per-send figure with the paid channels' ROIs).
//   node bench/owned.mjs [--seeds 10] [--families clean,flighted,late] [--posterior]   (needs `npx tsc -b lib`)
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '10' },
    families: { type: 'string', default: 'clean,flighted,late' },
    posterior: { type: 'boolean', default: false },
  },
});
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};
const median = (xs) => quantile(xs, 0.5);
const pct = (v) => `${(100 * v).toFixed(1)}%`;
const config = { lookback: 8, ...(values.posterior ? { posterior: true } : {}) };
const fit = (data) => (values.posterior ? mm.fitMmmAsync(data, config) : Promise.resolve(mm.fitMmm(data, config)));
const paidErrors = (f, truth) =>
  f.channels
    .filter((c) => c.paid !== false && c.name !== 'email')
    .map((c) => Math.abs(c.roi.mean / truth.roi[c.name] - 1));

console.log(`owned channels: 3 paid + email sends, ${seeds.length} seeds, ${values.posterior ? 'NUTS' : 'MAP'}`);
console.log(
  'family     email err median/worst  covered  paid ROI err median | without email: paid median | sends as spend: email err median',
);
for (const family of values.families.split(',')) {
  const email = [];
  const paid = [];
  const without = [];
  const asSpend = [];
  let covered = 0;
  let seconds = 0;
  for (const seed of seeds) {
    const { data, truth } = mm.generateSynthetic(mm.ownedCase(seed, family));
    const t0 = performance.now();
    const f = await fit(data);
    seconds += (performance.now() - t0) / 1000;
    const e = f.channels.find((c) => c.name === 'email');
    email.push(Math.abs(e.roi.mean / truth.roi.email - 1));
    if (e.roi.lower <= truth.roi.email && truth.roi.email <= e.roi.upper) covered++;
    paid.push(...paidErrors(f, truth));
    const dropped = await fit({ ...data, channels: data.channels.filter((c) => c.name !== 'email') });
    without.push(...paidErrors(dropped, truth));
    const spendLike = data.channels.map((c) =>
      c.name === 'email' ? { name: c.name, input: c.input, spend: c.input } : c,
    );
    const wrong = await fit({ ...data, channels: spendLike });
    asSpend.push(Math.abs(wrong.channels.find((c) => c.name === 'email').roi.mean / truth.roi.email - 1));
  }
  console.log(
    `${family.padEnd(10)} ${`${pct(median(email))} / ${pct(Math.max(...email))}`.padStart(21)}  ${`${covered}/${seeds.length}`.padStart(7)}` +
      `  ${pct(median(paid)).padStart(19)} | ${pct(median(without)).padStart(26)} | ${pct(median(asSpend)).padStart(32)}` +
      `   (${(seconds / seeds.length).toFixed(2)} s a fit)`,
  );
}
