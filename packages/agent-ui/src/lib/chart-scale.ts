import { formatCount, formatMs, formatPerSecond, isFigure, noValue, trimNumber } from '@fpt/readable';

/** What a chart's values are, so a hover reads "582 ms", "12.3/s", "0.40 %" rather than "582.231". */
export type ChartUnit = 'ms' | 'per-second' | 'percent' | 'count' | 'number';

export function formatChartValue(unit: ChartUnit | undefined, value: number | null | undefined): string {
  if (!isFigure(value)) return noValue;
  switch (unit) {
    case 'ms':
      return formatMs(value);
    case 'per-second':
      return formatPerSecond(value);
    case 'percent':
      return `${trimNumber(value)} %`;
    case 'count':
      return formatCount(value);
    default:
      return trimNumber(value);
  }
}

/**
 * A limit line further above the data than this (as a multiple of the data's peak) is not drawn to
 * scale: stretching a 50 ms line to a 500 ms limit would flatten it. It is marked as off the scale instead.
 */
export const LIMIT_REACH = 2;

export interface FittedScale {
  /** The top of the axis. */
  readonly max: number;
  /** For each limit, in order: drawn within the scale (true), or marked above it (false). */
  readonly drawn: readonly boolean[];
}

/**
 * The y axis of a chart with limit lines: from zero to a little above the data, taking in the limits that
 * are near enough to be read against it; a chart with no data yet takes in every limit.
 */
export function fitScale(dataMax: number | undefined, limits: readonly number[]): FittedScale {
  const peak = dataMax !== undefined && Number.isFinite(dataMax) && dataMax > 0 ? dataMax : undefined;
  const drawn = limits.map((limit) => peak === undefined || limit <= peak * LIMIT_REACH);
  const top = Math.max(peak ?? 0, ...limits.filter((_, i) => drawn[i]));
  // Room above the data for the marker of a limit that is off the scale, so it never covers a line.
  const headroom = drawn.every(Boolean) ? 1.1 : OFF_SCALE_HEADROOM;
  return { max: top > 0 ? top * headroom : 1, drawn };
}

/** The axis top as a multiple of the data's peak when a limit is marked above it: a band for the marker. */
export const OFF_SCALE_HEADROOM = 1.3;

/** The largest finite value of some columns, or undefined when they hold none. */
export function peakOf(columns: readonly (readonly (number | null | undefined)[])[]): number | undefined {
  let peak: number | undefined;
  for (const column of columns)
    for (const value of column)
      if (
        value !== null &&
        value !== undefined &&
        Number.isFinite(value) &&
        (peak === undefined || value > peak)
      )
        peak = value;
  return peak;
}

/** Tick steps for an axis of counts (VUs): whole numbers only, so a 1-VU axis never reads "0.2, 0.4". */
const wholeSteps = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000,
  1_000_000,
];

/** The tick steps of an axis whose lines all count things; undefined (uPlot's own) otherwise. */
export function countAxisSteps(units: readonly (ChartUnit | undefined)[]): number[] | undefined {
  return units.length > 0 && units.every((unit) => unit === 'count') ? wholeSteps : undefined;
}
