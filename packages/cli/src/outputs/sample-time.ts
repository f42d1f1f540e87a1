/**
 * A sample's time as RFC 3339 with microseconds (k6 writes Go's RFC3339Nano): epoch milliseconds with a
 * fraction become "2026-12-07T10:00:00.123456Z".
 */
export function sampleTime(epochMs: number): string {
  const wholeMs = Math.floor(epochMs);
  const micros = Math.min(999, Math.round((epochMs - wholeMs) * 1000));
  return `${new Date(wholeMs).toISOString().slice(0, -1)}${String(micros).padStart(3, '0')}Z`;
}
