import { judgeP95 } from './compare-figures.js';
import { describeP95 } from './describe-change.js';
import type { MetricFigures } from './figures.js';
import { Change, type ComparedMetric, RowScope } from './gate-verdict.js';
import { pairByKey } from './pair-by-key.js';
import type { Tolerances } from './tolerances.js';
import { unpairedRow } from './unpaired-row.js';

/**
 * Judges each custom trend of times on both sides by its p95, exactly as a request's p95 is judged
 * (p95IncreasePct, minAbsoluteMs), so a regression of checkout_time fails the gate as a slower request
 * does. A metric on one side only is added or removed and not judged (pairByKey). p50 and p99 are kept
 * for context, as they are for requests.
 */
export function compareCustomMetrics(
  baselineRows: readonly MetricFigures[],
  currentRows: readonly MetricFigures[],
  tolerances: Tolerances,
): ComparedMetric[] {
  return pairByKey(baselineRows, currentRows, (row) => row.metric).map((pair): ComparedMetric => {
    if (pair.kind === 'added') return unpairedRow(RowScope.metric, pair.now.metric, pair.now, 'added');
    if (pair.kind === 'removed')
      return unpairedRow(RowScope.metric, pair.before.metric, pair.before, 'removed');
    const { before, now } = pair;
    const p95 = judgeP95(before.p95Ms, now.p95Ms, tolerances);
    const reason = describeP95(p95, tolerances);
    return {
      scope: RowScope.metric,
      name: before.metric,
      status: p95.change,
      baseline: before,
      current: now,
      p95,
      // A custom trend records no failures: its row has no error rate to judge.
      errorRate: null,
      reasons: [reason],
      failures: p95.change === Change.regression ? [reason] : [],
    };
  });
}
