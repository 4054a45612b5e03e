/**
 * A value as JavaScript source: its JSON text with `<`, U+2028 and U+2029 escaped, so it stays one
 * literal wherever it is pasted. Raw U+2028/U+2029 are legal in JSON and in ES2019 strings, but
 * TypeScript 5.0 (which compiles tslab's cells) takes them for line breaks and reports an unterminated
 * string; an unescaped `</script>` or `<!--` would end an HTML `<script>` element early.
 *
 * @example jsLiteral({ name: 'a\u2028b' }) // '{"name":"a\\u2028b"}'
 */
export function jsLiteral(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
