import { table } from 'arquero';
import { InputError, show } from '../errors';
import { checkText } from './check-text';
import type { Frame } from './frame';
import { parseCsv } from './parse-csv';

/** Options of {@link loadCsv}. */
export interface CsvOptions {
  /** The label errors name (the file name); default `csv`. */
  source?: string;
  /** The field separator; detected from the header line among `,`, `;` and tab when omitted. */
  delimiter?: ',' | ';' | '\t';
  /** The decimal mark of numbers; default `,` when the delimiter is `;` (spreadsheet exports), else `.`. */
  decimal?: '.' | ',';
}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * Reads CSV text strictly ({@link parseCsv}) into a {@link Frame} of strings (empty cells are null):
 * quoted fields with doubled quotes and line breaks, a UTF-8 byte-order mark, `\r\n` line ends, and
 * `,`, `;` or tab delimiters. The header is row 1, so the first record is row 2.
 *
 * @throws InputError naming the source when the text is empty, binary ({@link checkText}) or the header
 *   repeats a column; naming the source and row on an unbalanced quote or a row whose field count
 *   differs from the header's
 * @example loadCsv('\uFEFFdate;spend\n2024-01-01;3,5', { source: 'a.csv' }).table.get('spend', 0) // '3,5'
 */
export function loadCsv(text: string, options: CsvOptions = {}): Frame {
  const source = options.source ?? 'csv';
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError(`${source} is empty; expected a header row and data rows`);
  checkText(body, source, 'CSV');
  const delimiter = options.delimiter ?? sniffDelimiter(body);
  const { header, columns } = parseCsv(body, delimiter, source);
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup !== undefined) throw new InputError(`${source}: column ${show(dup)} appears twice in the header`);
  if (columns[0]!.length === 0) throw new InputError(`${source} has a header but no data rows`);
  const cells = table(
    header.map((h, j) => [h, columns[j]!] as const),
    header,
  );
  return { source, table: cells, firstRow: 2, decimal: options.decimal ?? (delimiter === ';' ? ',' : '.') };
}

/**
 * Picks the delimiter that splits the header line (outside quotes) into the most fields; `,` on a tie.
 *
 * @example sniffDelimiter('date;spend\n2024-01-01;1') // ';'
 */
export function sniffDelimiter(text: string): ',' | ';' | '\t' {
  let best: ',' | ';' | '\t' = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = splitHeader(text, d).length;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

// The header line split on `delimiter`, honoring quotes; enough for sniffing and duplicate checks.
function splitHeader(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(cur);
      cur = '';
    } else if (c === '\n' || c === '\r') break;
    else cur += c;
  }
  fields.push(cur);
  return fields;
}
