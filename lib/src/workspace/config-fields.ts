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
