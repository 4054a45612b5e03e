import { InputError } from '../errors';
import { formatPercent } from '../format';

/** How many leading characters {@link checkText} samples for control and replacement characters. */
const SAMPLE = 65_536;

/**
 * Refuses text that is not text: any NUL character (binary data, or UTF-16 read as UTF-8), or more
 * than 10% control characters (other than tab, line breaks and form feed) and U+FFFD replacement
 * characters (bytes that are not UTF-8) among the first 65,536 characters.
 *
 * @param format the format named in the message, e.g. `CSV`
 * @throws InputError `x.csv does not look like text (CSV): ...`
 * @example checkText('date,spend\n2024-01-01,3', 'a.csv', 'CSV') // passes
 */
export function checkText(text: string, source: string, format: string): void {
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    throw new InputError(
      `${source} does not look like text (${format}): it holds a NUL character (first at character ${nul + 1}); ` +
        'save it as UTF-8 text',
    );
  }
  const n = Math.min(text.length, SAMPLE);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) odd++;
  }
  if (odd > 0 && odd >= n / 10) {
    throw new InputError(
      `${source} does not look like text (${format}): ${formatPercent(odd / n, 0)} of its first ${n} characters ` +
        'are control characters or bytes that are not UTF-8; save it as UTF-8 text',
    );
  }
}
