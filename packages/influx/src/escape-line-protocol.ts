/*
 * Line-protocol escaping as InfluxDB 1.x parses it (checked against 1.6.7):
 * - measurement: `,` and space must be escaped; `\=` is read back as `=`, so `=` is escaped too;
 * - tag keys, tag values and field keys: `,`, `=` and space are escaped; any other backslash is kept
 *   literally (`a\b` is stored as `a\b`, `a\\b` as `a\\b`), so a backslash cannot be escaped at all;
 * - string field values: `"` and `\` are escaped, and `\\` is read back as one backslash.
 * No line-protocol element may hold a newline, since a newline ends the point.
 */

/** Measurement name: escapes `,`, `=` and space. */
export function escapeMeasurement(name: string): string {
  return escapeWith(name);
}

/** Tag key, tag value or field key: escapes `,`, `=` and space. */
export function escapeTag(text: string): string {
  return escapeWith(text);
}

/** A string field value, quoted: escapes `"` and `\`; newlines become spaces. */
export function quoteStringField(text: string): string {
  return `"${text.replace(/[\r\n]/g, ' ').replace(/[\\"]/g, '\\$&')}"`;
}

function escapeWith(text: string): string {
  // A backslash right before a character that needs escaping, or at the very end, would read as an
  // escape itself (1.x has no `\\` in names and tags), corrupting the rest of the line; `/` keeps the
  // text readable. Newlines would end the point, so they become spaces.
  const safe = text.replace(/[\r\n]/g, ' ').replace(/\\+(?=[,= ]|$)/g, (run) => '/'.repeat(run.length));
  return safe.replace(/[,= ]/g, '\\$&');
}
