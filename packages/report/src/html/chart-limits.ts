import {
  parseMetricSelector,
  parseThresholdExpression,
  type ThresholdExpression,
  type ThresholdOperator,
  type ThresholdOutcome,
} from '@fpt/metrics';
import { formatMs, formatPerSecond, formatShare, operatorSymbol } from '@fpt/readable';

/** Which timeline column a threshold can be drawn against. */
export type LimitTarget = 'requestsPerSec' | 'errorRatePct' | 'p50Ms' | 'p95Ms' | 'p99Ms' | 'latency';

export interface ChartLimit {
  readonly target: LimitTarget;
  readonly chart: 'throughput' | 'latency' | 'errors';
  readonly label: string;
  /** In the chart's unit: ms, %, per second. */
  readonly value: number;
  readonly op: ThresholdOperator;
  /** Whether the compared series is on the chart, so breached intervals can be shaded. */
  readonly shaded: boolean;
}

/**
 * Thresholds that belong on the whole-run timeline charts as limit lines: latency percentiles of all
 * (or all successful) requests, the failed-request rate and the request rate. A threshold on a
 * sub-metric such as {name:login} is left to the table, since the timeline mixes every request.
 */
export function chartLimits(thresholds: readonly ThresholdOutcome[]): {
  readonly limits: readonly ChartLimit[];
  readonly undrawn: number;
} {
  const limits: ChartLimit[] = [];
  const seen = new Set<string>();
  let undrawn = 0;
  for (const outcome of thresholds) {
    const limit = limitOf(outcome);
    if (limit === undefined) {
      undrawn++;
      continue;
    }
    const key = `${limit.target}|${limit.op}|${limit.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    limits.push(limit);
  }
  return { limits, undrawn };
}

function limitOf(outcome: ThresholdOutcome): ChartLimit | undefined {
  let metric: string;
  let filter: Readonly<Record<string, string>>;
  let expression: ThresholdExpression;
  try {
    ({ metric, filter } = parseMetricSelector(outcome.metric));
    expression = parseThresholdExpression(outcome.expression);
  } catch {
    return undefined;
  }
  const filterKeys = Object.keys(filter);
  const wholeRun = filterKeys.length === 0;
  const successfulOnly = filterKeys.length === 1 && filter['expected_response'] === 'true';
  const { aggregation, operator: op, value } = expression;
  const words = `${expression.aggregationKey} ${operatorSymbol[op]}`;

  if (metric === 'http_req_duration' && (wholeRun || successfulOnly)) {
    const percentile =
      aggregation.kind === 'percentile'
        ? aggregation.percentile
        : aggregation.kind === 'med'
          ? 50
          : undefined;
    const target: LimitTarget =
      percentile === 50 ? 'p50Ms' : percentile === 95 ? 'p95Ms' : percentile === 99 ? 'p99Ms' : 'latency';
    const scope = successfulOnly ? ' (successful requests)' : '';
    return {
      target,
      chart: 'latency',
      label: `limit ${words} ${formatMs(value)}${scope}`,
      value,
      op,
      // The chart's p-lines cover every request; shading them against a successful-only limit would mislead.
      shaded: target !== 'latency' && wholeRun,
    };
  }
  if (metric === 'http_req_failed' && wholeRun && aggregation.kind === 'rate') {
    return {
      target: 'errorRatePct',
      chart: 'errors',
      label: `limit rate ${operatorSymbol[op]} ${formatShare(value)}`,
      value: value * 100,
      op,
      shaded: true,
    };
  }
  if (metric === 'http_reqs' && wholeRun && aggregation.kind === 'rate') {
    return {
      target: 'requestsPerSec',
      chart: 'throughput',
      label: `limit rate ${operatorSymbol[op]} ${formatPerSecond(value)}`,
      value,
      op,
      shaded: true,
    };
  }
  return undefined;
}
