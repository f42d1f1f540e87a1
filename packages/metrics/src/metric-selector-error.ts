/** A threshold key such as `http_req_duration{name:login}` that cannot be parsed. k6 exits 104 on these. */
export class MetricSelectorError extends Error {
  readonly code = 'ERR_METRIC_SELECTOR';
  /** The key as written. */
  readonly selector: string;
  readonly hint: string;

  constructor(selector: string, problem: string, hint: string) {
    super(`invalid metric ${JSON.stringify(selector)}: ${problem}`);
    this.name = 'MetricSelectorError';
    this.selector = selector;
    this.hint = hint;
  }
}
