import {
  describeThreshold,
  type ThresholdDescription,
  type ThresholdOutcomeFacts,
} from './describe-threshold.js';
import { failingFirst, isCrossed } from './threshold-status.js';
import type { MetricFacts } from './value-kind.js';

/** Every threshold in words, crossed ones first (then those without data), in the summary's order otherwise. */
export function describeThresholds(
  outcomes: readonly ThresholdOutcomeFacts[],
  metrics: Readonly<Record<string, MetricFacts>>,
): ThresholdDescription[] {
  return outcomes
    .map((outcome, i) => ({ description: describeThreshold(outcome, metrics), i }))
    .sort((a, b) => failingFirst[a.description.status] - failingFirst[b.description.status] || a.i - b.i)
    .map((t) => t.description);
}

/**
 * The threshold a verdict names as its reason: the first crossed one or, when abortOnFail stopped the run,
 * the first crossed one that asked to stop it. Undefined when none crossed.
 */
export function firstReason(
  thresholds: readonly ThresholdDescription[],
  abortedByThreshold = false,
): ThresholdDescription | undefined {
  const crossed = thresholds.filter((t) => isCrossed(t.status));
  return (abortedByThreshold ? crossed.find((t) => t.abortOnFail) : undefined) ?? crossed[0];
}
