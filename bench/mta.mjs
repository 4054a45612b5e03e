// MTA scaling: synthetic journeys with known incremental effects (lib's confounded-journeys generator,
// search and email aimed at high-intent users), scaled to about N touchpoints; times building the
// journeys from event rows and attributing them with the default method (latent intent) and first-order
// Markov; reports the error of each channel's share of incremental conversions and the peak RSS.
// Usage: node --max-old-space-size=20000 bench/mta.mjs TOUCHES
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mm = require('../lib/dist/index.js');

const touches = Number(process.argv[2] ?? 1_000_000);
const spec = mm.CONFOUNDED_JOURNEYS;
// Expected touches per user: the mix of low- and high-intent users times their mean touch counts.
const perUser =
  (1 - spec.highShare) * spec.channels.reduce((s, c) => s + c.touchesLow, 0) +
  spec.highShare * spec.channels.reduce((s, c) => s + c.touchesHigh, 0);
const users = Math.round(touches / perUser);
let t = performance.now();
const { events, truth } = mm.generateJourneys({ ...spec, users });
const generateSeconds = (performance.now() - t) / 1000;
const touchCount = events.filter((e) => e.event === 'touch').length;

t = performance.now();
const journeys = mm.journeysFromEvents(events, 28);
const journeySeconds = (performance.now() - t) / 1000;
const methods = {};
for (const method of ['latent-intent', 'markov']) {
  t = performance.now();
  const result = mm.attribute(journeys, method);
  const seconds = (performance.now() - t) / 1000;
  const errors = Object.entries(truth).map(([c, v]) => Math.abs(result.channels[c].share - v.share));
  methods[method] = {
    seconds,
    scores: result.touches.length,
    maxShareError: Math.max(...errors),
  };
}
console.log(
  JSON.stringify({
    touches: touchCount,
    events: events.length,
    users,
    generateSeconds,
    journeySeconds,
    methods,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
