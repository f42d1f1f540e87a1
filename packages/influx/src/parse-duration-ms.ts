const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/**
 * k6-style duration (`1s`, `500ms`, `1m30s`; a bare number is milliseconds, as in k6's JSON config) to
 * milliseconds; undefined when the text is not one.
 */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) return undefined;
  let total = 0;
  for (const [, amount, unit] of parts) total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return total;
}
