import type { MetricType } from './metric-type.js';
import type { ThresholdAggregation } from './threshold-expression.js';

const SUPPORTED: Readonly<Record<MetricType, readonly string[]>> = {
  counter: Object.freeze(['count', 'rate']),
  gauge: Object.freeze(['value']),
  rate: Object.freeze(['rate']),
  trend: Object.freeze(['avg', 'min', 'max', 'med', 'p(N)']),
};

/** The aggregation methods k6 allows in thresholds on a metric of this type; `p(N)` stands for any percentile. */
export function supportedAggregations(type: MetricType): readonly string[] {
  return SUPPORTED[type];
}

export function isAggregationSupported(aggregation: ThresholdAggregation, type: MetricType): boolean {
  const name = aggregation.kind === 'percentile' ? 'p(N)' : aggregation.kind;
  return SUPPORTED[type]?.includes(name) ?? false;
}
