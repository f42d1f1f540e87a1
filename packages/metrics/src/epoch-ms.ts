/**
 * Instants as the summary writes them (ISO 8601) and as the failure log keeps them (epoch ms). Pure
 * conversions of a moment the caller gives: nothing here reads a clock.
 */
export function isoFromEpochMs(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** NaN when the text is not a date. */
export function epochMsFromIso(iso: string): number {
  return Date.parse(iso);
}
