import { escapeHtml } from './figure-html';

/** A table cell: text (escaped) or a number (formatted by the caller beforehand when it matters). */
export type Cell = string | number | null | undefined;

const cellText = (v: Cell) => (v === null || v === undefined || v === '' ? '—' : escapeHtml(String(v)));

/**
 * An accessible HTML table from plain values: a caption, column headers with `scope="col"`, and the
 * first cell of each row as its row header. Every cell is text, escaped: nothing a user typed becomes HTML.
 */
export function htmlTable(caption: string, head: string[], rows: Cell[][]): string {
  const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      ([first, ...rest]) =>
        `<tr><th scope="row">${cellText(first)}</th>${rest.map((v) => `<td>${cellText(v)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A card: a titled block in the notebook's output. `parts` are HTML already (built with escaping). */
export function card(title: string, ...parts: string[]): string {
  return [
    '<div class="mixmodeler-card" style="font-family:sans-serif;max-width:760px">',
    `<h3 style="margin:4px 0">${escapeHtml(title)}</h3>`,
    ...parts,
    '</div>',
  ].join('');
}

/** A paragraph of text, escaped. */
export const para = (text: string) => `<p>${escapeHtml(text)}</p>`;
