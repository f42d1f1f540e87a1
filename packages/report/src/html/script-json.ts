/**
 * JSON to embed in a `<script type="application/json">` block: `<`, `>` and `&` are written as \u
 * escapes, so no value (a request named `</script><script>…`) can close the block or start a comment,
 * and U+2028/U+2029 are escaped for older parsers. JSON.parse reads it back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
