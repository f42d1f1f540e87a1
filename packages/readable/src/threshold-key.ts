/**
 * A thresholds key as k6 shows it, `http_req_duration{name:cart}`: the metric and its tag filter with the
 * spaces around them trimmed, so that `http_req_duration{ name:cart }` finds the same summary entry.
 */
export function thresholdKey(key: string): string {
  const text = key.trim();
  const open = text.indexOf('{');
  if (open === -1 || !text.endsWith('}')) return text;
  return `${text.slice(0, open).trim()}{${text.slice(open + 1, -1).trim()}}`;
}

/** The metric a key selects: `http_req_duration` of `http_req_duration{name:cart}`. */
export function metricOfKey(key: string): string {
  const open = key.indexOf('{');
  return (open === -1 ? key : key.slice(0, open)).trim();
}
