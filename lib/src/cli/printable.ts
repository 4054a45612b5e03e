/**
 * C0 and C1 control characters, DEL, the line and paragraph separators and the bidirectional
 * overrides and isolates: what a terminal acts on (an ESC sequence recolours or retitles it) or what
 * reorders the text around it, instead of showing it.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string): string => {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};

/**
 * User text (a model or channel name) as the CLI prints it in text mode: control characters shown
 * escaped (`\x1b`, `\x09`, `\u2028`), everything else as it is. `--json` output needs none of this:
 * a JSON reader unescapes what JSON escapes.
 *
 * @param keep control characters to leave as they are: `'\n\t'` for a whole text of lines and columns
 * @example printable('\u001b[31mred') // '\\x1b[31mred'
 */
export function printable(text: string, keep = ''): string {
  return text.replace(UNPRINTABLE, (c) => (keep.includes(c) ? c : escape(c)));
}
