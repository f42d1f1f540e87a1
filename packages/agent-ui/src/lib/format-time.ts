/**
 * A moment as `2026-11-26 13:34:56` in the reader's time zone (or the one given, for tests); the UTC
 * form goes in a tooltip.
 */
export function formatLocalTime(epochMs: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** The UTC form for tooltips: `2026-11-26 12:34:56 UTC`. */
export function formatUtcTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '—';
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The time of day in the reader's zone, `13:34:56`, for moments within a run (UTC goes in a tooltip). */
export function formatLocalClock(epochMs: number, timeZone?: string): string {
  if (!Number.isFinite(epochMs)) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(epochMs));
}
