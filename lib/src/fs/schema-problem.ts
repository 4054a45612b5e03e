import type { ErrorObject } from 'ajv';
import { child as childOf, rank as rankOf, resolve, type JsonSchema } from './json-schema';
import { describe, range } from './schema-rule';

// Turns ajv's errors into our messages: the field as the user wrote it, the rule in words, the value.
// No Node imports: the JupyterLab extension bundles this file.

/** A problem with a document: the field's path as the user wrote it, the rule, the value found there. */
export interface Problem {
  path: string;
  rule: string;
  value: unknown;
}

type Segment = string | number | typeof AFTER;

/** The place, below an object, of its own checks across fields (`oneOf`): after its fields. */
const AFTER = Symbol('after the fields');

const child = (s: JsonSchema | undefined, key: Segment) => (key === AFTER ? undefined : childOf(s, key));
const rank = (s: JsonSchema | undefined, key: Segment) => (key === AFTER ? Infinity : rankOf(s, key));

const pointer = (p: string): string[] =>
  p === ''
    ? []
    : p
        .slice(1)
        .split('/')
        .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));

/** The segments of a JSON pointer into `doc`, array indexes as numbers. */
function segments(p: string, doc: unknown): Segment[] {
  let at = doc;
  return pointer(p).map((k) => {
    const parent = at;
    at = (at as Record<string, unknown> | undefined)?.[k];
    return Array.isArray(parent) ? Number(k) : k;
  });
}

/** A path as the user wrote it: `touchpoints[2].channel`; the document itself is `(root)`. */
const pathText = (path: Segment[]): string =>
  path.reduce<string>(
    (s, k, i) => (k === AFTER ? s : typeof k === 'number' ? `${s}[${k}]` : i === 0 ? k : `${s}.${k}`),
    '',
  ) || '(root)';

const valueAt = (doc: unknown, path: Segment[]): unknown =>
  path.reduce<unknown>((v, k) => (k === AFTER ? v : (v as Record<string | number, unknown> | undefined)?.[k]), doc);

/** The field an error is about: below its instance for a missing or unknown key. */
function fieldOf(e: ErrorObject, doc: unknown): Segment[] {
  const at = segments(e.instancePath, doc);
  if (e.keyword === 'required') return [...at, e.params['missingProperty'] as string];
  if (e.keyword === 'additionalProperties') return [...at, e.params['additionalProperty'] as string];
  if (e.keyword === 'uniqueItems') return [...at, repeatedIndex(e.data as unknown[])];
  // A choice between shapes of a scalar is the value's own problem; between sets of fields, the object's.
  if ((e.keyword === 'oneOf' || e.keyword === 'anyOf') && typeOf(e.data) === 'object') return [...at, AFTER];
  return at;
}

/** The first item of a list that repeats an earlier one. */
function repeatedIndex(list: unknown[]): number {
  const seen = list.map((v) => JSON.stringify(v));
  return seen.findIndex((v, i) => seen.indexOf(v) < i);
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * The errors worth reporting: for an `anyOf`/`oneOf` whose value is an object or list that one
 * alternative describes, that alternative's errors; else the alternatives' failure as one error.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors.filter((e) => e.keyword !== 'if');
  const choices = kept.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  for (const c of choices.sort((a, b) => a.schemaPath.length - b.schemaPath.length)) {
    if (!kept.includes(c)) continue;
    const branches = (c.schema as JsonSchema[]).map(resolve);
    const t = typeOf(c.data);
    const fits = branches.flatMap((b, i) =>
      (t === 'object' || t === 'array') && [b?.type].flat().includes(t) ? [i] : [],
    );
    // Below the choice, or below its alternative i (`#/…/anyOf/1/required`).
    const below = (e: ErrorObject, i?: number) =>
      e.schemaPath.startsWith(`${c.schemaPath}/${i === undefined ? '' : `${i}/`}`);
    kept =
      fits.length === 1 && !c.params['passingSchemas']
        ? kept.filter((e) => e !== c && (!below(e) || below(e, fits[0])))
        : kept.filter((e) => !below(e));
  }
  return kept;
}

/** Orders fields as the schema lists them, depth first; a field's own errors before those below it. */
function compareFields(root: JsonSchema, a: Segment[], b: Segment[]): number {
  let s: JsonSchema | undefined = root;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return rank(s, a[i]!) - rank(s, b[i]!);
    s = child(s, a[i]!);
  }
  return a.length - b.length;
}

/** How much a keyword says: the type first, then what the value breaks. */
const KEYWORD_ORDER = ['additionalProperties', 'type', 'const', 'enum', 'format', 'minLength', 'pattern'];
const keywordRank = (k: string): number =>
  KEYWORD_ORDER.includes(k) ? KEYWORD_ORDER.indexOf(k) : KEYWORD_ORDER.length;

/**
 * The first of ajv's errors in field order, as our problem.
 *
 * @param errors ajv's errors (`allErrors` and `verbose` on)
 * @param root the schema the document was checked against
 */
export function firstProblem(errors: ErrorObject[], doc: unknown, root: JsonSchema): Problem {
  const ranked = relevant(errors).map((e) => ({ e, field: fieldOf(e, doc) }));
  ranked.sort((x, y) => compareFields(root, x.field, y.field) || keywordRank(x.e.keyword) - keywordRank(y.e.keyword));
  const { e, field } = ranked[0]!;
  const rule = ruleOf(e, field, root, doc);
  return { path: pathText(field), rule, value: e.keyword === 'required' ? undefined : valueAt(doc, field) };
}

function ruleOf(e: ErrorObject, field: Segment[], root: JsonSchema, doc: unknown): string {
  const s = resolve(e.parentSchema);
  const name = field[field.length - 1]!;
  switch (e.keyword) {
    case 'required':
      return describe(child(s, name)) + when(e, field.slice(0, -1), root, doc);
    case 'additionalProperties': {
      const noun = s?.title ?? 'known';
      return `is not ${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun} field (known: ${Object.keys(s?.properties ?? {}).join(', ')})`;
    }
    case 'uniqueItems': {
      const noun = resolve(s?.items)?.title;
      return noun ? `repeats ${noun} ${JSON.stringify(valueAt(doc, field))}` : 'repeats an earlier item';
    }
    case 'maxLength': {
      let n = 0; // characters as the schema counts them: code points, not UTF-16 units
      for (const _ of valueAt(doc, field) as string) n++;
      return `must be at most ${s?.maxLength} characters long (it has ${n})`;
    }
    case 'oneOf':
    case 'anyOf':
      return alternatives(s!, e);
    default:
      return describe(s) + when(e, field, root, doc);
  }
}

/** A failed choice: `needs \`roi\` ≥ 0 or \`share\` in [0, 1]` for fields, else the alternatives' shapes. */
function alternatives(s: JsonSchema, e: ErrorObject): string {
  const branches = (e.schema as JsonSchema[]).map(resolve);
  const keys = branches.map((b) => (b && !b.type && b.required?.length === 1 ? b.required[0]! : null));
  if (keys.every((k): k is string => k !== null)) {
    if (e.params['passingSchemas']) return `needs ${keys.map((k) => `\`${k}\``).join(' or ')}, not both`;
    return `needs ${keys.map((k) => `\`${k}\`${range(resolve(s.properties?.[k]) ?? {})}`).join(' or ')}`;
  }
  return describe(s);
}

/** ` when \`conflicts.strategy\` is "priority"` for a rule that holds only under an `if`. */
function when(e: ErrorObject, field: Segment[], root: JsonSchema, doc: unknown): string {
  if (!/\/then(\/|$)/.test(e.schemaPath)) return '';
  // The object whose `if` holds: the nearest one above the field with if/then.
  for (let n = field.length; n >= 0; n--) {
    const at = field.slice(0, n);
    const s = resolve(at.reduce<JsonSchema | undefined>((x, k) => child(x, k), root));
    const cond = Object.entries(s?.if?.properties ?? {}).find(([, c]) => c.const !== undefined);
    if (s?.then && cond)
      return ` when \`${pathText([...at, cond[0]])}\` is ${JSON.stringify(valueAt(doc, [...at, cond[0]]))}`;
  }
  return '';
}
