// Fields of model.json in the user's words: labels the model canvas shows, and problem messages that use
// them. The CLI keeps the field-path form (`lookbackWeeks`), which is its contract; a message in words
// names the path too, so both read the same problem. No Node imports: the extension bundles this file.

/** Labels of model.json's fields, by path with list indexes written `[]` (`priors[].roi`). */
export const MODEL_FIELD_LABELS: Readonly<Record<string, string>> = Object.freeze({
  name: 'Name',
  description: 'Description',
  conversion: 'Conversion',
  touchpoints: 'Touchpoints',
  'touchpoints[]': 'Touchpoint',
  'touchpoints[].channel': 'channel',
  'touchpoints[].metric': 'metric',
  'touchpoints[].source': 'data source',
  'touchpoints[].paid': 'paid media (has spend)',
  'touchpoints[].costPerUnit': 'cost per unit of volume',
  lookbackWeeks: 'Lookback (weeks)',
  adstock: 'Carry-over (adstock)',
  saturation: 'Diminishing returns (saturation)',
  trainingWindow: 'Training window',
  'trainingWindow.from': 'Training window start',
  'trainingWindow.to': 'Training window end',
  factors: 'Factors',
  'factors.internal': 'Internal factors',
  'factors.internal[]': 'Internal factor',
  'factors.external': 'External factors',
  'factors.external[]': 'External factor',
  priors: 'Priors',
  'priors[]': 'Prior',
  'priors[].channel': 'channel',
  'priors[].roi': 'ROI',
  'priors[].share': 'contribution share',
  'priors[].sd': 'uncertainty (sd)',
  'priors[].source': 'source',
  liftTests: 'Lift tests',
  'liftTests[]': 'Lift test',
  'liftTests[].channel': 'tested channel',
  'liftTests[].spend': 'spend a period during the test',
  'liftTests[].baseline': 'spend a period without the test',
  'liftTests[].weeks': 'periods the test ran',
  'liftTests[].lift': 'measured lift',
  'liftTests[].sd': "lift's uncertainty (sd)",
  spendShare: 'Spend-share prior',
  baseline: 'Baseline',
  posterior: 'Full posterior (NUTS)',
  geoLevel: 'Geo-level model',
  geos: 'Geos',
  'geos[]': 'geo',
  schedule: 'Schedule',
  'schedule.enabled': 'Scheduled runs',
  'schedule.frequency': 'Run frequency',
  eventPriors: 'Priors from event data',
  'eventPriors.channels': 'Priors from event data: channels',
  'eventPriors.channels[]': 'Priors from event data: channel',
  'eventPriors.method': 'Priors from event data: attribution method',
  'eventPriors.lookbackDays': 'Priors from event data: lookback (days)',
  'eventPriors.relativeSd': 'Priors from event data: relative uncertainty',
});

type Segment = string | number;

/** `touchpoints[2].channel` → ['touchpoints', 2, 'channel']. */
function segmentsOf(path: string): Segment[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/**
 * A field's label in the user's words: `lookbackWeeks` → `Lookback (weeks)`, `touchpoints[2].channel` →
 * `Touchpoint 3 channel`, `priors[0].roi` → `Prior 1 ROI`. A field without a label keeps its path.
 *
 * @example fieldLabel('trainingWindow.from') // 'Training window start'
 */
export function fieldLabel(path: string, labels: Readonly<Record<string, string>> = MODEL_FIELD_LABELS): string {
  const whole = labels[path];
  if (whole) return whole;
  // A field of a list's item is a part of the item's label (`Touchpoint 3 channel`); any other label names
  // the field whole; an index numbers the item from 1.
  const words: string[] = [];
  let key = '';
  for (const s of segmentsOf(path)) {
    key = typeof s === 'number' ? `${key}[]` : key ? `${key}.${s}` : s;
    const label = labels[key];
    if (label === undefined) return path;
    if (typeof s === 'number') words.splice(-1, 1, `${label} ${s + 1}`);
    else if (/\[\]\.[^.]+$/.test(key)) words.push(label);
    else words.splice(0, words.length, label);
  }
  return words.join(' ');
}

/** `priors[0].roi` → `priors[].roi`: the key of a path in the labels. */
const keyOf = (path: string) => path.replace(/\[\d+\]/g, '[]');

/**
 * A rule in words: `must be an integer in [1, 52]` → `must be a whole number from 1 to 52`; a field named
 * in it (`` `roi` ``) by its label, read below the field `at` the rule is about.
 */
export function ruleInWords(
  rule: string,
  at = '',
  labels: Readonly<Record<string, string>> = MODEL_FIELD_LABELS,
): string {
  const named = (p: string) => (at && labels[`${keyOf(at)}.${p}`]) || fieldLabel(p, labels);
  return rule
    .replace(/\ban integer\b/g, 'a whole number')
    .replace(/\ba finite number\b/g, 'a number')
    .replace(/ in \[([^,\]]+), ([^\]]+)\]/g, ' from $1 to $2')
    .replace(/ in \(([^,)]+), ([^)]+)\)/g, ' between $1 and $2 (not included)')
    .replace(/ in \[([^,\]]+), ([^)]+)\)/g, ' from $1 up to (not including) $2')
    .replace(/ in \(([^,)]+), ([^\]]+)\]/g, ' above $1 and at most $2')
    .replace(/ ≥ /g, ' of at least ')
    .replace(/ > /g, ' above ')
    .replace(/ ≤ /g, ' of at most ')
    .replace(/ < /g, ' below ')
    .replace(/\ba non-empty string\b/g, 'filled in')
    .replace(/\ba date YYYY-MM-DD\b/g, 'a date (YYYY-MM-DD)')
    .replace(/`([A-Za-z][\w.[\]]*)`/g, (_, p: string) => named(p));
}

/** A problem message in the house form: `` where: `path` rule; got value ``. */
const FORM = /^(?:(.*?): )?`([^`]+)`(:?) (.*?)(?:; got (.*))?$/s;

/**
 * A problem message (`` model.json: `lookbackWeeks` must be an integer in [1, 52]; got 60 ``) in the user's
 * words, the field's path kept at the end: `Lookback (weeks) must be a whole number from 1 to 52; got 60
 * (`lookbackWeeks`)`. The file or place before the path is left out (the user is looking at it). A
 * message of another form comes back as it was.
 *
 * @example messageInWords('the model canvas: `touchpoints[1].channel` repeats a touchpoint channel; got "tv"')
 * // 'Touchpoint 2 channel repeats a touchpoint channel; got "tv" (`touchpoints[1].channel`)'
 */
export function messageInWords(message: string, labels: Readonly<Record<string, string>> = MODEL_FIELD_LABELS): string {
  const m = FORM.exec(message);
  if (!m) return message;
  const [path, colon, rule, got] = [m[2] ?? '', m[3] ?? '', m[4] ?? '', m[5]];
  let label = fieldLabel(path, labels);
  if (label === path) {
    // A field the labels do not know (a misspelt key): its parent's label, and the key as written.
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    const parent = cut > 0 ? fieldLabel(path.slice(0, cut), labels) : '';
    if (cut <= 0 || parent === path.slice(0, cut)) return message;
    label = `${parent}: \`${path.slice(cut).replace(/^\./, '')}\``;
  }
  return `${label}${colon} ${ruleInWords(rule, path, labels)}${got !== undefined ? `; got ${got}` : ''} (\`${path}\`)`;
}
