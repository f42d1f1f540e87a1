/** A metric defined badly (invalid name, redefined with another type) or used before it was defined. */
export class MetricDefinitionError extends Error {
  readonly code = 'ERR_METRIC_DEFINITION';
  readonly metric: string;
  readonly hint: string;

  constructor(message: string, metric: string, hint: string) {
    super(message);
    this.name = 'MetricDefinitionError';
    this.metric = metric;
    this.hint = hint;
  }
}
