import {
  type MetricType,
  parseThresholdExpression,
  type ThresholdOutcome,
  type ValueContains,
} from '@fpt/metrics';
import { formatBytes } from '@fpt/readable';
import { formatMetricValue } from './format-metric-value.js';
import { formatPercent } from './format-percent.js';
import { formatRate } from './format-rate.js';

/**
 * What a threshold saw, as the console shows it after the expression: `p(95)=148.21ms`, `rate=0.00%`,
 * `count=45`, `rate=6.56/s`, or `no data`. `contains` picks the unit; when omitted a trend is taken as
 * time (as all built-in trends but CLS are) and anything else as a plain number.
 */
export function formatThresholdObserved(
  outcome: Pick<ThresholdOutcome, 'expression' | 'noData' | 'observed'>,
  metricType: MetricType,
  contains: ValueContains = metricType === 'trend' ? 'time' : 'default',
): string {
  if (outcome.noData || outcome.observed === undefined) return 'no data';
  const observed = outcome.observed;
  const aggregation = aggregationKey(outcome.expression);
  switch (metricType) {
    case 'rate':
      return `${aggregation}=${formatPercent(observed)}`;
    case 'counter':
      if (aggregation === 'rate') {
        return `rate=${contains === 'data' ? `${formatBytes(observed)}/s` : formatRate(observed)}`;
      }
      return `${aggregation}=${formatMetricValue(observed, contains)}`;
    default:
      return `${aggregation}=${formatMetricValue(observed, contains)}`;
  }
}

function aggregationKey(expression: string): string {
  try {
    return parseThresholdExpression(expression).aggregationKey;
  } catch {
    // A summary only holds expressions that were parsed before the run, but a hand-made one may not:
    // show whatever stands before the operator rather than nothing.
    return expression.split(/[<>=!]/)[0]?.trim() || 'value';
  }
}
