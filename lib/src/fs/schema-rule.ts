import { resolve, type JsonSchema } from './json-schema';

// A schema's rule in words, as messages say it: `must be an integer in [1, 52]`.
// No Node imports: the JupyterLab extension bundles this file.

/** `a`, `b` or `c` as a message lists allowed values. */
const choice = (values: unknown[]): string => {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return shown.length === 2 ? `${shown[0]} or ${shown[1]}` : `one of ${shown.join(', ')}`;
};

/** The bounds of a number: ` in [0, 1]`, ` ≥ 0`, ` > 0`, or nothing. */
export function range(s: JsonSchema): string {
  const lo = s.exclusiveMinimum ?? s.minimum;
  const hi = s.exclusiveMaximum ?? s.maximum;
  const open = s.exclusiveMinimum !== undefined ? '(' : '[';
  const close = s.exclusiveMaximum !== undefined ? ')' : ']';
  if (lo !== undefined && hi !== undefined) return ` in ${open}${lo}, ${hi}${close}`;
  if (lo !== undefined) return ` ${open === '(' ? '>' : '≥'} ${lo}`;
  if (hi !== undefined) return ` ${close === ')' ? '<' : '≤'} ${hi}`;
  return '';
}

/** What a value of the schema must be, as a rule: `must be an integer in [1, 52]`. */
export function describe(schema: JsonSchema | undefined): string {
  const s = resolve(schema);
  if (!s) return 'is not allowed here';
  if (s.const !== undefined) return `must be ${JSON.stringify(s.const)}`;
  if (s.enum) return `must be ${choice(s.enum)}`;
  if (!s.type && (s.anyOf || s.oneOf))
    return `must be ${[...(s.anyOf ?? []), ...(s.oneOf ?? [])].map(shape).join(' or ')}`;
  const types = [s.type ?? []].flat();
  const kinds = types.filter((t) => t !== 'null').map((t) => kind(s, t));
  if (types.includes('null')) kinds.push('null');
  return kinds.length > 0 ? `must be ${kinds.join(' or ')}` : 'is not allowed here';
}

/** A value of one JSON type of a schema, in words: `a non-empty string`, `a finite number > 0`. */
function kind(s: JsonSchema, type: string): string {
  const bounded = (s.exclusiveMinimum ?? s.minimum) !== undefined && (s.exclusiveMaximum ?? s.maximum) !== undefined;
  switch (type) {
    case 'string':
      if (s.format === 'date') return 'a date YYYY-MM-DD';
      if (s.pattern !== undefined && s.pattern !== '\\S') return `a string matching ${s.pattern}`;
      return (s.minLength ?? 0) > 0 ? 'a non-empty string' : 'a string';
    case 'integer':
      return `an integer${range(s)}`;
    case 'number':
      return `${bounded ? 'a number' : 'a finite number'}${range(s)}`;
    case 'boolean':
      return 'true or false';
    case 'array':
      return (s.minItems ?? 0) > 0 ? 'a non-empty list' : 'a list';
    case 'object': {
      const sh = shape(s);
      return sh === '{}' ? 'an object' : `an object ${sh}`;
    }
    default:
      return type;
  }
}

/**
 * An object's shape for a message: its keys with a hint of their values where short
 * (`{ "from": "YYYY-MM-DD", "to": "YYYY-MM-DD" }`), or the required ones and `...` for a large object.
 */
function shape(schema: JsonSchema): string {
  const s = resolve(schema)!;
  if (s.const !== undefined) return JSON.stringify(s.const);
  const props = Object.entries(s.properties ?? {});
  if (props.length === 0) return s.type === 'object' ? '{}' : describe(s).replace(/^must be /, '');
  if (props.length > 6) {
    const keys = (s.required ?? props.map(([k]) => k)).slice(0, 3);
    return `{ ${keys.map((k) => JSON.stringify(k)).join(', ')}, ... }`;
  }
  const hint = (p: JsonSchema): string => {
    const r = resolve(p)!;
    if (r.enum && r.enum.length <= 3) return `: ${r.enum.map((v) => JSON.stringify(v)).join('|')}`;
    if (r.type === 'boolean') return ': true|false';
    if (r.format === 'date') return ': "YYYY-MM-DD"';
    if (r.type === 'array' && resolve(r.items)?.type === 'string') return ': [names]';
    return '';
  };
  return `{ ${props.map(([k, p]) => `${JSON.stringify(k)}${hint(p)}`).join(', ')} }`;
}
