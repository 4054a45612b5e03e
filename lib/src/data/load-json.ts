import { InputError } from '../errors';
import { checkText } from './check-text';
import { toFrame, type Frame } from './frame';

/** Options of {@link loadJson} and {@link loadNdjson}. */
export interface JsonOptions {
  /** The label errors name (the file name); default `json` or `ndjson`. */
  source?: string;
}

/**
 * Reads JSON text into a {@link Frame}: an array of records (record 1 is row 1) or a column object
 * `{ "date": [...], "spend": [...] }`.
 *
 * @throws InputError naming the source when the text is empty, not JSON or has neither shape
 * @example loadJson('[{"date":"2024-01-01","spend":3}]').table.numRows() // 1
 */
export function loadJson(text: string, options: JsonOptions = {}): Frame {
  const source = options.source ?? 'json';
  if (text.trim() === '') throw new InputError(`${source} is empty; expected an array of records`);
  checkText(text, source, 'JSON');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${source} is not valid JSON: ${(e as Error).message}`);
  }
  return nonEmpty(toFrame(doc as object, source));
}

/**
 * Reads newline-delimited JSON (one record per line; blank lines are skipped) into a {@link Frame}.
 *
 * @throws InputError naming the source and line when a line is not a JSON object
 * @example loadNdjson('{"a":1}\n{"a":2}\n').table.numRows() // 2
 */
export function loadNdjson(text: string, options: JsonOptions = {}): Frame {
  const source = options.source ?? 'ndjson';
  checkText(text, source, 'NDJSON');
  const records: object[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch (e) {
      throw new InputError(`${source}: line ${i + 1} is not valid JSON: ${(e as Error).message}`);
    }
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      throw new InputError(`${source}: line ${i + 1} must be a JSON object; got ${line.slice(0, 40)}`);
    }
    records.push(r);
  });
  return nonEmpty(toFrame(records, source));
}

function nonEmpty(frame: Frame): Frame {
  if (frame.table.numRows() === 0) throw new InputError(`${frame.source} is empty; expected at least one record`);
  return frame;
}
