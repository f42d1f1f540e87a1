import type { ThresholdAggregation } from './threshold-expression.js';
import type { TrendSink } from './trend-sink.js';

/** A trend's value for one aggregation (avg, min, max, med, p(N)); undefined for counter/rate-only kinds. */
export function trendAggregate(sink: TrendSink, aggregation: ThresholdAggregation): number | undefined {
  switch (aggregation.kind) {
    case 'percentile':
      return sink.percentile(aggregation.percentile);
    case 'avg':
      return sink.avg;
    case 'min':
      return sink.min;
    case 'max':
      return sink.max;
    case 'med':
      return sink.med;
    default:
      return undefined;
  }
}
