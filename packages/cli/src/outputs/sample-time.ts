// The date and time up to the second change once a second while samples come by the thousand: the text
// of the current second is kept, and a sample only adds its fraction.
let cachedSecond = Number.NaN;
let cachedPrefix = '';

/**
 * A sample's time as RFC 3339 with microseconds (k6 writes Go's RFC3339Nano): epoch milliseconds with a
 * fraction become "2026-12-07T10:00:00.123456Z".
 */
export function sampleTime(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  const micros = Math.min(999_999, Math.round((epochMs - second * 1000) * 1000));
  return `${cachedPrefix}${String(micros).padStart(6, '0')}Z`;
}
