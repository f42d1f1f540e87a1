import type { MetricType } from './metric-type.js';
import type { Sink } from './sink.js';
import { isAggregationSupported, supportedAggregations } from './supported-aggregations.js';
import { ThresholdAggregationError } from './threshold-aggregation-error.js';
import type { ThresholdAggregation, ThresholdExpression, ThresholdOperator } from './threshold-expression.js';
import { trendAggregate } from './trend-aggregate.js';

export interface ThresholdEvaluation {
  readonly ok: boolean;
  /** The aggregated value compared against the expression's number; undefined with no data. */
  readonly observed: number | undefined;
  /** True when the metric had no samples (or a counter rate before any time passed). */
  readonly noData: boolean;
}

const NO_DATA: ThresholdEvaluation = Object.freeze({ ok: false, observed: undefined, noData: true });

/** Throws ThresholdAggregationError when the expression's aggregation does not exist for the metric type. */
export function assertAggregationSupported(expression: ThresholdExpression, type: MetricType): void {
  if (!isAggregationSupported(expression.aggregation, type)) {
    throw new ThresholdAggregationError(
      expression.source,
      expression.aggregationKey,
      type,
      supportedAggregations(type),
    );
  }
}

/**
 * Evaluates one expression against a (possibly aggregated) sink. Trend values are in the sink's unit
 * (ms for time trends), rates are fractions, and a counter's `rate` is per second of `elapsedMs`.
 *
 * Unlike k6, which passes a threshold whose metric has no value, a missing or empty sink fails with
 * `noData: true`: a run where every request threw should not pass `http_req_failed: rate<0.01`.
 * Callers that want k6's behaviour can treat noData as a pass.
 */
export function evaluateThreshold(
  expression: ThresholdExpression,
  sink: Sink | undefined,
  elapsedMs: number,
): ThresholdEvaluation {
  if (sink === undefined || sink.empty) return NO_DATA;
  assertAggregationSupported(expression, sink.type);
  const observed = observe(expression.aggregation, sink, elapsedMs);
  if (observed === undefined) return NO_DATA;
  return { ok: compare(observed, expression.operator, expression.value), observed, noData: false };
}

function observe(aggregation: ThresholdAggregation, sink: Sink, elapsedMs: number): number | undefined {
  switch (sink.type) {
    case 'counter':
      if (aggregation.kind === 'count') return sink.count;
      // k6 skips a counter rate while no time has passed rather than dividing by zero.
      return elapsedMs > 0 ? sink.ratePerSec(elapsedMs) : undefined;
    case 'gauge':
      return sink.value;
    case 'rate':
      return sink.rate;
    case 'trend':
      return trendAggregate(sink, aggregation);
  }
}

export function compare(observed: number, operator: ThresholdOperator, value: number): boolean {
  switch (operator) {
    case '<':
      return observed < value;
    case '<=':
      return observed <= value;
    case '>':
      return observed > value;
    case '>=':
      return observed >= value;
    case '==':
      return observed === value;
    case '!=':
      return observed !== value;
  }
}
