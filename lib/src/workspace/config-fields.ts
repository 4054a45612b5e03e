import { ConfigError, show } from '../errors';

/** Fails a config field: throws a ConfigError `` file: `path` rule; got value ``. */
export type Fail = (path: string, rule: string, value: unknown) => never;

/** The longest quotation of a value in a message: a 10 MB name is not echoed back. */
const QUOTE_MAX = 160;

/** A value as a message quotes it (`show`, which cuts long values), never longer than about 160 characters. */
export function quote(value: unknown): string {
  const s = show(value);
  return s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX)}… (${s.length} characters)` : s;
}

/** A list of names for a message, cut after 20. */
export function nameList(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, 20).map((n) => (n.length > 40 ? `${n.slice(0, 40)}…` : n));
  return shown.join(', ') + (names.length > 20 ? `, … (${names.length} in all)` : '');
}

/** The `fail` of a config read from `file`. */
export function failIn(file: string): Fail {
  return (path, rule, value) => {
    throw new ConfigError(`${file}: \`${path}\` ${rule}; got ${quote(value)}`);
  };
}

/** The path of a key below `path` (the root's path is empty). */
export const below = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/**
 * A JSON object with only the `keys` given: anything else (array, null, string, number) fails `path`
 * with "must be an object `shape`", and an unknown key fails with its own path.
 *
 * @param what the object's noun in messages: `` `touchpoints[0].chanel` is not a touchpoint field ``
 */
export function record(
  fail: Fail,
  path: string,
  value: unknown,
  keys: readonly string[],
  what: string,
  shape: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(path || '(root)', `must be an object ${shape}`, value);
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!keys.includes(k))
      fail(
        below(path, k),
        `is not ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} field (known: ${keys.join(', ')})`,
        o[k],
      );
  return o;
}

/** A string of 1 to `max` characters (0 to `max` when `empty` is allowed), not only blanks. */
export function text(fail: Fail, path: string, value: unknown, max: number, empty = false): string {
  if (typeof value !== 'string') return fail(path, empty ? 'must be a string' : 'must be a non-empty string', value);
  if (!empty && value.trim() === '') return fail(path, 'must be a non-empty string', value);
  if (value.length > max) return fail(path, `must be at most ${max} characters long (it has ${value.length})`, value);
  return value;
}

/** A JSON list (non-empty when `nonEmpty`). */
export function list(fail: Fail, path: string, value: unknown, nonEmpty: boolean): unknown[] {
  if (!Array.isArray(value) || (nonEmpty && value.length === 0))
    return fail(path, nonEmpty ? 'must be a non-empty list' : 'must be a list', value);
  return value;
}

/** A list of distinct non-empty names of at most 200 characters. */
export function names(fail: Fail, path: string, value: unknown, nonEmpty: boolean, what: string): string[] {
  const out = list(fail, path, value, nonEmpty).map((v, i) => text(fail, `${path}[${i}]`, v, 200));
  out.forEach((n, i) => {
    if (out.indexOf(n) < i) fail(`${path}[${i}]`, `repeats ${what} ${quote(n)}`, n);
  });
  return out;
}

/** A finite number for which `ok` holds; `rule` says which (`must be a number > 0`). */
export function finite(fail: Fail, path: string, value: unknown, rule: string, ok: (n: number) => boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) return fail(path, rule, value);
  return value;
}

/** One of the `allowed` strings. */
export function oneOf<T extends string>(fail: Fail, path: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T))
    return fail(path, `must be one of ${allowed.join(', ')}`, value);
  return value as T;
}

/** true or false. */
export function flag(fail: Fail, path: string, value: unknown): boolean {
  if (typeof value !== 'boolean') return fail(path, 'must be true or false', value);
  return value;
}
