import { type MetricSelector, parseMetricSelector, type ThresholdOutcome } from '@fpt/metrics';

/** The metric and tag filter a threshold is on; undefined for a key that does not parse. */
export function thresholdSelector(outcome: ThresholdOutcome): MetricSelector | undefined {
  try {
    return parseMetricSelector(outcome.metric);
  } catch {
    // Keys were validated when the preset loaded; a hand-made summary can still hold a bad one.
    return undefined;
  }
}
