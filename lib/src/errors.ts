/**
 * The error classes of mixmodeler. Every error has a stable `code` that callers and tests can match;
 * messages name the field, the rule and the value: `` `theta` must be in [0, 1); got 1.2 ``.
 */
export class MixModelerError extends Error {
  /** A stable, machine-readable code such as `E_INPUT`. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad input data or a bad argument: the message names the file, column, row or field and the value. */
export class InputError extends MixModelerError {
  constructor(message: string) {
    super('E_INPUT', message);
  }
}

/** A model or rules configuration that does not validate. */
export class ConfigError extends MixModelerError {
  constructor(message: string) {
    super('E_CONFIG', message);
  }
}

/** A workspace store that cannot be read or written. */
export class StoreError extends MixModelerError {
  constructor(message: string) {
    super('E_STORE', message);
  }
}

/**
 * A re-score whose range holds stored scores, asked without confirmation: `periods` stored periods
 * (`from`..`to`) would be replaced. Callers ask the user, then run again with `replace`.
 */
export class ReplaceNotConfirmedError extends StoreError {
  constructor(
    message: string,
    readonly periods: number,
    readonly from: string,
    readonly to: string,
  ) {
    super(message);
  }
}

/** How many characters of a value {@link show} quotes before cutting it. */
const SHOWN = 80;

/**
 * Formats a value for an error message: strings quoted, numbers as written, the rest as JSON. A long
 * value is cut to its first 80 characters, then `…` and its length, so no message quotes a whole file.
 *
 * @example show('x'.repeat(1000)) // the first 80 x quoted, then `… (1000 characters)`
 */
export function show(value: unknown): string {
  if (typeof value === 'string') return value.length > SHOWN ? cut(value) : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || value === undefined) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    try {
      text = String(value);
    } catch {
      // JSON nested deeper than the stack (`[[[[…]]]]`) cannot be shown, only described.
      text = Array.isArray(value) ? 'a list nested too deep to show' : 'an object nested too deep to show';
    }
  }
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}… (${text.length} characters)` : text;
}

// A long string as JSON of its first SHOWN characters (not splitting a surrogate pair) and its length.
function cut(value: string): string {
  const end = /[\uD800-\uDBFF]/.test(value.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
  return `${JSON.stringify(value.slice(0, end))}… (${value.length} characters)`;
}
