import { InputError, show } from '../errors';

/** The header and the column-major cells of CSV text, as {@link parseCsv} reads them. */
export interface CsvColumns {
  /** The header's fields; an empty header field is the name `''`. */
  header: string[];
  /** One array per header field, one cell per record; an empty cell (quoted or not) is null. */
  columns: (string | null)[][];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits CSV text strictly (RFC 4180): fields separated by `delimiter`, records by `\n`, `\r\n` or
 * `\r`; a field that starts with `"` is quoted, holds delimiters, line breaks and doubled quotes `""`,
 * and ends with a `"` followed by a delimiter, a line break or the end. Trailing blank lines are
 * ignored. Fields are cut out with `slice`, never built a character at a time.
 *
 * Rows are counted as a user counts them: the header is row 1, so record `i` is row `i + 2`.
 *
 * @param text the CSV text without a byte-order mark
 * @param source the file name errors name
 * @returns the header and one array of cells per column, each of length = number of records
 * @throws InputError naming the file and row: a quoted field never closed (the row where it starts),
 *   a quote inside an unquoted field or after a closing quote, a row whose field count differs from
 *   the header's, a blank line between records
 * @example parseCsv('a,b\n1,"x, y"\n', ',', 'a.csv').columns // [['1'], ['x, y']]
 */
export function parseCsv(text: string, delimiter: string, source: string): CsvColumns {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let header: string[] | null = null;
  let columns: (string | null)[][] = [];
  const fields: (string | null)[] = [];
  let row = 1;
  let pos = 0;
  while (pos < n) {
    const start = pos;
    fields.length = 0;
    let quotedAny = false;
    for (;;) {
      let value: string | null;
      if (text.charCodeAt(pos) === QUOTE) {
        quotedAny = true;
        const open = pos;
        let head = '';
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) throw unclosed(text, source, row, fields.length, header, open);
          if (text.charCodeAt(q + 1) === QUOTE) {
            head += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value = head + text.slice(from, q);
          pos = q + 1;
          break;
        }
        const c = text.charCodeAt(pos);
        if (pos < n && c !== d && c !== LF && c !== CR) {
          throw afterQuote(text, source, row, fields.length, header, open, pos);
        }
        if (value === '') value = null;
      } else {
        let i = pos;
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (c === d || c === LF || c === CR) break;
          if (c === QUOTE) throw strayQuote(text, source, row, fields.length, header, i);
        }
        value = i === pos ? null : text.slice(pos, i);
        pos = i;
      }
      fields.push(value);
      if (pos >= n) break;
      const c = text.charCodeAt(pos);
      pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      if (c !== d) break;
    }
    if (header === null) {
      header = fields.map((f) => f ?? '');
      columns = header.map(() => []);
      row++;
      continue;
    }
    const blank = fields.length === 1 && fields[0] === null && !quotedAny;
    if (blank && onlyLineBreaks(text, pos)) break;
    if (blank && header.length > 1) {
      throw new InputError(
        `row ${row} of ${source} is blank; every row needs ${header.length} fields like the header (remove the blank line)`,
      );
    }
    if (fields.length !== header.length) throw ragged(text, source, row, fields.length, header.length, start, pos);
    for (let j = 0; j < fields.length; j++) columns[j]!.push(fields[j]!);
    row++;
  }
  return { header: header ?? [], columns };
}

function onlyLineBreaks(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== LF && c !== CR) return false;
  }
  return true;
}

// The 1-based line of character `pos` (only computed for a message).
function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function where(text: string, source: string, row: number, pos: number): string {
  const line = lineAt(text, pos);
  return `row ${row}${line === row ? '' : ` (line ${line})`} of ${source}`;
}

function fieldName(j: number, header: string[] | null): string {
  if (header === null) return `field ${j + 1} of the header`;
  const name = header[j];
  if (name === undefined) return `field ${j + 1}`;
  return `\`${name.length > 80 ? `${name.slice(0, 80)}…` : name}\` (field ${j + 1})`;
}

const FIX = 'quote a whole value and double the quotes inside it ("")';

function unclosed(text: string, source: string, row: number, j: number, header: string[] | null, open: number) {
  return new InputError(
    `the quoted value of ${fieldName(j, header)} that starts at ${where(text, source, row, open)} is never closed; ${FIX}`,
  );
}

function afterQuote(
  text: string,
  source: string,
  row: number,
  j: number,
  header: string[] | null,
  open: number,
  pos: number,
) {
  const span = lineAt(text, pos) - lineAt(text, open);
  const later = span > 0 ? ` (${span} line${span > 1 ? 's' : ''} later)` : '';
  return new InputError(
    `the quoted value of ${fieldName(j, header)} that starts at ${where(text, source, row, open)} has ` +
      `${show(text.slice(pos, pos + 1))} after its closing quote${later}; ${FIX}`,
  );
}

function strayQuote(text: string, source: string, row: number, j: number, header: string[] | null, pos: number) {
  return new InputError(
    `a quote inside the unquoted value of ${fieldName(j, header)} at ${where(text, source, row, pos)}; ${FIX}`,
  );
}

function ragged(text: string, source: string, row: number, got: number, want: number, start: number, end: number) {
  const first = lineAt(text, start);
  const last = lineAt(text, Math.max(start, end - 1));
  const lines = last > first ? ` (lines ${first}-${last}: a quoted field spans lines)` : '';
  return new InputError(
    `row ${row} of ${source}${lines} has ${got} field${got === 1 ? '' : 's'}; the header has ${want}` +
      (got > want ? ' (a value holding the delimiter must be quoted)' : ''),
  );
}
