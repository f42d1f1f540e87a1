import { parseMetricSelector, type ThresholdOutcome } from '@fpt/metrics';
import type { Preset } from '@fpt/preset';

export type ThresholdSpecs = NonNullable<Preset['thresholds']>;

/**
 * The thresholds a run evaluated, as a preset would write them, rebuilt from its summary: the fleet
 * evaluates exactly what the agents ran (their preset, their interpolation), without a copy of its own.
 */
export function thresholdSpecsOf(outcomes: readonly ThresholdOutcome[]): ThresholdSpecs {
  const specs: Record<string, { threshold: string; abortOnFail: boolean; allowNoData: boolean }[]> = {};
  for (const outcome of outcomes) {
    const list = Object.hasOwn(specs, outcome.metric) ? specs[outcome.metric]! : [];
    list.push({
      threshold: outcome.expression,
      abortOnFail: outcome.abortOnFail,
      allowNoData: outcome.allowNoData,
    });
    specs[outcome.metric] = list;
  }
  return specs;
}

/** The region a threshold key filters on (`http_req_duration{region:far-a}`), if any. */
export function thresholdRegion(key: string): string | undefined {
  try {
    return parseMetricSelector(key).filter.region;
  } catch {
    return undefined;
  }
}

/** The thresholds that make sense on one region's data alone: all but those filtered on another region. */
export function regionThresholdSpecs(specs: ThresholdSpecs, region: string): ThresholdSpecs {
  return Object.fromEntries(
    Object.entries(specs).filter(([key]) => {
      const filtered = thresholdRegion(key);
      return filtered === undefined || filtered === region;
    }),
  );
}
