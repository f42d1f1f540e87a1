import { isTrendStat } from '@fpt/metrics';
import type { ExecutionSegment } from '@fpt/preset';
import { InvalidArgumentError } from 'commander';

/** Accumulates repeated KEY=VALUE options into an object. */
export function collectPairs(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}"`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return parsed;
}

export function collectList(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function portNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
    throw new InvalidArgumentError(`expected a port from 0 to 65535, got "${value}"`);
  return parsed;
}

/** "i/n": share i (0-based) of a run split into n parts. */
export function executionSegment(value: string): ExecutionSegment {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count)
    throw new InvalidArgumentError(`expected i/n with 0 <= i < n, e.g. 0/2, got "${value}"`);
  return { index, count };
}

/** A number ≥ 0, decimals allowed: tolerances in %, percentage points or ms. */
export function nonNegativeNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0)
    throw new InvalidArgumentError(`expected a number ≥ 0, got "${value}"`);
  return parsed;
}

/** k6's --summary-trend-stats: "avg,min,med,max,p(95),p(99.9),count"; each one checked. */
export function trendStats(value: string): string[] {
  const stats = value
    .split(',')
    .map((stat) => stat.trim())
    .filter((stat) => stat !== '');
  const bad = stats.filter((stat) => !isTrendStat(stat));
  if (stats.length === 0 || bad.length > 0)
    throw new InvalidArgumentError(
      `${bad.length > 0 ? `unknown trend stat ${bad.map((b) => `"${b}"`).join(', ')}` : 'no trend stat given'}: use avg, min, med, max, count or p(N), comma-separated, e.g. avg,p(95),p(99.9)`,
    );
  return stats;
}
