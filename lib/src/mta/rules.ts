import type { Journey } from './journeys';

/** Rule-based attribution methods. */
export type RuleMethod = 'last' | 'first' | 'linear' | 'time-decay' | 'position';

/**
 * The credit of each touch of a converting journey under a rule; credits sum to 1 per journey.
 * time-decay: weight 2^(−(t_conv − t)/halfLife), t_conv taken as the last touch; position: 40% first,
 * 40% last, 20% shared by the middle (a single touch gets all, two touches 50/50).
 *
 * @returns credits of shape [touches.length]
 */
export function ruleCredits(journey: Journey, method: RuleMethod, halfLifeDays = 7): number[] {
  const n = journey.touches.length;
  if (n === 0) return [];
  const w = new Array<number>(n).fill(0);
  if (method === 'last') w[n - 1] = 1;
  else if (method === 'first') w[0] = 1;
  else if (method === 'linear') w.fill(1 / n);
  else if (method === 'time-decay') {
    const end = journey.touches[n - 1]!.time;
    const h = halfLifeDays * 86_400_000;
    journey.touches.forEach((t, i) => (w[i] = Math.pow(2, -(end - t.time) / h)));
    const s = w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) w[i] = w[i]! / s;
  } else if (n === 1) w[0] = 1;
  else if (n === 2) w.fill(0.5);
  else {
    w[0] = 0.4;
    w[n - 1] = 0.4;
    for (let i = 1; i < n - 1; i++) w[i] = 0.2 / (n - 2);
  }
  return w;
}
