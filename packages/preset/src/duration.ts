/**
 * k6-style durations: "500ms", "30s", "1m30s", "2h", "1.5s". A bare number is refused on purpose:
 * k6 reads numbers as milliseconds in some places and seconds in others, and a preset should not
 * depend on which.
 */
const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const durationPattern = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const partPattern = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

export function isDuration(text: string): boolean {
  return durationPattern.test(text.trim());
}

/** Parses a duration string into milliseconds; throws RangeError on anything else. */
export function parseDurationMs(text: string): number {
  const trimmed = text.trim();
  if (!durationPattern.test(trimmed)) {
    throw new RangeError(
      `"${text}" is not a duration: write a number with a unit, for example 500ms, 30s, 1m30s or 2h`,
    );
  }
  let totalMs = 0;
  for (const match of trimmed.matchAll(partPattern)) {
    totalMs += Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
  }
  return totalMs;
}

/** Formats milliseconds the way k6 prints durations: 1m30s, 2.5s, 250ms. */
export function formatDuration(durationMs: number): string {
  if (durationMs < 1000) return `${Math.round(durationMs)}ms`;
  let rest = Math.round(durationMs);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = rest / 1000;
  let out = '';
  if (hours > 0) out += `${hours}h`;
  if (minutes > 0) out += `${minutes}m`;
  if (seconds > 0 || out === '') out += `${Number(seconds.toFixed(3))}s`;
  return out;
}
