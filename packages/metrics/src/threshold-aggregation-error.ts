/** An aggregation the metric's type does not have, such as p(95) on a rate. k6 exits 104 on these. */
export class ThresholdAggregationError extends Error {
  readonly code = 'ERR_THRESHOLD_AGGREGATION';
  readonly expression: string;
  readonly metricType: string;
  readonly hint: string;

  constructor(expression: string, aggregationKey: string, metricType: string, supported: readonly string[]) {
    super(
      `invalid threshold ${JSON.stringify(expression)}: ${aggregationKey} is not available on a ${metricType} metric`,
    );
    this.name = 'ThresholdAggregationError';
    this.expression = expression;
    this.metricType = metricType;
    this.hint = `a ${metricType} metric supports ${supported.join(', ')}`;
  }
}
