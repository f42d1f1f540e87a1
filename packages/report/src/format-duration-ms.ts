import { truncateDecimals } from './truncate-decimals.js';

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60_000;
const SECONDS_PER_HOUR = 3600;

/**
 * A duration in milliseconds as k6's summary shows it: the unit picked per value (`850µs`, `148.21ms`,
 * `1.2s`, `1m2s`, `1h0m5s`), at most two decimals, truncated rather than rounded.
 */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return '-' + formatDurationMs(-ms);
  if (ms === 0) return '0s';
  if (ms < 0.001) return `${Math.trunc(Number((ms * 1e6).toPrecision(12)))}ns`;
  if (ms < 1) return `${truncateDecimals(ms * 1000, 2)}µs`;
  if (ms < MS_PER_SECOND) return `${truncateDecimals(ms, 2)}ms`;
  if (ms < MS_PER_MINUTE) return `${truncateDecimals(ms / MS_PER_SECOND, 2)}s`;
  // From a minute on, sub-second digits are noise next to the minutes, so k6 drops them.
  const totalSeconds = Math.trunc(Number((ms / MS_PER_SECOND).toPrecision(15)));
  const hours = Math.trunc(totalSeconds / SECONDS_PER_HOUR);
  const minutes = Math.trunc(totalSeconds / 60) % 60;
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}h${minutes}m${seconds}s` : `${minutes}m${seconds}s`;
}
